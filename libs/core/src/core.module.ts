import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntry } from './audit/audit-entry.entity';
import { AuditService } from './audit/audit.service';
import { Clock, SystemClock } from './clock/clock';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { JobLockService } from './jobs/job-lock.service';

/** What every lib needs: config, the database, the clock, audit and job locks. */
@Global()
@Module({
  imports: [ConfigModule, DatabaseModule.forRoot(), TypeOrmModule.forFeature([AuditEntry])],
  providers: [{ provide: Clock, useClass: SystemClock }, AuditService, JobLockService],
  exports: [ConfigModule, Clock, AuditService, JobLockService],
})
export class CoreModule {}

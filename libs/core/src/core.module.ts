import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntry } from './audit/audit-entry.entity';
import { AuditService } from './audit/audit.service';
import { Clock, SystemClock } from './clock/clock';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { WriteGate } from './database/write-gate';
import { JobLockService } from './jobs/job-lock.service';

/** What every lib needs: config, the database, the clock, audit, job locks and the write gate. */
@Global()
@Module({
  imports: [ConfigModule, DatabaseModule.forRoot(), TypeOrmModule.forFeature([AuditEntry])],
  providers: [{ provide: Clock, useClass: SystemClock }, AuditService, JobLockService, WriteGate],
  exports: [ConfigModule, Clock, AuditService, JobLockService, WriteGate],
})
export class CoreModule {}

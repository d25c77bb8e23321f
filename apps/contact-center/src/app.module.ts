import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthModule } from '@app/auth';
import { AppExceptionFilter, CoreModule } from '@app/core';
import { CustomersModule } from '@app/customers';
import { AuditController } from './audit.controller';
import { HealthController } from './health.controller';

@Module({
  imports: [CoreModule, ScheduleModule.forRoot(), AuthModule, CustomersModule],
  controllers: [HealthController, AuditController],
  providers: [{ provide: APP_FILTER, useClass: AppExceptionFilter }],
})
export class AppModule {}

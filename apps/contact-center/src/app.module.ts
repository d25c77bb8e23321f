import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { AgentDeskModule } from '@app/agent-desk';
import { AuthModule } from '@app/auth';
import { CampaignsModule } from '@app/campaigns';
import { AppExceptionFilter, CoreModule } from '@app/core';
import { ConversationsModule } from '@app/conversations';
import { CustomersModule } from '@app/customers';
import { DispatchModule } from '@app/dispatch';
import { ScriptsModule } from '@app/scripts';
import { SegmentsModule } from '@app/segments';
import { AuditController } from './audit.controller';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

@Module({
  imports: [CoreModule, ScheduleModule.forRoot(), EventEmitterModule.forRoot(), AuthModule, CustomersModule, SegmentsModule, ScriptsModule, CampaignsModule, DispatchModule, ConversationsModule, AgentDeskModule],
  controllers: [HealthController, AuditController, MetricsController],
  providers: [{ provide: APP_FILTER, useClass: AppExceptionFilter }, MetricsService],
})
export class AppModule {}

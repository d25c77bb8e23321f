import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Campaign, CampaignStep, CampaignsModule, ContactAttempt } from '@app/campaigns';
import { Customer, CustomersModule } from '@app/customers';
import { ScriptsModule } from '@app/scripts';
import { ProviderEventSink, TelephonyModule, TwilioWebhooksController } from '@app/telephony';
import { AttemptClaims } from './dispatcher/attempt-claims.repository';
import { DispatchLoop } from './dispatcher/dispatch.loop';
import { Dispatcher } from './dispatcher/dispatcher.service';
import { FailureRecorder } from './dispatcher/failure-recorder';
import { MessageRenderer } from './dispatcher/message-renderer';
import { Reconciler } from './dispatcher/reconciler.service';
import { SendTimeCheck } from './dispatcher/send-time-check';
import { InboundSmsService } from './inbound/inbound-sms.service';
import { AttemptOutcomes } from './outcomes/attempt-outcomes.service';
import { DirtyCampaigns } from './outcomes/dirty-campaigns';
import { DispatchEventSink } from './outcomes/dispatch-event-sink';
import { TimelineWriter } from './outcomes/timeline-writer';
import { RateLimiter } from './pacing/rate-limiter.service';
import { AttemptReviewController } from './review/attempt-review.controller';
import { AttemptReview } from './review/attempt-review.service';

/**
 * Dispatch (DESIGN §3): the attempts outbox, its leases and pacing, the dispatcher loop, and the
 * carrier's callbacks turned into attempt outcomes (this lib implements telephony's sink).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Campaign, CampaignStep, ContactAttempt, Customer]), CustomersModule, ScriptsModule, CampaignsModule, TelephonyModule],
  controllers: [TwilioWebhooksController, AttemptReviewController],
  providers: [
    AttemptClaims,
    AttemptOutcomes,
    AttemptReview,
    DirtyCampaigns,
    Dispatcher,
    DispatchLoop,
    FailureRecorder,
    InboundSmsService,
    MessageRenderer,
    RateLimiter,
    Reconciler,
    SendTimeCheck,
    TimelineWriter,
    { provide: ProviderEventSink, useClass: DispatchEventSink },
  ],
  exports: [AttemptClaims, AttemptOutcomes, Dispatcher, DispatchLoop, Reconciler, InboundSmsService, MessageRenderer],
})
export class DispatchModule {}

import { Injectable } from '@nestjs/common';
import { type InboundSms, type ProviderEvent, ProviderEventSink } from '@app/telephony';
import { InboundSmsService } from '../inbound/inbound-sms.service';
import { AttemptOutcomes } from './attempt-outcomes.service';

/** Where the telephony webhooks deliver: status callbacks to the attempts, customers' SMS to the inbound handler. */
@Injectable()
export class DispatchEventSink extends ProviderEventSink {
  constructor(
    private readonly outcomes: AttemptOutcomes,
    private readonly inbound: InboundSmsService,
  ) {
    super();
  }

  async onStatus(event: ProviderEvent): Promise<void> {
    await this.outcomes.apply(event, 'callback');
  }

  onInboundSms(sms: InboundSms): Promise<string | null> {
    return this.inbound.receive(sms);
  }
}

import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import type { ProviderKind } from '../port/provider-event';

/** The public URLs a carrier calls back on (DESIGN §5), built on PUBLIC_BASE_URL. */
@Injectable()
export class TelephonyUrls {
  constructor(private readonly config: AppConfig) {}

  get base(): string {
    return this.config.publicBaseUrl;
  }

  /** Status callbacks carry the sender's reference back in `ref`, so a callback that outruns the carrier's answer still finds its attempt. */
  statusCallback(kind: ProviderKind, ref: string): string {
    return `${this.base}/webhooks/twilio/${kind === 'call' ? 'voice' : 'sms'}/status?ref=${encodeURIComponent(ref)}`;
  }

  /** What an answered call is told to do. */
  answer(attemptId: string | number): string {
    return `${this.base}/webhooks/twilio/voice/twiml/${encodeURIComponent(String(attemptId))}`;
  }
}

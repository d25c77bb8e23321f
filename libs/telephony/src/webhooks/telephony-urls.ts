import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import type { ProviderKind } from '../port/provider-event';
import { relayUrl } from '../relay/relay-protocol';

/** Where ConversationRelay connects for AI calls (DESIGN §5). */
export const RELAY_PATH = '/webhooks/twilio/relay';

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

  /** The ConversationRelay websocket (ws:// or wss://, as PUBLIC_BASE_URL is http or https). */
  relay(): string {
    return relayUrl(this.base, RELAY_PATH);
  }

  /** Where the carrier posts when an AI call's relay session ends (`<Connect action>`): a handoff is bridged here. */
  relayAction(attemptId: string | number): string {
    return `${this.base}/webhooks/twilio/voice/relay-action/${encodeURIComponent(String(attemptId))}`;
  }
}

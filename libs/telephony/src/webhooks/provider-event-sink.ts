import type { ProviderEvent } from '../port/provider-event';
import type { InboundSms } from '../port/telephony-provider';

/**
 * Where verified carrier callbacks go (a port: dispatch implements it, so telephony never learns
 * what an attempt is). A handler must be idempotent and only move states forward; if it throws,
 * the webhook answers 500 and the carrier retries.
 */
export abstract class ProviderEventSink {
  abstract onStatus(event: ProviderEvent): Promise<void>;
  /** Answers the text to reply with, or null for no reply. */
  abstract onInboundSms(sms: InboundSms): Promise<string | null>;
}

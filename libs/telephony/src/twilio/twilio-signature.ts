import twilio from 'twilio';
import type { ProviderEvent, ProviderKind } from '../port/provider-event';
import type { InboundSms, Verified } from '../port/telephony-provider';
import { normalizeTwilioCallback, readTwilioInbound } from './twilio-callbacks';

/**
 * Twilio's request signature (X-Twilio-Signature: HMAC-SHA1 of the full URL and the sorted POST
 * parameters, keyed by the auth token). The simulator signs its callbacks the same way, so one
 * check guards the webhooks whichever provider runs.
 */
export class TwilioSignature {
  constructor(private readonly authToken: string) {}

  sign(url: string, params: Record<string, string>): string {
    return twilio.getExpectedTwilioSignature(this.authToken, url, params);
  }

  verify(url: string, params: Record<string, string>, signature: string | undefined): boolean {
    return !!signature && twilio.validateRequest(this.authToken, signature, url, params);
  }

  callback(kind: ProviderKind, url: string, params: Record<string, string>, signature: string | undefined, receivedAt: Date): Verified<ProviderEvent> {
    if (!this.verify(url, params, signature)) return { ok: false, problem: 'signature' };
    const event = normalizeTwilioCallback(kind, url, params, receivedAt);
    return event ? { ok: true, value: event } : { ok: false, problem: 'malformed' };
  }

  inbound(url: string, params: Record<string, string>, signature: string | undefined, receivedAt: Date): Verified<InboundSms> {
    if (!this.verify(url, params, signature)) return { ok: false, problem: 'signature' };
    const sms = readTwilioInbound(params, receivedAt);
    return sms ? { ok: true, value: sms } : { ok: false, problem: 'malformed' };
  }
}

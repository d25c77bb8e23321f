import type { CallStatus, ProviderEvent, ProviderKind, SmsStatus } from '../port/provider-event';
import type { InboundSms } from '../port/telephony-provider';

/** Twilio's call statuses (CallStatus) in the port's words. */
const CALL: Record<string, CallStatus> = {
  queued: 'queued',
  initiated: 'initiated',
  ringing: 'ringing',
  'in-progress': 'answered',
  answered: 'answered',
  completed: 'completed',
  busy: 'busy',
  'no-answer': 'no_answer',
  failed: 'failed',
  canceled: 'canceled',
};

/** Twilio's message statuses (MessageStatus); `read` is WhatsApp's delivered-and-read. */
const SMS: Record<string, SmsStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

// own keys only: a status named 'constructor' is no status
export function callStatusOf(twilioStatus: string): CallStatus | null {
  return Object.hasOwn(CALL, twilioStatus) ? CALL[twilioStatus] : null;
}

export function smsStatusOf(twilioStatus: string): SmsStatus | null {
  return Object.hasOwn(SMS, twilioStatus) ? SMS[twilioStatus] : null;
}

/** A carrier id as the provider_events table keeps it (Twilio's are 34 characters). */
const ID_MAX = 64;

function carrierId(value: string | undefined): string | null {
  return value && value.length <= ID_MAX ? value : null;
}

/** The `ref` query parameter the status callback URL was built with. */
export function refOf(url: string): string | null {
  try {
    return new URL(url).searchParams.get('ref');
  } catch {
    return null;
  }
}

/**
 * A Twilio status callback's form parameters as a provider event; null when it names no known
 * status or no id (the controller answers 400).
 */
export function normalizeTwilioCallback(kind: ProviderKind, url: string, params: Record<string, string>, receivedAt: Date): ProviderEvent | null {
  const providerId = carrierId(kind === 'call' ? params.CallSid : (params.MessageSid ?? params.SmsSid));
  const status = kind === 'call' ? callStatusOf(params.CallStatus ?? '') : smsStatusOf(params.MessageStatus ?? params.SmsStatus ?? '');
  if (!providerId || !status) return null;
  // voice callbacks carry an RFC 2822 Timestamp; message callbacks carry none
  const stamped = params.Timestamp ? new Date(params.Timestamp) : null;
  const at = stamped && !Number.isNaN(stamped.getTime()) ? stamped : receivedAt;
  const duration = params.CallDuration !== undefined ? Number(params.CallDuration) : undefined;
  return {
    providerId,
    kind,
    status,
    at,
    ref: refOf(url),
    // whole seconds within a day's calls; anything else is no duration
    durationSeconds: duration !== undefined && Number.isInteger(duration) && duration >= 0 && duration <= 86_400 ? duration : undefined,
    errorCode: params.ErrorCode || null,
    raw: params,
  };
}

/** An inbound message's form parameters (MessageSid, From, To, Body). */
export function readTwilioInbound(params: Record<string, string>, receivedAt: Date): InboundSms | null {
  const providerId = carrierId(params.MessageSid ?? params.SmsSid);
  if (!providerId || !params.From) return null;
  return { providerId, from: params.From, to: params.To ?? '', body: params.Body ?? '', at: receivedAt };
}

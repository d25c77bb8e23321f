/** What a carrier's callback says, carrier-neutral: dispatch and conversations consume only this. */
export type ProviderKind = 'call' | 'sms';

export type CallStatus = 'queued' | 'initiated' | 'ringing' | 'answered' | 'completed' | 'busy' | 'no_answer' | 'failed' | 'canceled';
export type SmsStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed';
export type ProviderStatus = CallStatus | SmsStatus;

export interface ProviderEvent {
  /** The carrier's id of the call or message (Twilio: CA…/SM…). */
  providerId: string;
  kind: ProviderKind;
  status: ProviderStatus;
  /** When the carrier says it happened (its timestamp when it gives one, else when received). */
  at: Date;
  /** The correlation the sender put on the request (dispatch: the attempt id), when the callback carries it back. */
  ref: string | null;
  /** Call length in seconds, on a completed call. */
  durationSeconds?: number;
  /** The carrier's error code and text, on a failure. */
  errorCode?: string | null;
  /** Every parameter as received, for the record. */
  raw: Record<string, string>;
}

const CALL_RANK: Record<CallStatus, number> = { queued: 1, initiated: 2, ringing: 3, answered: 4, completed: 9, busy: 9, no_answer: 9, failed: 9, canceled: 9 };
const SMS_RANK: Record<SmsStatus, number> = { queued: 1, sending: 2, sent: 3, delivered: 9, undelivered: 9, failed: 9 };

/**
 * A status's place in the life of a call or message. States only move to a higher rank: a late
 * `ringing` after `completed` is recorded but changes nothing, and the first final status wins.
 */
export function statusRank(kind: ProviderKind, status: ProviderStatus): number {
  const rank = kind === 'call' ? CALL_RANK[status as CallStatus] : SMS_RANK[status as SmsStatus];
  if (rank === undefined) throw new Error(`unknown ${kind} status ${status}`);
  return rank;
}

export const FINAL_RANK = 9;

export function isFinal(kind: ProviderKind, status: ProviderStatus): boolean {
  return statusRank(kind, status) === FINAL_RANK;
}

export const CALL_STATUSES = Object.keys(CALL_RANK) as CallStatus[];
export const SMS_STATUSES = Object.keys(SMS_RANK) as SmsStatus[];

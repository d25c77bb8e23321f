import type { ProviderEvent, ProviderKind, ProviderStatus } from './provider-event';

export interface PlaceCallRequest {
  /** E.164. */
  to: string;
  /** E.164; the provider's configured number when absent. */
  from?: string;
  /** Where the carrier asks what to do once the call is answered (TwiML for Twilio). */
  answerUrl: string;
  /** Where the carrier reports the call's progress. */
  statusCallbackUrl: string;
  /** Seconds to let it ring before giving up. */
  ringSeconds?: number;
}

export interface SendSmsRequest {
  to: string;
  body: string;
  statusCallbackUrl: string;
}

/** What the carrier said when it accepted a call or message. */
export interface ProviderAccepted {
  providerId: string;
  status: ProviderStatus;
}

/** A call or message as the carrier knows it now. */
export interface ProviderRecord {
  providerId: string;
  kind: ProviderKind;
  to: string;
  status: ProviderStatus;
  createdAt: Date;
  durationSeconds?: number;
  errorCode?: string | null;
}

/** A callback read: its value, or why it was refused (a wrong signature, or no id or known status). */
export type Verified<T> = { ok: true; value: T } | { ok: false; problem: 'signature' | 'malformed' };

/** An SMS a customer sent to the bank's number. */
export interface InboundSms {
  providerId: string;
  from: string;
  to: string;
  body: string;
  at: Date;
}

export interface RecipientWindow {
  kind: ProviderKind;
  to: string;
  /** Created at or after this instant… */
  from: Date;
  /** …and at or before this one. */
  until: Date;
}

/**
 * The carrier port (an abstract class is the DI token). Narrow on purpose: a licensed domestic
 * carrier must fit behind it, since Twilio does not terminate calls in mainland China. Methods
 * throw ProviderError, classified so the caller knows whether a retry is safe.
 */
export abstract class TelephonyProvider {
  /** `twilio`, `simulator`… */
  abstract readonly name: string;
  /** The account the rate limits apply to. */
  abstract readonly account: string;

  abstract placeCall(request: PlaceCallRequest): Promise<ProviderAccepted>;
  abstract sendSms(request: SendSmsRequest): Promise<ProviderAccepted>;
  abstract hangup(providerId: string): Promise<void>;
  /** The call or message by the id the carrier gave; null when the carrier does not know it. */
  abstract lookup(kind: ProviderKind, providerId: string): Promise<ProviderRecord | null>;
  /** Calls or messages to a number created in a time window: how a request whose answer was lost is found. */
  abstract findByRecipient(window: RecipientWindow): Promise<ProviderRecord[]>;
  /** Checks a status callback's signature and reads it. `url` is the full public URL the carrier posted to. */
  abstract verifyCallback(kind: ProviderKind, url: string, params: Record<string, string>, signature: string | undefined): Verified<ProviderEvent>;
  /** Checks an inbound SMS's signature and reads it. */
  abstract verifyInboundSms(url: string, params: Record<string, string>, signature: string | undefined): Verified<InboundSms>;
  /** Whether any other request came from the carrier: the relay websocket's upgrade, the relay session's end. */
  abstract verifyRequest(url: string, params: Record<string, string>, signature: string | undefined): boolean;
}

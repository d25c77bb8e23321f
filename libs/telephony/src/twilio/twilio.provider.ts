import twilio from 'twilio';
import type { CallInstance } from 'twilio/lib/rest/api/v2010/account/call';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message';
import type { Clock } from '@app/core';
import { ProviderError } from '../port/provider-error';
import type { ProviderEvent, ProviderKind, ProviderStatus } from '../port/provider-event';
import { type InboundSms, type PlaceCallRequest, type ProviderAccepted, type ProviderRecord, type RecipientWindow, type SendSmsRequest, TelephonyProvider, type Verified } from '../port/telephony-provider';
import { callStatusOf, smsStatusOf } from './twilio-callbacks';
import { TwilioHttpClient, toProviderError } from './twilio-http-client';
import { TwilioSignature } from './twilio-signature';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  fromNumber: string | null;
  messagingServiceSid: string | null;
  /** A Twilio-compatible server to send the REST calls to instead of api.twilio.com. */
  apiBaseUrl: string | null;
  timeoutSeconds: number;
}

/** Every progress event, so dispatch sees a call ring and get answered, not only its end. */
const CALL_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];
/** Enough for one recipient's calls in a lookup window; a longer list means something else is wrong. */
const RECIPIENT_LIMIT = 100;

/** The official SDK behind the port; every failure leaves as a classified ProviderError. */
export class TwilioProvider extends TelephonyProvider {
  readonly name = 'twilio';
  readonly account: string;
  private readonly client: twilio.Twilio;
  private readonly signature: TwilioSignature;

  constructor(
    private readonly options: TwilioOptions,
    private readonly clock: Clock,
  ) {
    super();
    this.account = `twilio:${options.accountSid}`;
    const httpClient = new TwilioHttpClient({ apiBaseUrl: options.apiBaseUrl, timeoutMs: options.timeoutSeconds * 1000 });
    this.client = twilio(options.accountSid, options.authToken, { httpClient, autoRetry: false });
    this.signature = new TwilioSignature(options.authToken);
  }

  async placeCall(request: PlaceCallRequest): Promise<ProviderAccepted> {
    const from = request.from ?? this.options.fromNumber;
    if (!from) throw new ProviderError('permanent', 'no caller number: set TWILIO_FROM_NUMBER or give one', 'no_from');
    const call = await this.sdk(() =>
      this.client.calls.create({
        to: request.to,
        from,
        url: request.answerUrl,
        method: 'POST',
        statusCallback: request.statusCallbackUrl,
        statusCallbackMethod: 'POST',
        statusCallbackEvent: CALL_EVENTS,
        timeout: request.ringSeconds,
      }),
    );
    return { providerId: call.sid, status: callStatusOf(call.status) ?? 'queued' };
  }

  async sendSms(request: SendSmsRequest): Promise<ProviderAccepted> {
    const { messagingServiceSid, fromNumber } = this.options;
    if (!messagingServiceSid && !fromNumber) throw new ProviderError('permanent', 'no sender: set TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER', 'no_from');
    // a messaging service picks the sender itself (and spreads the load over its numbers)
    const sender = messagingServiceSid ? { messagingServiceSid } : { from: fromNumber as string };
    const message = await this.sdk(() => this.client.messages.create({ to: request.to, body: request.body, statusCallback: request.statusCallbackUrl, ...sender }));
    return { providerId: message.sid, status: smsStatusOf(message.status) ?? 'queued' };
  }

  async hangup(providerId: string): Promise<void> {
    await this.sdk(() => this.client.calls(providerId).update({ status: 'completed' }));
  }

  async lookup(kind: ProviderKind, providerId: string): Promise<ProviderRecord | null> {
    try {
      return kind === 'call' ? callRecord(await this.client.calls(providerId).fetch()) : smsRecord(await this.client.messages(providerId).fetch());
    } catch (error) {
      const failure = toProviderError(error);
      // only Twilio's own "not found" (20404): a bare 404 may be a wrong base URL, and null would invite a duplicate
      if (failure.kind === 'permanent' && failure.code === '20404') return null;
      throw failure;
    }
  }

  async findByRecipient(window: RecipientWindow): Promise<ProviderRecord[]> {
    // the SDK sends whole seconds (StartTime>/StartTime<): widen to them, then keep the window exactly
    const after = new Date(Math.floor(window.from.getTime() / 1000) * 1000);
    const before = new Date(Math.ceil(window.until.getTime() / 1000) * 1000);
    const records =
      window.kind === 'call'
        ? (await this.sdk(() => this.client.calls.list({ to: window.to, startTimeAfter: after, startTimeBefore: before, limit: RECIPIENT_LIMIT }))).map(callRecord)
        : (await this.sdk(() => this.client.messages.list({ to: window.to, dateSentAfter: after, dateSentBefore: before, limit: RECIPIENT_LIMIT }))).map(smsRecord);
    return records.filter((r) => r.createdAt >= after && r.createdAt <= before);
  }

  verifyCallback(kind: ProviderKind, url: string, params: Record<string, string>, signature: string | undefined): Verified<ProviderEvent> {
    return this.signature.callback(kind, url, params, signature, this.clock.now());
  }

  verifyRequest(url: string, params: Record<string, string>, signature: string | undefined): boolean {
    return this.signature.verify(url, params, signature);
  }

  verifyInboundSms(url: string, params: Record<string, string>, signature: string | undefined): Verified<InboundSms> {
    return this.signature.inbound(url, params, signature, this.clock.now());
  }

  /** Runs one SDK call; whatever it throws (RestException, an axios error…) leaves classified. */
  private async sdk<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toProviderError(error);
    }
  }
}

function callRecord(call: CallInstance): ProviderRecord {
  const duration = call.duration !== null && call.duration !== undefined && call.duration !== '' ? Number(call.duration) : NaN;
  return {
    providerId: call.sid,
    kind: 'call',
    to: call.to,
    status: statusOrFail(callStatusOf(call.status), 'call', call.status),
    createdAt: call.dateCreated,
    durationSeconds: Number.isFinite(duration) ? duration : undefined,
  };
}

function smsRecord(message: MessageInstance): ProviderRecord {
  return {
    providerId: message.sid,
    kind: 'sms',
    to: message.to,
    status: statusOrFail(smsStatusOf(message.status), 'sms', message.status),
    createdAt: message.dateCreated,
    errorCode: message.errorCode !== null && message.errorCode !== undefined ? String(message.errorCode) : null,
  };
}

/** A status the port has no word for is a contract change on Twilio's side: surface it, never guess. */
function statusOrFail(status: ProviderStatus | null, kind: ProviderKind, twilioStatus: string): ProviderStatus {
  if (status) return status;
  throw new ProviderError('uncertain', `Twilio returned an unknown ${kind} status '${twilioStatus}'`, 'unknown_status');
}

import type { Clock } from '@app/core';
import type { ProviderEvent, ProviderKind } from '../port/provider-event';
import { type InboundSms, type PlaceCallRequest, type ProviderAccepted, type ProviderRecord, type RecipientWindow, type SendSmsRequest, TelephonyProvider, type Verified } from '../port/telephony-provider';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  fromNumber: string | null;
  messagingServiceSid: string | null;
  /** A Twilio-compatible server to send the REST calls to instead of api.twilio.com. */
  apiBaseUrl: string | null;
  timeoutSeconds: number;
}

/** TODO(helper): the official SDK behind the port. */
export class TwilioProvider extends TelephonyProvider {
  readonly name = 'twilio';
  readonly account: string;

  constructor(
    private readonly options: TwilioOptions,
    private readonly clock: Clock,
  ) {
    super();
    this.account = `twilio:${options.accountSid}`;
  }

  placeCall(_request: PlaceCallRequest): Promise<ProviderAccepted> {
    throw new Error('not yet');
  }
  sendSms(_request: SendSmsRequest): Promise<ProviderAccepted> {
    throw new Error('not yet');
  }
  hangup(_providerId: string): Promise<void> {
    throw new Error('not yet');
  }
  lookup(_kind: ProviderKind, _providerId: string): Promise<ProviderRecord | null> {
    throw new Error('not yet');
  }
  findByRecipient(_window: RecipientWindow): Promise<ProviderRecord[]> {
    throw new Error('not yet');
  }
  verifyCallback(_kind: ProviderKind, _url: string, _params: Record<string, string>, _signature: string | undefined): Verified<ProviderEvent> {
    throw new Error('not yet');
  }
  verifyInboundSms(_url: string, _params: Record<string, string>, _signature: string | undefined): Verified<InboundSms> {
    throw new Error('not yet');
  }
}

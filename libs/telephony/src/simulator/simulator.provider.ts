import type { Clock } from '@app/core';
import type { TwilioSignature } from '../twilio/twilio-signature';
import type { ProviderEvent, ProviderKind } from '../port/provider-event';
import { type InboundSms, type PlaceCallRequest, type ProviderAccepted, type ProviderRecord, type RecipientWindow, type SendSmsRequest, TelephonyProvider, type Verified } from '../port/telephony-provider';

export interface SimulatorOptions {
  /** How calls end, as weights: `answered:60,no_answer:20,busy:12,failed:8`. */
  callOdds: string;
  smsFailurePct: number;
  ringSeconds: number;
  talkSeconds: number;
  smsSeconds: number;
}

/** TODO(helper): the built-in carrier. */
export class SimulatorProvider extends TelephonyProvider {
  readonly name = 'simulator';
  readonly account: string;

  constructor(
    private readonly options: SimulatorOptions,
    private readonly signature: TwilioSignature,
    private readonly clock: Clock,
  ) {
    super();
    this.account = 'simulator';
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

import { Body, Controller, Header, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import twilio from 'twilio';
import { Public } from '@app/core';
import { TelephonyProvider, type Verified } from '../port/telephony-provider';
import { TelephonyErrorCode, TelephonyException } from '../telephony.exception';
import { ProviderEventSink } from './provider-event-sink';
import { TelephonyUrls } from './telephony-urls';

type Form = Record<string, unknown>;

/** Form values as strings (a repeated key keeps its last value, as Twilio never repeats one). */
function strings(body: Form | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(body ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[v.length - 1]) : String(v)]));
}

/** A verified callback's value; a wrong signature is 403, a callback naming nothing 400. */
export function accepted<T>(verified: Verified<T>): T {
  if (verified.ok) return verified.value;
  if (verified.problem === 'signature') throw new TelephonyException(TelephonyErrorCode.BadSignature, 'X-Twilio-Signature does not match this request');
  throw new TelephonyException(TelephonyErrorCode.BadCallback, 'the callback names no id or no known status');
}

/**
 * The carrier's inbound-SMS webhook (DESIGN §5): the X-Twilio-Signature is checked against
 * PUBLIC_BASE_URL plus the path and query it was posted to (403 when wrong), then handed to the
 * sink. Registered by the lib that implements the sink. The status callbacks, far more frequent,
 * are answered ahead of the Nest pipeline by `statusWebhooks`.
 */
@ApiExcludeController()
@Public()
@Controller('webhooks/twilio')
export class TwilioWebhooksController {
  constructor(
    private readonly provider: TelephonyProvider,
    private readonly sink: ProviderEventSink,
    private readonly urls: TelephonyUrls,
  ) {}

  /** A customer's SMS to the bank's number; an opt-out keyword is confirmed in the reply. */
  @Post('sms/inbound')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  async inbound(@Req() req: Request, @Body() body: Form, @Headers('x-twilio-signature') signature?: string): Promise<string> {
    const reply = await this.sink.onInboundSms(accepted(this.provider.verifyInboundSms(this.publicUrl(req), strings(body), signature)));
    const response = new twilio.twiml.MessagingResponse();
    if (reply) response.message(reply);
    return response.toString();
  }

  private publicUrl(req: Request): string {
    return `${this.urls.base}${req.originalUrl}`;
  }
}

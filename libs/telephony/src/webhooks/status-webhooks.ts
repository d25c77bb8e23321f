import { Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppExceptionFilter } from '@app/core';
import type { ProviderKind } from '../port/provider-event';
import type { TelephonyProvider } from '../port/telephony-provider';
import { TelephonyErrorCode, TelephonyException } from '../telephony.exception';
import type { ProviderEventSink } from './provider-event-sink';
import type { TelephonyUrls } from './telephony-urls';
import { accepted } from './twilio-webhooks.controller';

/** The carrier's status callbacks, by path: thousands a second at a campaign's peak. */
export const STATUS_WEBHOOK_PATHS: Readonly<Record<string, ProviderKind>> = { '/webhooks/twilio/voice/status': 'call', '/webhooks/twilio/sms/status': 'sms' };

/** A status callback is a short flat form; anything longer is not one. */
const MAX_FORM_BYTES = 64 * 1024;

const logger = new Logger('Webhooks');
const errors = new AppExceptionFilter();

/**
 * The status callbacks, answered ahead of the application's middleware and router: checked
 * (X-Twilio-Signature against PUBLIC_BASE_URL plus the path and query, 403 when wrong; 400 for a
 * callback that names nothing), handed to the sink, answered 204 with no body. What the Nest
 * pipeline would add to each (security headers for a page, the router, body parsers, guards and
 * pipes) is a third of the server's time per callback and nothing the carrier reads; errors are
 * answered with the API's error body and logged, as the pipeline would.
 */
export function statusWebhooks(provider: TelephonyProvider, sink: ProviderEventSink, urls: TelephonyUrls): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const kind = req.method === 'POST' ? STATUS_WEBHOOK_PATHS[req.path] : undefined;
    if (!kind) return next();
    readForm(req)
      .then((form) => sink.onStatus(accepted(provider.verifyCallback(kind, `${urls.base}${req.originalUrl}`, form, header(req, 'x-twilio-signature')))))
      .then(
        () => {
          res.statusCode = 204;
          res.end();
        },
        (error: unknown) => {
          const body = errors.toBody(error);
          if (body.statusCode < 500) logger.warn({ path: req.path, status: body.statusCode, error: body.error, message: body.message });
          if (!res.headersSent) res.status(body.statusCode).json(body);
        },
      );
  };
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** The posted form's values as strings (a repeated key keeps its last value); a NUL anywhere is refused. */
async function readForm(req: Request): Promise<Record<string, string>> {
  let pairs: Iterable<[string, string]> = [];
  if (typeof req.body === 'object' && req.body !== null) {
    // an earlier parser took the stream: its values are used as they are
    pairs = Object.entries(req.body as Record<string, unknown>).map(([k, v]) => [k, String(Array.isArray(v) ? v[v.length - 1] : v)]);
  } else if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) throw new TelephonyException(TelephonyErrorCode.BadCallback, `a status callback is at most ${MAX_FORM_BYTES} bytes`);
      chunks.push(chunk);
    }
    pairs = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  }
  const form: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (key.includes('\u0000') || value.includes('\u0000')) throw new TelephonyException(TelephonyErrorCode.BadCallback, `${key.replace(/\u0000/g, '')} must not contain a NUL character`);
    form[key] = value;
  }
  return form;
}

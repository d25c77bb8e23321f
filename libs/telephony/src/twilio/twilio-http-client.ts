import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { ProviderError } from '../port/provider-error';

export interface TwilioHttpClientOptions {
  /** Send every request here instead of https://*.twilio.com (a fake or a proxy); null: Twilio itself. */
  apiBaseUrl: string | null;
  timeoutMs: number;
  maxSockets?: number;
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(value: unknown, now: number = Date.now()): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(String(value));
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The SDK's RequestClient with two changes: requests may go to another base URL (the SDK has no
 * such option), and a 429 is thrown here, because RestException drops the Retry-After header.
 * Never auto-retries: the dispatcher decides.
 */
export class TwilioHttpClient extends twilio.RequestClient {
  private readonly base: URL | null;

  constructor(options: TwilioHttpClientOptions) {
    const maxSockets = options.maxSockets ?? 64;
    super({ timeout: options.timeoutMs, keepAlive: true, autoRetry: false, maxSockets, maxFreeSockets: maxSockets });
    this.base = options.apiBaseUrl ? new URL(options.apiBaseUrl) : null;
    // the SDK only builds an https agent; a plain-http base (a loopback fake) needs its own keep-alive one
    this.axios.defaults.httpAgent = new HttpAgent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: options.timeoutMs });
    if (this.base?.protocol === 'https:') this.axios.defaults.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets, timeout: options.timeoutMs });
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const response = await super.request({ ...opts, uri: this.rewrite(opts.uri) });
    if (response.statusCode === 429) {
      const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as { code?: number; message?: string };
      const retryAfter = retryAfterSeconds((response.headers as Record<string, unknown> | undefined)?.['retry-after']);
      throw new ProviderError('not_created', `Twilio: ${body.message ?? 'too many requests'} (HTTP 429)`, String(body.code ?? 429), retryAfter);
    }
    return response;
  }

  /** Twilio's URL with the base URL's origin (and path prefix, if any). */
  private rewrite(uri: string): string {
    if (!this.base) return uri;
    const target = new URL(uri);
    const prefix = this.base.pathname.replace(/\/+$/, '');
    return `${this.base.origin}${prefix}${target.pathname}${target.search}`;
  }
}

/** Connection failures before anything reached Twilio. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface FailureShape {
  status?: unknown;
  code?: unknown;
  message?: unknown;
  isAxiosError?: boolean;
  cause?: unknown;
  errors?: unknown;
}

/** The network error code of an axios error, its cause, or the first error of an AggregateError (dual-stack connects). */
function networkCode(error: FailureShape): string | null {
  if (typeof error.code === 'string' && error.code) return error.code;
  const nested = [error.cause, ...(Array.isArray(error.errors) ? error.errors : [])];
  for (const inner of nested) {
    const code = inner && typeof inner === 'object' ? (inner as FailureShape).code : undefined;
    if (typeof code === 'string' && code) return code;
  }
  return null;
}

/** An HTTP answer from Twilio (RestException, TwilioServiceException): its status decides. */
function httpFailure(status: number, code: unknown, message: unknown): ProviderError {
  const twilioCode = code !== undefined && code !== null && code !== '' ? String(code) : String(status);
  const text = `Twilio HTTP ${status}: ${typeof message === 'string' && message ? message : 'request failed'}`;
  // overloaded or refused credentials: Twilio created nothing, so a later retry is safe
  if (status === 429 || status === 503 || status === 401 || status === 403) return new ProviderError('not_created', text, twilioCode);
  // the request reached Twilio and failed inside it: it may have been created
  if (status >= 500) return new ProviderError('uncertain', text, twilioCode);
  return new ProviderError('permanent', text, twilioCode);
}

/** Any failure of an SDK call, classified for the dispatcher. */
export function toProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const failure = (error && typeof error === 'object' ? error : { message: String(error) }) as FailureShape;
  const message = typeof failure.message === 'string' ? failure.message : 'unknown error';
  if (!failure.isAxiosError && typeof failure.status === 'number') return httpFailure(failure.status, failure.code, failure.message);
  const code = networkCode(failure);
  if (code && NOT_SENT.has(code)) return new ProviderError('not_created', `Twilio unreachable: ${message}`, code);
  // a timeout, a reset, a hang-up or anything unknown: the request may have gone out
  return new ProviderError('uncertain', `Twilio request interrupted: ${message}`, code);
}

/**
 * Why a carrier refused or did not answer a request, in the terms dispatch acts on:
 * - `not_created`: the carrier proves nothing was created (429, 503, connection refused): retry later;
 * - `uncertain`: it may have been created (a timeout, a reset, a 500 after the request went out):
 *   never retry blindly, look it up;
 * - `permanent`: this request can never succeed (an invalid number): fail the attempt with the reason.
 */
export type ProviderErrorKind = 'not_created' | 'uncertain' | 'permanent';

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    /** The carrier's own error code (Twilio: 21211…), or the HTTP status, or a network code. */
    readonly code: string | null = null,
    /** Seconds the carrier asked us to wait (Retry-After), when it said. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

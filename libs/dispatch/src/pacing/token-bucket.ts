/**
 * A token bucket: `rate` tokens a second, holding at most `burst`. Several dispatchers share one
 * per provider account and channel class (calls, SMS), so together they keep the carrier's rate.
 */
export interface BucketState {
  tokens: number;
  refilledAt: number;
}

export interface BucketRate {
  /** Tokens per second; 0 means no limit. */
  perSecond: number;
  /** The most tokens saved up, so a quiet minute does not become a burst. */
  burst: number;
}

/** The bucket's rate for a configured per-second limit: at most a second's worth (and at least one) saved up. */
export function bucketRate(perSecond: number): BucketRate {
  return { perSecond, burst: Math.max(1, perSecond) };
}

/** Takes up to `wanted` whole tokens at `now` (ms). */
export function takeTokens(state: BucketState | null, rate: BucketRate, wanted: number, now: number): { granted: number; state: BucketState } {
  if (rate.perSecond <= 0) return { granted: wanted, state: { tokens: 0, refilledAt: now } };
  const start = state ?? { tokens: rate.burst, refilledAt: now };
  const elapsed = Math.max(0, now - start.refilledAt) / 1000;
  const tokens = Math.min(rate.burst, start.tokens + elapsed * rate.perSecond);
  const granted = Math.max(0, Math.min(wanted, Math.floor(tokens)));
  return { granted, state: { tokens: tokens - granted, refilledAt: now } };
}

/** Gives back tokens taken but not used (fewer attempts were due than granted). */
export function returnTokens(state: BucketState, rate: BucketRate, unused: number): BucketState {
  if (rate.perSecond <= 0) return state;
  return { tokens: Math.min(rate.burst, state.tokens + unused), refilledAt: state.refilledAt };
}

/** Seconds until the bucket holds one token again. */
export function secondsUntilToken(state: BucketState, rate: BucketRate, now: number): number {
  if (rate.perSecond <= 0) return 0;
  const tokens = state.tokens + (Math.max(0, now - state.refilledAt) / 1000) * rate.perSecond;
  return tokens >= 1 ? 0 : (1 - tokens) / rate.perSecond;
}

/**
 * Seconds to wait before asking the carrier again after it refused (429, 503): doubling from 5 s,
 * at most 10 minutes, or what the carrier asked for when it said.
 */
export function sendBackoffSeconds(triesSoFar: number, retryAfterSeconds: number | null): number {
  const doubling = Math.min(600, 5 * 2 ** Math.max(0, triesSoFar - 1));
  return Math.max(doubling, retryAfterSeconds ?? 0);
}

/**
 * Sliding-window limits on sign-in: failures per username (stops guessing one account) and
 * attempts per client address (stops spraying many accounts). Pure: the caller passes the time.
 */
export interface LoginLimits {
  maxFailuresPerUsername: number;
  maxAttemptsPerAddress: number;
  windowMs: number;
}

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly limits: LoginLimits) {}

  /** Seconds to wait before another try, or 0 when allowed. */
  retryAfter(username: string, address: string, nowMs: number): number {
    return Math.max(this.usernameRetryAfter(username, nowMs), this.addressRetryAfter(address, nowMs));
  }

  usernameRetryAfter(username: string, nowMs: number): number {
    return this.wait(this.recent(this.failures, username.toLowerCase(), nowMs), this.limits.maxFailuresPerUsername, nowMs);
  }

  addressRetryAfter(address: string, nowMs: number): number {
    return this.wait(this.recent(this.attempts, address, nowMs), this.limits.maxAttemptsPerAddress, nowMs);
  }

  private wait(times: number[], max: number, nowMs: number): number {
    return times.length >= max ? Math.max(1, Math.ceil((times[times.length - max] + this.limits.windowMs - nowMs) / 1000)) : 0;
  }

  recordAttempt(address: string, nowMs: number): void {
    this.push(this.attempts, address, nowMs);
  }

  recordFailure(username: string, nowMs: number): void {
    this.push(this.failures, username.toLowerCase(), nowMs);
  }

  recordSuccess(username: string): void {
    this.failures.delete(username.toLowerCase());
  }

  private recent(map: Map<string, number[]>, key: string, nowMs: number): number[] {
    const kept = (map.get(key) ?? []).filter((t) => t > nowMs - this.limits.windowMs);
    if (kept.length) map.set(key, kept);
    else map.delete(key);
    return kept;
  }

  private push(map: Map<string, number[]>, key: string, nowMs: number): void {
    const list = this.recent(map, key, nowMs);
    list.push(nowMs);
    map.set(key, list);
  }
}

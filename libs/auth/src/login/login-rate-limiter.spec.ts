import { describe, expect, it } from '@jest/globals';
import { LoginRateLimiter } from './login-rate-limiter';

describe('login rate limiter', () => {
  const limiter = () => new LoginRateLimiter({ maxFailuresPerUsername: 3, maxAttemptsPerAddress: 5, windowMs: 60_000 });

  it('blocks a username after N failures until the oldest leaves the window', () => {
    const l = limiter();
    l.recordFailure('Zhang', 0);
    l.recordFailure('zhang', 10_000);
    expect(l.retryAfter('zhang', 'a', 20_000)).toBe(0);
    l.recordFailure('ZHANG', 20_000);
    expect(l.retryAfter('zhang', 'b', 30_000)).toBe(30);
    expect(l.retryAfter('li', 'b', 30_000)).toBe(0);
    expect(l.retryAfter('zhang', 'b', 60_001)).toBe(0);
  });

  it('answers for the username and the address apart', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure('zhao', i);
    for (let i = 0; i < 5; i++) l.recordAttempt('10.0.0.7', i);
    expect(l.usernameRetryAfter('zhao', 10_000)).toBe(50);
    expect(l.addressRetryAfter('10.0.0.8', 10_000)).toBe(0);
    expect(l.addressRetryAfter('10.0.0.7', 10_000)).toBe(50);
    expect(l.usernameRetryAfter('qian', 10_000)).toBe(0);
  });

  it('forgets failures after a success', () => {
    const l = limiter();
    l.recordFailure('wang', 0);
    l.recordFailure('wang', 1);
    l.recordSuccess('wang');
    l.recordFailure('wang', 2);
    expect(l.retryAfter('wang', 'a', 3)).toBe(0);
  });

  it('blocks an address spraying many usernames', () => {
    const l = limiter();
    for (let i = 0; i < 5; i++) l.recordAttempt('10.0.0.9', i * 1000);
    expect(l.retryAfter('anyone', '10.0.0.9', 5_000)).toBe(55);
    expect(l.retryAfter('anyone', '10.0.0.10', 5_000)).toBe(0);
  });
});

import { describe, expect, it } from '@jest/globals';
import { bucketRate, returnTokens, secondsUntilToken, sendBackoffSeconds, takeTokens } from './token-bucket';

describe('token bucket', () => {
  const rate = bucketRate(10);

  it('starts full, then grants only what a second earns', () => {
    const first = takeTokens(null, rate, 50, 0);
    expect(first.granted).toBe(10);
    expect(takeTokens(first.state, rate, 50, 0).granted).toBe(0);
    expect(takeTokens(first.state, rate, 50, 500).granted).toBe(5);
    // a quiet minute saves up only a second's worth
    expect(takeTokens(first.state, rate, 1000, 60_000).granted).toBe(10);
  });

  it('holds the rate over many small takes', () => {
    let state = takeTokens(null, rate, 10, 0).state;
    let granted = 0;
    for (let t = 1; t <= 60_000; t += 7) {
      const taken = takeTokens(state, rate, 3, t);
      granted += taken.granted;
      state = taken.state;
    }
    expect(granted).toBeGreaterThanOrEqual(599);
    expect(granted).toBeLessThanOrEqual(600);
  });

  it('gives unused tokens back, never above the burst', () => {
    const taken = takeTokens(null, rate, 10, 0);
    expect(returnTokens(taken.state, rate, 4).tokens).toBe(4);
    expect(returnTokens({ tokens: 9, refilledAt: 0 }, rate, 4).tokens).toBe(10);
  });

  it('1 call a second (Twilio’s default) waits for its token', () => {
    const one = bucketRate(1);
    const taken = takeTokens(null, one, 5, 0);
    expect(taken.granted).toBe(1);
    expect(secondsUntilToken(taken.state, one, 250)).toBeCloseTo(0.75);
  });

  it('a rate of 0 is no limit', () => {
    expect(takeTokens(null, bucketRate(0), 5000, 0).granted).toBe(5000);
  });

  it('backs off by doubling from 5 s to 10 minutes, or as long as the carrier asked', () => {
    expect([1, 2, 3, 4, 10].map((n) => sendBackoffSeconds(n, null))).toEqual([5, 10, 20, 40, 600]);
    expect(sendBackoffSeconds(1, 30)).toBe(30);
  });
});

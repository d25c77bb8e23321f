import { describe, expect, it } from '@jest/globals';
import { holdoutBucket } from './holdout';
import { normalizeFacts } from './plan-facts';

describe('facts a planning statement stored', () => {
  it('read the same from PostgreSQL JSON and from SQLite JSON', () => {
    const fromPg = normalizeFacts({ from: '2026-11-23T02:00:00+00:00', timeZone: 'Asia/Shanghai', holdout: false, dncForever: 0, dncUntil: '2026-12-01T00:00:00+00', consent: true, capFreeAt: null });
    const fromSqlite = normalizeFacts({ from: '2026-11-23 02:00:00.000', timeZone: 'Asia/Shanghai', holdout: 0, dncForever: 0, dncUntil: '2026-12-01 00:00:00.000', consent: 1, capFreeAt: null });
    expect(fromPg).toEqual(fromSqlite);
    expect(fromPg).toEqual({ from: '2026-11-23T02:00:00.000Z', timeZone: 'Asia/Shanghai', holdout: false, dnc: { until: '2026-12-01T00:00:00.000Z' }, dncEntry: null, consent: true, capFreeAt: null });
    expect(normalizeFacts({ from: '2026-11-23 02:00:00.000', timeZone: 'Asia/Urumqi', holdout: 1, dncForever: 1, dncUntil: null, consent: 0, capFreeAt: '2026-11-30 02:00:00.000' })).toMatchObject({
      holdout: true,
      dnc: 'forever',
      consent: false,
      capFreeAt: '2026-11-30T02:00:00.000Z',
    });
  });

  it('keep the deciding do-not-contact entry, and read nothing from a malformed one', () => {
    const base = { from: '2026-11-23 02:00:00.000', timeZone: 'Asia/Shanghai', holdout: 0, dncForever: 1, dncUntil: null, consent: 1, capFreeAt: null };
    expect(normalizeFacts({ ...base, dncChannel: 'sms', dncScope: 'marketing', dncReason: '短信回复“退订”退订' }).dncEntry).toEqual({ channel: 'sms', scope: 'marketing', reason: '短信回复“退订”退订' });
    expect(normalizeFacts({ ...base, dncChannel: 'fax', dncScope: 'marketing', dncReason: 'x' }).dncEntry).toBeNull();
    expect(normalizeFacts({ ...base, dncChannel: 'sms', dncScope: null, dncReason: 'x' }).dncEntry).toBeNull();
    expect(normalizeFacts(base).dncEntry).toBeNull();
  });
});

describe('holdout bucket', () => {
  it('is stable per customer and spreads customers evenly over 0–99', () => {
    const seed = 123_456_789;
    expect(holdoutBucket(seed, 42)).toBe(holdoutBucket(seed, 42));
    const counts = new Array<number>(10).fill(0);
    for (let id = 1; id <= 100_000; id++) counts[Math.floor(holdoutBucket(seed, id) / 10)] += 1;
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    // another campaign's (random 32-bit) seed turns the buckets by its own amount: customers land elsewhere
    const other = (seed + 1_000_000_007) % 2 ** 32;
    const moved = Array.from({ length: 1000 }, (_, i) => holdoutBucket(seed, i + 1) !== holdoutBucket(other, i + 1)).filter(Boolean).length;
    expect(moved).toBeGreaterThan(900);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { SegmentMembershipEvent } from '@app/segments';
import { feedCsv, feedRow, type FeedValues } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The bank's calendar day is 2026-11-23 (the frozen clock, 10:00 in Shanghai); the feed is
 * yesterday's. Each lifecycle template gets customers on both sides of its boundaries, and every
 * other customer is neutral (old account, recent transaction, tier 2, 25 % of the next tier, points
 * expiring in 38 days, online banking on), so each template's members can be listed exactly.
 */
const CUSTOMERS: Array<[number, FeedValues]> = [
  [1, {}], // neutral
  // new_account: opened within the last 30 days (from 2026-10-24)
  [11, { opened_at: '2026-10-23', last_txn_at: '' }],
  [12, { opened_at: '2026-10-24', last_txn_at: '' }],
  [13, { opened_at: '2026-10-25', last_txn_at: '' }],
  // dormant: last transaction 180+ days ago (on or before 2026-05-27), or never and opened 180+ days ago
  [21, { last_txn_at: '2026-05-26' }],
  [22, { last_txn_at: '2026-05-27' }],
  [23, { last_txn_at: '2026-05-28' }],
  [24, { opened_at: '2026-05-26', last_txn_at: '' }],
  [25, { opened_at: '2026-05-27', last_txn_at: '' }],
  [26, { opened_at: '2026-05-28', last_txn_at: '' }],
  // points_expiring: points above 0 expiring from today to 2026-12-23
  [31, { points_expire_at: '2026-11-22' }],
  [32, { points_expire_at: '2026-11-23' }],
  [33, { points_expire_at: '2026-12-22' }],
  [34, { points_expire_at: '2026-12-23' }],
  [35, { points_expire_at: '2026-12-24' }],
  [36, { points_expire_at: '2026-12-01', points_balance: '0' }],
  // near_upgrade: tier below 5 and 80 % <= balance / threshold < 100 % (threshold 500,000.00 yuan)
  [41, { avg_daily_balance: '399999.99' }],
  [42, { avg_daily_balance: '400000.00' }],
  [43, { avg_daily_balance: '499999.99' }],
  [44, { avg_daily_balance: '500000.00' }],
  [45, { avg_daily_balance: '450000.00', tier: '5', next_tier_threshold: '' }],
  [46, { avg_daily_balance: '450000.00', next_tier_threshold: '' }],
  // key_slipping: tier 3+ and (no transaction since 2026-10-24 or earlier, or balance down 30 %+ on 30 days ago)
  [51, { tier: '3', last_txn_at: '2026-10-23' }],
  [52, { tier: '3', last_txn_at: '2026-10-24' }],
  [53, { tier: '3', last_txn_at: '2026-10-25' }],
  [54, { tier: '2', last_txn_at: '2026-10-23' }],
  [55, { tier: '4', avg_daily_balance: '69999.99' }],
  [56, { tier: '4', avg_daily_balance: '70000.00' }],
  [57, { tier: '4', avg_daily_balance: '70000.01' }],
  // online_banking_inactive: never activated and opened on or before 2026-11-16
  [61, { online_banking_activated: 'N', opened_at: '2026-11-15', last_txn_at: '' }],
  [62, { online_banking_activated: 'N', opened_at: '2026-11-16', last_txn_at: '' }],
  [63, { online_banking_activated: 'N', opened_at: '2026-11-17', last_txn_at: '' }],
  [64, { online_banking_activated: 'Y', opened_at: '2026-11-15', last_txn_at: '' }],
];

/** Thirty days ago the slipping customers held 100,000 yuan; the history feed has only them. */
const HISTORY = [55, 56, 57].map((n) => feedRow(n, { tier: '4', avg_daily_balance: '100000.00', last_txn_at: '2026-10-20' }));

const EXPECTED: Record<string, number[]> = {
  new_account: [12, 13, 61, 62, 63, 64],
  dormant: [21, 22, 24, 25],
  points_expiring: [32, 33, 34],
  near_upgrade: [42, 43],
  key_slipping: [51, 52, 55, 56],
  online_banking_inactive: [61, 62],
};

const no = (n: number) => `C${String(n).padStart(10, '0')}`;

describe('segments: templates at their boundaries, bad rules, refresh diffs (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function importFeed(rows: FeedValues[], asOf: string): Promise<void> {
    const res = await t.http.post(`/api/customers/import?asOf=${asOf}`).set(as(admin)).attach('file', Buffer.from(feedCsv(rows)), 'feed.csv');
    expect(res.body.rejected).toEqual([]);
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin', 'Kx7-bank-2026');
    await importFeed(HISTORY, '2026-10-24');
    await importFeed(CUSTOMERS.map(([n, v]) => feedRow(n, v)), '2026-11-22');
  });
  afterAll(() => t.close());

  it('lists the six lifecycle templates with their parameters', async () => {
    const res = await t.http.get('/api/segments/templates').set(as(admin));
    expect(res.status).toBe(200);
    expect(res.body.map((x: { key: string }) => x.key)).toEqual(Object.keys(EXPECTED));
    expect(res.body[0]).toMatchObject({ name: '新开户客户', rule: { field: 'openedAt', op: 'within_last_days', value: 30 } });
  });

  it.each(Object.entries(EXPECTED))('previews template %s picking exactly the customers inside its boundaries', async (key, members) => {
    const templates = (await t.http.get('/api/segments/templates').set(as(admin))).body as Array<{ key: string; rule: unknown }>;
    const rule = templates.find((x) => x.key === key)!.rule;
    const res = await t.http.post('/api/segments/preview').set(as(admin)).send({ rule });
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2026-11-23');
    expect(res.body.sample.map((s: { customerNo: string }) => s.customerNo).sort()).toEqual(members.map(no));
    expect(res.body.count).toBe(members.length);
  });
});

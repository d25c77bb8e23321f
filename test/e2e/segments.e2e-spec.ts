import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
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

  it('refuses bad rules when saved, naming the JSON path of each fault', async () => {
    const rule = { and: [{ field: 'tier', op: '>=', value: 3 }, { field: 'openedAt', op: 'within_last_days', value: 30 }, { field: 'avgDailyBalance', op: '>=', value: 'lots' }] };
    const res = await t.http.post('/api/segments').set(as(admin)).send({ name: '坏规则', rule });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'rule.and[2].value', message: 'must be an amount in yuan' }]);
    const unknown = await t.http.post('/api/segments/preview').set(as(admin)).send({ rule: { or: [{ field: 'shoeSize', op: '=', value: 1 }] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual([{ field: 'rule.or[0].field', message: 'unknown field "shoeSize"' }]);
    const badParam = await t.http.post('/api/segments').set(as(admin)).send({ name: '坏参数', templateKey: 'dormant', parameters: { idleDays: -5 } });
    expect(badParam.status).toBe(400);
    expect(badParam.body.fields[0].field).toBe('parameters.idleDays');
    const noTemplate = await t.http.post('/api/segments').set(as(admin)).send({ name: '无模板', templateKey: 'vip' });
    expect(noTemplate.status).toBe(400);
    expect(noTemplate.body.fields[0].field).toBe('templateKey');
    const nothing = await t.http.post('/api/segments').set(as(admin)).send({ name: '无规则' });
    expect(nothing.body.fields).toEqual([{ field: 'rule', message: 'is required (or a templateKey)' }]);
    const list = await t.http.get('/api/segments').set(as(admin));
    expect(list.body.map((x: { name: string }) => x.name)).not.toContain('坏规则');
  });

  it('keeps every rule version, and refuses a second segment with the same name', async () => {
    const created = await t.http.post('/api/segments').set(as(admin)).send({ name: '沉睡客户（一年）', templateKey: 'dormant', parameters: { idleDays: 365, openedDays: 365 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'template', templateKey: 'dormant', version: 1, members: 0 });
    expect(created.body.rule.or[0]).toEqual({ field: 'daysSinceLastTxn', op: '>=', value: 365 });
    const again = await t.http.post('/api/segments').set(as(admin)).send({ name: '沉睡客户（一年）', templateKey: 'dormant' });
    expect(again.status).toBe(409);
    expect(again.body.fields).toEqual([{ field: 'name', message: 'is already used by another segment' }]);
    const edited = await t.http.patch(`/api/segments/${created.body.id}`).set(as(admin)).send({ rule: { field: 'daysSinceLastTxn', op: '>=', value: 180 } });
    expect(edited.body.version).toBe(2);
    const unchanged = await t.http.patch(`/api/segments/${created.body.id}`).set(as(admin)).send({ rule: { field: 'daysSinceLastTxn', op: '>=', value: 180 }, description: '只看交易' });
    expect(unchanged.body.version).toBe(2);
    const versions = await t.http.get(`/api/segments/${created.body.id}/versions`).set(as(admin));
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const first = await t.http.get(`/api/segments/${created.body.id}/versions/1`).set(as(admin));
    expect(first.body.rule.or[0].value).toBe(365);
    const archived = await t.http.delete(`/api/segments/${created.body.id}`).set(as(admin));
    expect(archived.status).toBe(204);
    expect((await t.http.get(`/api/segments/${created.body.id}`).set(as(admin))).status).toBe(404);
    // an archived segment's versions stay readable for the campaigns that used them
    expect((await t.http.get(`/api/segments/${created.body.id}/versions/2`).set(as(admin))).status).toBe(200);
    const reuse = await t.http.post('/api/segments').set(as(admin)).send({ name: '沉睡客户（一年）', templateKey: 'dormant' });
    expect(reuse.status).toBe(201);
    await t.http.delete(`/api/segments/${reuse.body.id}`).set(as(admin));
  });

  it('lets supervisors read segments but not change them, and keeps agents out', async () => {
    const supervisor = await t.userToken('supervisor', 'sup-seg');
    const agent = await t.userToken('agent', 'agent-seg');
    expect((await t.http.get('/api/segments').set(as(supervisor))).status).toBe(200);
    expect((await t.http.post('/api/segments').set(as(supervisor)).send({ name: 'x', templateKey: 'dormant' })).status).toBe(403);
    expect((await t.http.get('/api/segments').set(as(agent))).status).toBe(403);
    expect((await t.http.post('/api/segments/preview').set(as(agent)).send({ rule: { field: 'tier', op: '=', value: 1 } })).status).toBe(403);
    expect((await t.http.get('/api/segments/not-a-uuid').set(as(supervisor))).status).toBe(400);
  });

  it('refreshes membership as a diff: exact entries and exits after customers change and days pass', async () => {
    const entered: SegmentMembershipEvent[] = [];
    const exited: SegmentMembershipEvent[] = [];
    const events = t.app.get(EventEmitter2);
    events.on('segment.entered', (e: SegmentMembershipEvent) => entered.push(e));
    events.on('segment.exited', (e: SegmentMembershipEvent) => exited.push(e));
    const nearUpgrade = (await t.http.post('/api/segments').set(as(admin)).send({ name: '临界升级', templateKey: 'near_upgrade' })).body;
    const newAccounts = (await t.http.post('/api/segments').set(as(admin)).send({ name: '新开户', templateKey: 'new_account' })).body;

    const first = await t.http.post(`/api/segments/${nearUpgrade.id}/refresh`).set(as(admin));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ members: 2, entered: 2, exited: 0, version: 1 });
    expect(entered).toEqual([expect.objectContaining({ segmentId: nearUpgrade.id, refreshId: first.body.refreshId, count: 2 })]);
    const again = await t.http.post(`/api/segments/${nearUpgrade.id}/refresh`).set(as(admin));
    expect(again.body).toMatchObject({ members: 2, entered: 0, exited: 0 });

    // the next feed: 42 slips below 80 %, 44 falls from 100 % to 90 %, 1 grows to 85 %
    await importFeed([feedRow(42, { avg_daily_balance: '399000.00' }), feedRow(44, { avg_daily_balance: '450000.00' }), feedRow(1, { avg_daily_balance: '425000.00' })], '2026-11-23');
    const diff = await t.http.post(`/api/segments/${nearUpgrade.id}/refresh`).set(as(admin));
    expect(diff.body).toMatchObject({ members: 3, entered: 2, exited: 1 });
    const current = await t.http.get(`/api/segments/${nearUpgrade.id}/members`).set(as(admin));
    expect(current.body.items.map((m: { customerNo: string }) => m.customerNo)).toEqual([no(1), no(43), no(44)].sort());
    expect(current.body.total).toBe(3);
    const left = await t.http.get(`/api/segments/${nearUpgrade.id}/members`).query({ status: 'exited' }).set(as(admin));
    expect(left.body.items).toEqual([expect.objectContaining({ customerNo: no(42), phoneMasked: expect.stringMatching(/^139\*{4}\d{4}$/), exitedAt: '2026-11-23T02:00:00.000Z' })]);
    expect(exited).toEqual([expect.objectContaining({ segmentId: nearUpgrade.id, refreshId: diff.body.refreshId, count: 1 })]);

    // two days later 12 (opened 2026-10-24) and 13 (2026-10-25) are no longer new accounts
    expect((await t.http.post(`/api/segments/${newAccounts.id}/refresh`).set(as(admin))).body).toMatchObject({ members: 6, entered: 6 });
    t.clock.advance(2 * 86_400_000);
    try {
      expect((await t.http.post(`/api/segments/${newAccounts.id}/refresh`).set(as(admin))).body).toMatchObject({ members: 4, entered: 0, exited: 2 });
      const history = await t.http.get(`/api/segments/${newAccounts.id}/refreshes`).set(as(admin));
      expect(history.body.items.map((r: { asOf: string; entered: number; exited: number }) => [r.asOf, r.entered, r.exited])).toEqual([['2026-11-25', 0, 2], ['2026-11-23', 6, 0]]);
    } finally {
      t.clock.advance(-2 * 86_400_000);
    }
    const segment = await t.http.get(`/api/segments/${nearUpgrade.id}`).set(as(admin));
    expect(segment.body).toMatchObject({ members: 3, lastRefresh: { entered: 2, exited: 1, status: 'succeeded', trigger: 'manual', createdBy: 'admin' } });
  });

  it('exports the current members as a CSV for Excel, masked and audited', async () => {
    const segment = (await t.http.post('/api/segments').set(as(admin)).send({ name: '积分到期', templateKey: 'points_expiring' })).body;
    await t.http.post(`/api/segments/${segment.id}/refresh`).set(as(admin));
    const res = await t.http.get(`/api/segments/${segment.id}/members.csv`).set(as(admin)).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
    expect(res.status).toBe(200);
    const lines = (res.body as string).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('\uFEFF客户号 customer_no,企业名称 company_name,网点 branch,星级 tier,联系电话 phone,入群时间 entered_at (Asia/Shanghai),规则版本 version');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([no(32), no(33), no(34)]);
    expect(lines[1]).toMatch(/,139\*{4}\d{4},2026-11-23 10:00:00,1$/);
    const audit = await t.http.get('/api/audit').query({ action: 'segment.members.export' }).set(as(admin));
    expect(audit.body.items[0]).toMatchObject({ actorName: 'admin', targetId: segment.id });
  });

  it('refreshes every segment in one job run; a segment that fails is recorded and the others still refresh', async () => {
    const broken = (await t.http.post('/api/segments').set(as(admin)).send({ name: '将要损坏', templateKey: 'dormant' })).body;
    // a rule that no longer compiles (as after a field was withdrawn from the catalog)
    await t.app.get(DataSource).query(`UPDATE segments SET rule = '{"field":"withdrawnField","op":"=","value":1}' WHERE id = '${broken.id}'`);
    const run = await t.http.post('/api/segments/refresh-jobs').set(as(admin));
    expect(run.status).toBe(201);
    const active = (await t.http.get('/api/segments').set(as(admin))).body.length;
    expect(run.body).toMatchObject({ trigger: 'manual', status: 'partial', segments: active, succeeded: active - 1, failed: 1 });
    expect(run.body.failures).toEqual([{ segmentId: broken.id, name: '将要损坏', error: expect.stringContaining('withdrawnField') }]);
    const runs = await t.http.get('/api/segments/refresh-jobs').set(as(admin));
    expect(runs.body.items[0]).toMatchObject({ id: run.body.id, status: 'partial' });
    const failed = await t.http.get(`/api/segments/${broken.id}/refreshes`).set(as(admin));
    expect(failed.body.items[0]).toMatchObject({ status: 'failed', jobRunId: run.body.id });
  });

  it('takes an import, refreshes and saves at the same moment without one failing the other', async () => {
    const segment = (await t.http.post('/api/segments').set(as(admin)).send({ name: '并发检查', templateKey: 'dormant' })).body;
    const results = await Promise.all([
      t.http.post('/api/customers/import?asOf=2026-11-23').set(as(admin)).attach('file', Buffer.from(feedCsv([feedRow(70), feedRow(71)])), 'feed.csv'),
      t.http.post(`/api/segments/${segment.id}/refresh`).set(as(admin)),
      t.http.post('/api/segments').set(as(admin)).send({ name: '并发新建', templateKey: 'new_account' }),
      t.http.patch(`/api/segments/${segment.id}`).set(as(admin)).send({ rule: { field: 'daysSinceLastTxn', op: '>=', value: 200 } }),
      t.http.post(`/api/segments/${segment.id}/refresh`).set(as(admin)),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 200, 201, 200, 200]);
    expect(results[0].body.imported).toBe(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { query } from '@app/core';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * A campaign's results on screen (GET /stats) and as a CSV (GET /results.csv): ten customers of
 * BR001 and six of BR002 get an SMS (a quarter held out); the delivered, undelivered and converted
 * are written as the dispatcher and the segment refresh would leave them.
 */
const A = Array.from({ length: 10 }, (_, i) => i + 1);
const B = Array.from({ length: 6 }, (_, i) => i + 11);
const CONVERTED = new Set([1, 2, 3, 4, 11, 12, 13]);
const no = (n: number) => `C${String(n).padStart(10, '0')}`;
const BOM = '\uFEFF';

interface Row {
  branch: string;
  n: number;
  id: number;
  held: boolean;
  /** Refused by the policy (the planner's skip, written here). */
  skipped: boolean;
  delivered: boolean;
  converted: boolean;
}

function parseCsv(text: string): string[][] {
  return text.replace(BOM, '').trimEnd().split('\r\n').map((line) => line.split(','));
}

describe('campaign results: stats and the CSV export, per step and branch (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let campaignId: string;
  let rows: Row[];
  let manager: string; // a campaign manager of BR001
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** What the screen and the file must say for some customers: computed from who was held out. */
  function expected(of: Row[]) {
    const treated = of.filter((r) => !r.held && !r.skipped);
    const reached = treated.filter((r) => r.delivered);
    const held = of.filter((r) => r.held);
    return {
      targeted: treated.length,
      sent: treated.length,
      reached: reached.length,
      reachedConverted: reached.filter((r) => r.converted).length,
      treatedConverted: treated.filter((r) => r.converted).length,
      holdout: held.length,
      holdoutConverted: held.filter((r) => r.converted).length,
      skipped: of.filter((r) => r.skipped).length,
    };
  }
  const pct = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '');

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin', 'Kx7-bank-2026');
    const feed = [...A.map((n) => feedRow(n, { branch_code: 'BR001' })), ...B.map((n) => feedRow(n, { branch_code: 'BR002' }))];
    const imported = await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(feedCsv(feed)), 'feed.csv');
    expect(imported.body.rejected).toEqual([]);
    const segment = await t.http.post('/api/segments').set(as(admin)).send({ name: '网银未激活', rule: { field: 'customerNo', op: 'in', value: [...A, ...B].map(no) } });
    expect((await t.http.post(`/api/segments/${segment.body.id}/refresh`).set(as(admin))).body.members).toBe(16);
    const script = await t.http.post('/api/scripts').set(as(admin)).send({ name: '网银激活提醒', kind: 'sms', body: { text: '{{companyName}}您好：请尽快激活网银。回复TD退订' } });
    const campaign = await t.http.post('/api/campaigns').set(as(admin)).send({ name: '网银激活,提醒', segmentId: segment.body.id, purpose: 'service', holdoutPct: 25, startsAt: t.clock.now().toISOString(), steps: [{ channel: 'sms', scriptId: script.body.id }] });
    expect(campaign.body.fields ?? campaign.status).toBe(201);
    campaignId = campaign.body.id;
    expect((await t.http.post(`/api/campaigns/${campaignId}/start`).set(as(admin))).status).toBe(200);

    // the dispatcher's work: every planned SMS sent, the odd-numbered customers' delivered
    const ds = t.app.get(DataSource);
    const attempts = await query<{ id: number; customer_no: string; customer_id: number; state: string }>(ds, 'SELECT a.id, c.customer_no, a.customer_id, a.state FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE a.campaign_id = :campaignId', { campaignId });
    rows = attempts.map((a) => {
      const n = Number(a.customer_no.slice(1));
      const held = a.state === 'holdout';
      return { branch: n <= 10 ? 'BR001' : 'BR002', n, id: Number(a.id), held, skipped: false, delivered: !held && n % 2 === 1, converted: CONVERTED.has(n) };
    });
    // the first contacted customer of BR001 was refused by the policy: neither sent nor counted as contacted
    const refused = rows.filter((r) => r.branch === 'BR001' && !r.held).sort((x, y) => x.n - y.n)[0];
    refused.skipped = true;
    refused.delivered = false;
    await query(ds, "UPDATE contact_attempts SET state = 'skipped', reason = 'do_not_contact' WHERE id = :id", { id: refused.id });
    expect(rows.filter((r) => r.held).length).toBeGreaterThan(0); // precondition: someone is held out
    const sentAt = new Date(t.clock.now().getTime() + 60_000);
    for (const r of rows.filter((x) => !x.held && !x.skipped)) {
      await query(ds, "UPDATE contact_attempts SET state = 'done', sent_at = :sentAt, outcome = :outcome, outcome_at = :sentAt WHERE id = :id", { sentAt, outcome: r.delivered ? 'delivered' : 'undelivered', id: r.id });
    }
    // the segment refresh an hour later: the converted left the segment
    const exitedAt = new Date(t.clock.now().getTime() + 3_600_000);
    const ids = attempts.filter((a) => CONVERTED.has(Number(a.customer_no.slice(1)))).map((a) => Number(a.customer_id));
    await query(ds, 'UPDATE segment_memberships SET exited_at = :exitedAt WHERE segment_id = :segmentId AND customer_id IN (:...ids)', { exitedAt, segmentId: segment.body.id, ids });
  });
  afterAll(() => t?.close());

  it('counts the funnel, each branch and the treated against the control group', async () => {
    const res = await t.http.get(`/api/campaigns/${campaignId}/stats`).set(as(admin));
    expect(res.status).toBe(200);
    const all = expected(rows);
    expect(res.body.steps).toHaveLength(1);
    expect(res.body.steps[0].funnel).toEqual({ targeted: all.targeted, sent: all.sent, reached: all.reached, converted: all.reachedConverted });
    expect(res.body.treated).toEqual({ customers: all.targeted, converted: all.treatedConverted, rate: Math.round((all.treatedConverted / all.targeted) * 10_000) / 10_000 });
    expect(res.body.holdout).toMatchObject({ customers: all.holdout, converted: all.holdoutConverted });
    const a = expected(rows.filter((r) => r.branch === 'BR001'));
    expect(res.body.branches.map((b: { branchCode: string }) => b.branchCode)).toEqual(['BR001', 'BR002']);
    expect(res.body.branches[0]).toMatchObject({ branchCode: 'BR001', members: 10, treated: a.targeted, converted: a.treatedConverted, reached: a.reached, holdout: a.holdout, holdoutConverted: a.holdoutConverted, done: a.targeted, skipped: 1 });
  });

  it('counts only the branch of a user who has one', async () => {
    manager = await t.userToken('campaign_manager', 'managerBR001');
    const res = await t.http.get(`/api/campaigns/${campaignId}/stats`).set(as(manager));
    expect(res.body.branches.map((b: { branchCode: string }) => b.branchCode)).toEqual(['BR001']);
    expect(res.body.steps[0].funnel.targeted).toBe(expected(rows.filter((r) => r.branch === 'BR001')).targeted);
  });

  it('exports a CSV Excel reads as UTF-8: Chinese columns, a row per branch and step, then every branch', async () => {
    const res = await t.http.get(`/api/campaigns/${campaignId}/results.csv`).set(as(admin)).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="campaign-${campaignId}-results.csv"; filename*=UTF-8''${encodeURIComponent('网银激活,提醒-结果.csv')}`);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = parseCsv(bytes.toString('utf8'));
    expect(lines[0]).toEqual(['网点', '步骤', '渠道', '计划联系客户数', '已发送', '已触达（接通/送达）', '触达后转化', '触达率', '触达转化率', '待发送', '已跳过（策略拦截）', '对照组客户数', '对照组已转化', '对照组转化率']);
    const line = (branch: string, e: ReturnType<typeof expected>) => [branch, '第1步', '短信', e.targeted, e.sent, e.reached, e.reachedConverted, pct(e.reached, e.targeted), pct(e.reachedConverted, e.reached), 0, e.skipped, e.holdout, e.holdoutConverted, pct(e.holdoutConverted, e.holdout)].map(String);
    expect(lines.slice(1)).toEqual([
      line('BR001', expected(rows.filter((r) => r.branch === 'BR001'))),
      line('BR002', expected(rows.filter((r) => r.branch === 'BR002'))),
      line('全部网点', expected(rows)),
    ]);
  });

  it('gives a user of one branch only that branch, and audits every export', async () => {
    const res = await t.http.get(`/api/campaigns/${campaignId}/results.csv`).set(as(manager));
    expect(res.status).toBe(200);
    const lines = parseCsv(res.text);
    expect(lines.slice(1).map((l) => l[0])).toEqual(['BR001', 'BR001']);
    expect(lines[2][3]).toBe(String(expected(rows.filter((r) => r.branch === 'BR001')).targeted));

    const audit = await t.http.get('/api/audit?action=campaign.results.export').set(as(admin));
    expect(audit.body.total).toBe(2);
    expect(audit.body.items[0]).toMatchObject({ actorName: 'managerBR001', action: 'campaign.results.export', targetType: 'campaign', targetId: campaignId, detail: { name: '网银激活,提醒', branchCode: 'BR001', rows: 2 } });
    expect(audit.body.items[0].address).toEqual(expect.any(String));
    expect(audit.body.items[1]).toMatchObject({ actorName: 'admin', detail: { branchCode: null, rows: 3 } });
  });

  it('refuses agents, unknown campaigns and bad ids', async () => {
    const agent = await t.userToken('agent');
    expect((await t.http.get(`/api/campaigns/${campaignId}/results.csv`).set(as(agent))).status).toBe(403);
    expect((await t.http.get(`/api/campaigns/${campaignId}/results.csv`)).status).toBe(401);
    expect((await t.http.get('/api/campaigns/00000000-0000-4000-8000-000000000000/results.csv').set(as(admin))).status).toBe(404);
    const bad = await t.http.get('/api/campaigns/not-a-uuid/results.csv').set(as(admin));
    expect(bad.status).toBe(400);
    const audit = await t.http.get('/api/audit?action=campaign.results.export').set(as(admin));
    expect(audit.body.total).toBe(2); // refused exports leave no entry
  });

  it('filters the audit log by time: from inclusive, to exclusive, each validated by name', async () => {
    const now = t.clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const count = async (q: string) => (await t.http.get(`/api/audit?action=campaign.results.export&${q}`).set(as(admin))).body.total;
    expect(await count(`from=${encodeURIComponent(iso(now))}`)).toBe(2);
    expect(await count(`to=${encodeURIComponent(iso(now))}`)).toBe(0);
    expect(await count(`from=${encodeURIComponent('2026-11-23T00:00:00+08:00')}&to=${encodeURIComponent('2026-11-24T00:00:00+08:00')}`)).toBe(2);
    expect(await count(`from=${encodeURIComponent('2026-11-24T00:00:00+08:00')}`)).toBe(0);
    for (const [q, field] of [
      ['from=yesterday', 'from'],
      ['from=2026-11-24', 'from'],
      ['to=2026-13-45T00:00:00Z', 'to'],
      ['from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z', 'to'],
    ]) {
      const res = await t.http.get(`/api/audit?${q}`).set(as(admin));
      expect(res.status).toBe(400);
      expect(res.body.fields?.[0]?.field).toBe(field);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AttemptClaims } from '@app/dispatch';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Several dispatchers claiming from one outbox at once (on PostgreSQL, separate connections of the
 * pool racing with FOR UPDATE SKIP LOCKED; on SQLite, one process taking turns) never take the
 * same attempt, and leave none behind.
 */
describe('claiming due attempts (e2e)', () => {
  let t: TestApp;
  let campaignId: string;
  const CUSTOMERS = 600;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login('admin', 'Kx7-bank-2026');
    const as = { Authorization: `Bearer ${admin}` };
    const csv = feedCsv(Array.from({ length: CUSTOMERS }, (_, i) => feedRow(i + 1)));
    expect((await t.http.post('/api/customers/import?asOf=2026-11-22').set(as).attach('file', Buffer.from(csv), 'feed.csv')).body.rejected).toEqual([]);
    const segment = (await t.http.post('/api/segments').set(as).send({ name: '全部客户', rule: { field: 'tier', op: '>=', value: 0 } })).body.id;
    expect((await t.http.post(`/api/segments/${segment}/refresh`).set(as)).body.members).toBe(CUSTOMERS);
    const script = (await t.http.post('/api/scripts').set(as).send({ name: '通知', kind: 'sms', body: { text: '{{companyName}}您好：服务通知。' } })).body.id;
    const res = await t.http.post('/api/campaigns').set(as).send({ name: '服务通知', segmentId: segment, purpose: 'service', startsAt: t.clock.now().toISOString(), steps: [{ channel: 'sms', scriptId: script }] });
    campaignId = res.body.id;
    expect((await t.http.post(`/api/campaigns/${campaignId}/start`).set(as)).body.lastPlan.planned).toBe(CUSTOMERS);
  });
  afterAll(() => t?.close());

  it('eight dispatchers racing for 600 attempts take each exactly once', async () => {
    const claims = t.app.get(AttemptClaims);
    const now = t.clock.now();
    const lease = new Date(now.getTime() + 60_000);
    const taken = new Map<number, string>();
    const duplicates: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, d) => {
        for (;;) {
          const batch = await claims.claimDue(campaignId, 'sms', 37, CUSTOMERS, `dispatcher-${d}`, now, lease);
          if (!batch.length) return;
          for (const a of batch) {
            if (taken.has(a.id)) duplicates.push(a.id);
            taken.set(a.id, `dispatcher-${d}`);
          }
        }
      }),
    );
    expect(duplicates).toEqual([]);
    expect(taken.size).toBe(CUSTOMERS);
    const rows: Array<{ lease_owner: string; n: number }> = await t.app.get(DataSource).query("SELECT lease_owner, count(*) AS n FROM contact_attempts WHERE state = 'in_flight' GROUP BY lease_owner");
    expect(rows.reduce((sum, r) => sum + Number(r.n), 0)).toBe(CUSTOMERS);
    for (const r of rows) expect(Number(r.n)).toBe([...taken.values()].filter((o) => o === r.lease_owner).length);
  });

  it("eight dispatchers claiming at once keep the campaign's in-flight limit between them", async () => {
    const db = t.app.get(DataSource);
    await db.query("UPDATE contact_attempts SET state = 'planned', lease_owner = NULL, lease_expires_at = NULL WHERE campaign_id = " + (db.options.type === 'postgres' ? '$1' : '?'), [campaignId]);
    const claims = t.app.get(AttemptClaims);
    const now = t.clock.now();
    const lease = new Date(now.getTime() + 60_000);
    // each would take 37 at once: counted from the same start, eight together would reach 296
    const claimed = await Promise.all(Array.from({ length: 8 }, (_, d) => claims.claimDue(campaignId, 'sms', 37, 100, `dispatcher-${d}`, now, lease)));
    expect(claimed.reduce((sum, batch) => sum + batch.length, 0)).toBe(100);
    const [{ n }]: Array<{ n: number }> = await db.query("SELECT count(*) AS n FROM contact_attempts WHERE state = 'in_flight'");
    expect(Number(n)).toBe(100);
    expect(await claims.claimDue(campaignId, 'sms', 37, 100, 'dispatcher-9', now, lease)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AttemptClaims, AttemptOutcomes } from '@app/dispatch';
import type { ProviderEvent, SmsStatus } from '@app/telephony';
import { feedCsv, feedRow } from '../support/feed';
import { seeded } from '../support/seeded-random';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Carrier events applied in bursts, as a busy webhook receives them: they are written in batches,
 * and every attempt still ends exactly as if they had come one by one — duplicates stored once,
 * a late status never moving an attempt back, one timeline line per outcome — while one event that
 * cannot be stored fails alone.
 */
describe('carrier events applied in batches (e2e)', () => {
  let t: TestApp;
  let campaignId: string;
  const CUSTOMERS = 120;
  const sid = (id: number) => `SM${String(id).padStart(32, '0')}`;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login('admin', 'Kx7-bank-2026');
    const as = { Authorization: `Bearer ${admin}` };
    const csv = feedCsv(Array.from({ length: CUSTOMERS }, (_, i) => feedRow(i + 1)));
    expect((await t.http.post('/api/customers/import?asOf=2026-11-22').set(as).attach('file', Buffer.from(csv), 'feed.csv')).body.rejected).toEqual([]);
    const segment = (await t.http.post('/api/segments').set(as).send({ name: '全部客户', rule: { field: 'tier', op: '>=', value: 0 } })).body.id;
    await t.http.post(`/api/segments/${segment}/refresh`).set(as);
    const script = (await t.http.post('/api/scripts').set(as).send({ name: '通知', kind: 'sms', body: { text: '{{companyName}}您好：服务通知。' } })).body.id;
    campaignId = (await t.http.post('/api/campaigns').set(as).send({ name: '服务通知', segmentId: segment, purpose: 'service', startsAt: t.clock.now().toISOString(), steps: [{ channel: 'sms', scriptId: script }] })).body.id;
    expect((await t.http.post(`/api/campaigns/${campaignId}/start`).set(as)).body.lastPlan.planned).toBe(CUSTOMERS);
    // every attempt sent: in flight with its message id, as the dispatcher leaves it
    const claims = t.app.get(AttemptClaims);
    const now = t.clock.now();
    const claimed = await claims.claimDue(campaignId, 'sms', CUSTOMERS, CUSTOMERS, 'test', now, new Date(now.getTime() + 600_000));
    expect(claimed).toHaveLength(CUSTOMERS);
    await claims.markSent('test', now, 'simulator', claimed.map((a) => ({ id: a.id, providerId: sid(a.id), status: 'queued', rank: 1 })));
  });
  afterAll(() => t?.close());

  it('a shuffled, duplicated burst leaves every attempt with its final status, once', async () => {
    const db = t.app.get(DataSource);
    const ids: number[] = (await db.query("SELECT id FROM contact_attempts WHERE state = 'in_flight' ORDER BY id")).map((r: { id: number }) => Number(r.id));
    const final = (id: number): SmsStatus => (id % 4 === 0 ? 'undelivered' : 'delivered');
    const event = (id: number, status: SmsStatus, viaRef: boolean): ProviderEvent => ({
      providerId: sid(id),
      kind: 'sms',
      status,
      at: t.clock.now(),
      // some callbacks name the attempt, some only the message
      ref: viaRef ? String(id) : null,
      errorCode: status === 'undelivered' ? '30003' : null,
      raw: { MessageSid: sid(id), MessageStatus: status },
    });
    const random = seeded(7);
    const burst = ids.flatMap((id) => [event(id, 'sent', true), event(id, final(id), id % 3 !== 0), event(id, final(id), true), event(id, 'sent', false)]);
    for (let i = burst.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [burst[i], burst[j]] = [burst[j], burst[i]];
    }
    const stranger: ProviderEvent = { providerId: 'SMunknown', kind: 'sms', status: 'delivered', at: t.clock.now(), ref: null, errorCode: null, raw: {} };
    const outcomes = t.app.get(AttemptOutcomes);
    const results = await Promise.all([...burst, stranger].map((e) => outcomes.apply(e, 'callback')));

    // of the four events per attempt, two are duplicates; the final one applied
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(2 * CUSTOMERS);
    expect(results.filter((r) => r === 'applied').length).toBeGreaterThanOrEqual(CUSTOMERS);
    expect(results.at(-1)).toBe('unknown');
    const rows: Array<{ id: number; state: string; outcome: string; provider_status: string; detail: string | null; lease_owner: string | null }> = await db.query(
      'SELECT id, state, outcome, provider_status, detail, lease_owner FROM contact_attempts WHERE campaign_id = ' + (db.options.type === 'postgres' ? '$1' : '?'),
      [campaignId],
    );
    const wrong = rows.filter((r) => r.state !== 'done' || r.outcome !== final(Number(r.id)) || r.provider_status !== final(Number(r.id)) || r.lease_owner !== null);
    expect(wrong).toEqual([]);
    expect(rows.filter((r) => r.outcome === 'undelivered').every((r) => r.detail === '运营商错误码 30003')).toBe(true);
    const [{ n: events }] = await db.query("SELECT count(*) AS n FROM provider_events WHERE provider_id LIKE 'SM0%'");
    expect(Number(events)).toBe(2 * CUSTOMERS);
    // a line per outcome the attempt took: its final one exactly once ('sent' too when it came first)
    const lines: Array<{ attempt_id: number; detail: string }> = await db.query("SELECT attempt_id, detail FROM contact_events WHERE kind = 'contact_outcome'");
    const seen = new Map<number, string[]>();
    for (const l of lines) seen.set(Number(l.attempt_id), [...(seen.get(Number(l.attempt_id)) ?? []), JSON.parse(l.detail).outcome]);
    expect(seen.size).toBe(CUSTOMERS);
    const odd = [...seen].filter(([id, outcomes]) => outcomes.filter((o) => o === final(id)).length !== 1 || outcomes.some((o) => o !== final(id) && o !== 'sent') || outcomes.length > 2);
    expect(odd).toEqual([]);

    // the same burst again changes nothing
    const again = await Promise.all(burst.map((e) => outcomes.apply(e, 'callback')));
    expect(new Set(again)).toEqual(new Set(['duplicate']));
  });

  it('an event that cannot be stored fails alone; the rest of its batch lands', async () => {
    const outcomes = t.app.get(AttemptOutcomes);
    const good = (n: number): ProviderEvent => ({ providerId: `SMextra${n}`, kind: 'sms', status: 'delivered', at: t.clock.now(), ref: null, errorCode: null, raw: { n: String(n) } });
    const poison: ProviderEvent = { ...good(99), raw: { huge: 10n } as unknown as Record<string, string> };
    const settled = await Promise.allSettled([good(1), poison, good(2), good(3)].map((e) => outcomes.apply(e, 'callback')));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const db = t.app.get(DataSource);
    const [{ n }] = await db.query("SELECT count(*) AS n FROM provider_events WHERE provider_id LIKE 'SMextra%'");
    expect(Number(n)).toBe(3);
  });
});

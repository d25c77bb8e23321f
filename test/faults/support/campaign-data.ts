// Campaign data for the fault tests, set up through the API of an in-process app on a fresh
// PostgreSQL database (its scheduler off): customers from a feed, a policy that allows contact at
// any hour (the child servers run on the real clock), segments, scripts, started campaigns.
import { expect } from '@jest/globals';
import pg from 'pg';
import { feedCsv, feedRow, type FeedValues } from '../../support/feed';
import { createTestApp, type TestApp } from '../../support/test-app';
import { ADMIN_PASSWORD } from './fault-env';

export const SMS_TEXT = '{{companyName}}您好：您的积分{{pointsBalance}}分将于{{date pointsExpireAt}}到期。回复TD退订';
export const VOICE_BODY = {
  start: 'greet',
  steps: [
    { id: 'greet', title: '问候', text: '您好，这里是{{bankName}}远程服务中心，请问是{{legalRepName}}吗？', options: [{ label: '是', intent: 'yes', next: 'close' }], dispositions: [] },
    { id: 'close', title: '结束', text: '感谢接听，再见。', options: [], dispositions: ['completed'] },
  ],
};

/** Customer n's phone as stored (E.164), as the feed writes it. */
export const phoneOf = (n: number) => `+86139${String(10000000 + n).slice(-8)}`;

/**
 * Any hour, any day, generous caps, one attempt and no retries: the fault tests count attempts,
 * so none may be added by planning again after an outcome, and the real clock decides nothing.
 */
const OPEN_POLICY = {
  hours: { call: { start: '00:00', end: '24:00', days: 'every_day' }, sms: { start: '00:00', end: '24:00', days: 'every_day' } },
  caps: { call: { max: 10, days: 1 }, sms: { max: 10, days: 1 } },
  maxAttempts: 1,
  retryMinutes: { busy: null, no_answer: null, failed: null, undelivered: null },
};

export interface Seed {
  t: TestApp;
  /** The database the child servers share with the in-process app. */
  databaseUrl: string;
  db: pg.Client;
  api: <T = Record<string, unknown>>(method: 'get' | 'post' | 'put', path: string, body?: unknown) => Promise<T>;
  close(): Promise<void>;
}

/** The in-process app, its clock frozen at the real time now (planned attempts are due at once). */
export async function seedApp(): Promise<Seed> {
  const t = await createTestApp({ now: new Date().toISOString(), env: { ADMIN_PASSWORD } });
  const token = await t.login('admin', ADMIN_PASSWORD);
  const api = async <T>(method: 'get' | 'post' | 'put', path: string, body?: unknown): Promise<T> => {
    const req = t.http[method](path).set('Authorization', `Bearer ${token}`);
    const res = await (body === undefined ? req : req.send(body as object));
    if (res.status >= 300) throw new Error(`${method.toUpperCase()} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  };
  await api('put', '/api/contact-policy', { settings: OPEN_POLICY });
  const db = new pg.Client({ connectionString: t.db.url, application_name: 'fault-test' });
  await db.connect();
  return {
    t,
    databaseUrl: t.db.url as string,
    db,
    api,
    async close() {
      await db.end().catch(() => undefined);
      await t.close();
    },
  };
}

/** Imports customers 1..n through the feed upload; `over(n)` changes a row (its tier, say). */
export async function importCustomers(seed: Seed, count: number, over: (n: number) => FeedValues = () => ({})): Promise<void> {
  const csv = feedCsv(Array.from({ length: count }, (_, i) => feedRow(i + 1, over(i + 1))));
  const token = await seed.t.login('admin', ADMIN_PASSWORD);
  const res = await seed.t.http.post('/api/customers/import?asOf=2026-11-22').set('Authorization', `Bearer ${token}`).attach('file', Buffer.from(csv), 'feed.csv');
  expect(res.body.rejected ?? res.body).toEqual([]);
  const [{ n }] = (await seed.db.query('SELECT count(*)::int AS n FROM customers')).rows;
  expect(n).toBeGreaterThanOrEqual(count);
}

export async function segment(seed: Seed, name: string, rule: unknown, members: number): Promise<string> {
  const { id } = await seed.api<{ id: string }>('post', '/api/segments', { name, rule });
  const refreshed = await seed.api<{ members: number }>('post', `/api/segments/${id}/refresh`);
  expect(refreshed.members).toBe(members);
  return id;
}

export async function script(seed: Seed, name: string, kind: 'sms' | 'voice'): Promise<string> {
  const { id } = await seed.api<{ id: string }>('post', '/api/scripts', { name, kind, body: kind === 'sms' ? { text: SMS_TEXT } : VOICE_BODY });
  return id;
}

/** Creates and starts a one-step campaign over the segment; answers its id once every member is planned. */
export async function startCampaign(seed: Seed, o: { name: string; segmentId: string; channel: 'sms' | 'ai_call'; scriptId: string; purpose: 'marketing' | 'service'; members: number }): Promise<string> {
  const created = await seed.api<{ id: string }>('post', '/api/campaigns', {
    name: o.name,
    segmentId: o.segmentId,
    purpose: o.purpose,
    startsAt: seed.t.clock.now().toISOString(),
    steps: [{ channel: o.channel, scriptId: o.scriptId }],
    pacing: { mode: 'progressive', ratio: 1, maxConcurrent: 10000, maxAbandonPct: 3 },
  });
  const started = await seed.api<{ status: string; lastPlan: { planned: number } }>('post', `/api/campaigns/${created.id}/start`);
  expect({ status: started.status, planned: started.lastPlan.planned }).toEqual({ status: 'running', planned: o.members });
  const { rows } = await seed.db.query("SELECT count(*)::int AS n FROM contact_attempts WHERE campaign_id = $1 AND state = 'planned' AND due_at <= now()", [created.id]);
  expect(rows[0].n).toBe(o.members);
  // as autovacuum soon would: planning again on the statistics of empty tables takes ~12 s for 10,000
  // members (~50 ms once analyzed), inside the dispatcher's loop
  await seed.db.query('ANALYZE');
  return created.id;
}

/** A client or a pool (a pool reconnects by itself after the database restarted). */
export type Queryable = Pick<pg.Pool, 'query'>;

/** Attempts of a campaign by state (and whether a provider id is stored). */
export async function stateCounts(db: Queryable, campaignIds: string[]): Promise<Record<string, number>> {
  const { rows } = await db.query<{ state: string; stored: boolean; n: number }>(
    'SELECT state, provider_id IS NOT NULL AS stored, count(*)::int AS n FROM contact_attempts WHERE campaign_id = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2',
    [campaignIds],
  );
  return Object.fromEntries(rows.map((r) => [`${r.state}${r.state === 'in_flight' ? (r.stored ? '+id' : '-id') : ''}`, r.n]));
}

/**
 * The campaign bench's data on top of the imported customers: the segment to plan, the
 * do-not-contact list, a third time zone, and the attempts of two earlier campaigns (a running AI
 * call campaign, whose calls the frequency cap counts, and a finished SMS one, which it must not).
 * Segments, scripts and campaigns are created through the services; memberships, list entries and
 * past attempts are written set-based, as an earlier life of the system would have left them.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Principal } from '@app/core';
import { CampaignLifecycle, CampaignsService, ContactPolicyService } from '@app/campaigns';
import { ScriptsService } from '@app/scripts';
import { SegmentsService } from '@app/segments';
import type { Booted } from '../support/bench-app';

/** Monday 2026-11-23 09:00 in Shanghai: the day T's calling hours open. */
const T_OPEN = '2026-11-23T01:00:00Z';

export const AGENT_BODY = {
  start: 'greet',
  steps: [
    { id: 'greet', title: '问候', text: '您好，请问是{{legalRepName}}吗？我是您的客户经理。', options: [{ label: '是', next: 'offer' }], dispositions: [] },
    { id: 'offer', title: '介绍', text: '{{companyName}}目前可申请经营贷优惠利率，是否需要为您预约？', options: [{ label: '需要', next: 'close' }, { label: '不需要', next: 'close' }], dispositions: [] },
    { id: 'close', title: '结束', text: '感谢接听。', options: [], dispositions: ['completed', 'not_interested'] },
  ],
};
const VOICE_BODY = {
  start: 'greet',
  steps: [
    { id: 'greet', title: '问候', text: '您好，这里是银行远程服务中心，请问是{{legalRepName}}吗？', options: [{ label: '是', intent: 'yes', next: 'close' }], dispositions: [] },
    { id: 'close', title: '结束', text: '感谢接听，再见。', options: [], dispositions: ['completed', 'not_interested'] },
  ],
};
const SMS_TEXT = '{{companyName}}您好：您的积分{{pointsBalance}}分将于{{date pointsExpireAt}}到期。回复TD退订';

/**
 * Do-not-contact entries, one per listed customer, by the customer's rank mod 20: 13 of 20 close
 * agent calls for good (by customer or by phone only, `call`, `all` or `agent_call`), 2 close
 * them until a date within the campaign, 1 until after its end, 4 do not close them (SMS only,
 * AI calls only, expired, removed).
 */
interface DncKind {
  byPhone: boolean;
  channel: 'call' | 'all' | 'agent_call' | 'ai_call' | 'sms';
  scope: 'marketing' | 'all';
  /** none: no end; soon: 1–7 days; later: 8–20 days; beyond: 35–49 days (after the campaign); past: expired. */
  until: 'none' | 'soon' | 'later' | 'beyond' | 'past';
  removed?: boolean;
}
const C = (channel: DncKind['channel'], until: DncKind['until'] = 'none', extra: Partial<DncKind> = {}): DncKind => ({ byPhone: false, channel, scope: 'marketing', until, ...extra });
const P = (channel: DncKind['channel'], until: DncKind['until'] = 'none', extra: Partial<DncKind> = {}): DncKind => ({ byPhone: true, channel, scope: 'marketing', until, ...extra });
export const DNC_KINDS: DncKind[] = [
  C('call'), C('call'), C('call'), C('call'), C('call'), C('call'), C('call'), C('call'),
  C('all', 'none', { scope: 'all' }), C('agent_call'),
  P('call'), P('call'), P('all', 'none', { scope: 'all' }),
  C('call', 'soon'), P('call', 'later'), C('all', 'beyond'),
  C('sms'), C('ai_call'), C('call', 'past'), C('call', 'none', { removed: true }),
];

export interface Options {
  members: number;
  /** Share of members without call consent. */
  noConsentPct: number;
  /** Share of all customers on the do-not-contact list. */
  dncPct: number;
  /** Share of members the running AI campaign has attempts for. */
  historyPct: number;
}

export interface Prepared {
  segmentId: string;
  agentScriptId: string;
  runningCampaignId: string;
  facts: DataFacts;
}

export interface DataFacts {
  customers: number;
  customerZones: Array<{ zone: string; n: number }>;
  members: number;
  memberZones: Array<{ zone: string; n: number }>;
  membersNoCallConsent: number;
  dncEntries: number;
  dncMembers: number;
  dncByPhone: number;
  dncWithUntil: number;
  dncRemoved: number;
  /** Members with an active entry closing agent calls at T: forever / until a date. */
  dncBlockingForever: number;
  dncBlockingUntil: number;
  attempts: Array<{ campaign: string; state: string; outcome: string | null; n: number }>;
  attemptRows: number;
  /** Members with a counted marketing call in the 7 days before T or planned after it. */
  membersCapped: number;
  membersWithHistory: number;
  prepareMs: number;
}

/** A stable pseudo-random integer 0 … 2^31−1 of a customer id (hashtext, sign bit cleared). */
const hash = (salt: string, expr = 'id') => `(hashtext('${salt}:' || ${expr}) & 2147483647)`;

/** Every table the bench writes, emptied (a reused database keeps only the customers and their history). */
export async function reset(client: pg.Client): Promise<void> {
  await client.query('DROP TABLE IF EXISTS bench_sql_decisions');
  await client.query(
    'TRUNCATE contact_attempts, campaign_steps, campaigns, do_not_contact, calendar_entries, script_versions, scripts, segment_memberships, segment_refreshes, segment_versions, segment_job_runs, segments, contact_events, audit_entries',
  );
}

export async function prepare(app: Booted, client: pg.Client, by: Principal, o: Options): Promise<Prepared> {
  const started = performance.now();
  const now = app.clock.now();
  const scripts = app.get(ScriptsService);
  const segments = app.get(SegmentsService);
  const campaigns = app.get(CampaignsService);
  const lifecycle = app.get(CampaignLifecycle);

  // a third zone: 1 % of the Shanghai customers live in Hong Kong (idempotent on a reused database)
  await client.query("UPDATE customers SET time_zone = 'Asia/Hong_Kong' WHERE time_zone = 'Asia/Shanghai' AND id % 100 = 7");

  // the bank's own calendar: a Friday off for a system upgrade, made up on the Saturday (caps that free on Friday wait)
  const policy = app.get(ContactPolicyService);
  await policy.putEntry({ date: '2026-11-27', kind: 'holiday', note: '本行年度系统升级，暂停外呼' }, by);
  await policy.putEntry({ date: '2026-11-28', kind: 'workday', note: '系统升级调休' }, by);

  const agent = await scripts.create({ name: '经营贷客户经理回访', kind: 'agent', body: AGENT_BODY }, by);
  const voice = await scripts.create({ name: '经营贷 AI 邀约', kind: 'voice', body: VOICE_BODY }, by);
  const sms = await scripts.create({ name: '积分到期提醒', kind: 'sms', body: { text: SMS_TEXT } }, by);

  // the segment to plan: exactly `members` customers, a few % of them without call consent
  const target = await segments.create({ name: `经营贷潜客 ${o.members}`, rule: { field: 'tier', op: '>=', value: 1 }, nightly: false }, by);
  const refused = Math.round((o.members * o.noConsentPct) / 100);
  await insertMembers(client, target.id, `(SELECT id FROM customers WHERE consent_call ORDER BY ${hash('member')}, id LIMIT ${o.members - refused})
      UNION ALL (SELECT id FROM customers WHERE NOT consent_call ORDER BY ${hash('member')}, id LIMIT ${refused})`, new Date(now.getTime() - 7.5 * 3600_000));

  // the do-not-contact list: dncPct % of all customers, one entry each (see DNC_KINDS)
  await insertDoNotContact(client, o.dncPct, now);

  // a running AI call campaign, started ten days ago, and an SMS campaign finished last week; both
  // started on an empty segment (planning nothing), then given their members and past attempts
  const runningSegment = await segments.create({ name: '经营贷 AI 邀约名单', rule: { field: 'tier', op: '>=', value: 1 }, nightly: false }, by);
  const smsSegment = await segments.create({ name: '积分到期客户', rule: { field: 'tier', op: '>=', value: 1 }, nightly: false }, by);
  const running = await at(app, '2026-11-09T02:00:00Z', async () => {
    const view = await campaigns.create({ name: '经营贷 AI 邀约（进行中）', segmentId: runningSegment.id, purpose: 'marketing', entryMode: 'snapshot', holdoutPct: 0, startsAt: new Date('2026-11-09T01:00:00Z'), endsAt: new Date('2026-12-31T10:00:00Z'), steps: [{ channel: 'ai_call', scriptId: voice.id, delayMinutes: 0, runIf: 'always' }] }, by);
    await lifecycle.act(view.id, 'start', by);
    return view;
  });
  const finished = await at(app, '2026-11-09T02:00:00Z', async () => {
    const view = await campaigns.create({ name: '积分到期提醒（已完成）', segmentId: smsSegment.id, purpose: 'marketing', entryMode: 'snapshot', holdoutPct: 0, startsAt: new Date('2026-11-09T01:00:00Z'), endsAt: new Date('2026-11-12T10:00:00Z'), steps: [{ channel: 'sms', scriptId: sms.id, delayMinutes: 0, runIf: 'always' }] }, by);
    await lifecycle.act(view.id, 'start', by);
    return view;
  });
  await at(app, '2026-11-12T10:00:00Z', () => lifecycle.act(finished.id, 'complete', by));

  // the running campaign's list: historyPct % of the target's members and 5 % of everyone else
  await insertMembers(
    client,
    runningSegment.id,
    `SELECT customer_id AS id FROM segment_memberships WHERE segment_id = '${target.id}' AND ${hash('history', 'customer_id')} % 1000 < ${o.historyPct * 10}
      UNION ALL SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM segment_memberships m WHERE m.segment_id = '${target.id}' AND m.customer_id = c.id) AND ${hash('history')} % 100 < 5`,
    new Date('2026-11-12T18:30:00Z'),
  );
  await insertRunningHistory(client, running.id, runningSegment.id);
  // the SMS campaign reached half the customers who consent to SMS
  await insertMembers(client, smsSegment.id, `SELECT id FROM customers WHERE consent_sms AND ${hash('sms')} % 2 = 0`, new Date('2026-11-08T18:30:00Z'));
  await client.query(
    `INSERT INTO contact_attempts (campaign_id, step_no, customer_id, channel, purpose, attempt_no, state, due_at, reason, trace, outcome, outcome_at, planned_at, updated_at)
     SELECT $1, 1, m.customer_id, 'sms', 'marketing', 1, 'done', d.due, NULL, json_build_object('from', d.due, 'timeZone', c.time_zone, 'holdout', false, 'dncForever', 0, 'dncUntil', NULL, 'consent', true, 'capFreeAt', NULL)::text,
       'delivered', d.due + interval '40 seconds', TIMESTAMPTZ '2026-11-09T02:00:00Z', d.due + interval '40 seconds'
     FROM segment_memberships m JOIN customers c ON c.id = m.customer_id
     CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2026-11-09T02:00:00Z' + make_interval(days => ${hash('smsday', 'm.customer_id')} % 3, mins => ${hash('smsmin', 'm.customer_id')} % 600) AS due) d
     WHERE m.segment_id = $2`,
    [finished.id, smsSegment.id],
  );
  // what an opt-out does at once: the running campaign's planned calls to listed customers are withdrawn
  await client.query(
    `UPDATE contact_attempts a SET state = 'cancelled', reason = 'do_not_contact', updated_at = d.created_at
     FROM do_not_contact d, customers c
     WHERE a.campaign_id = $1 AND a.state = 'planned' AND c.id = a.customer_id AND (d.customer_id = c.id OR d.phone = c.phone)
       AND d.removed_at IS NULL AND (d.until IS NULL OR d.until > $2) AND d.channel IN ('ai_call', 'call', 'all')`,
    [running.id, now],
  );
  await client.query('VACUUM (ANALYZE) customers, segment_memberships, do_not_contact, contact_attempts, campaigns');
  return { segmentId: target.id, agentScriptId: agent.id, runningCampaignId: running.id, facts: await dataFacts(client, target.id, now, performance.now() - started) };
}

/** Runs `fn` with the clock set to `when`, then sets it back. */
async function at<T>(app: Booted, when: string, fn: () => Promise<T>): Promise<T> {
  const now = app.clock.now();
  app.clock.set(when);
  try {
    return await fn();
  } finally {
    app.clock.set(now);
  }
}

/** Memberships as a refresh writes them, with the refresh recorded. */
async function insertMembers(client: pg.Client, segmentId: string, idsSql: string, at: Date): Promise<number> {
  const refreshId = randomUUID();
  const { rowCount } = await client.query(
    `INSERT INTO segment_memberships (segment_id, customer_id, version, entered_at, entered_refresh_id)
     SELECT $1, p.id, 1, $2, $3 FROM (${idsSql}) p`,
    [segmentId, at, refreshId],
  );
  const members = rowCount ?? 0;
  await client.query(
    `INSERT INTO segment_refreshes (id, segment_id, segment_name, version, trigger, status, members, entered, exited, ms, as_of, started_at, created_by)
     SELECT $1, id, name, 1, 'manual', 'succeeded', $2, $2, 0, 0, ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, $3, 'bench' FROM segments WHERE id = $4`,
    [refreshId, members, at, segmentId],
  );
  await client.query('UPDATE segments SET members = $1, last_refresh_id = $2 WHERE id = $3', [members, refreshId, segmentId]);
  return members;
}

async function insertDoNotContact(client: pg.Client, pct: number, now: Date): Promise<void> {
  const kinds = DNC_KINDS.map((k, i) => `(${i}, ${k.byPhone}, '${k.channel}', '${k.scope}', '${k.until}', ${k.removed ?? false})`).join(', ');
  // `until` falls at any minute of the day (09:00 Shanghai + 0–1439 min), so some end inside calling hours and some outside
  await client.query(
    `WITH kinds(k, by_phone, channel, scope, until_kind, removed) AS (VALUES ${kinds}),
     listed AS (SELECT id, phone, ${hash('dnc')} AS h, row_number() OVER (ORDER BY ${hash('dnc')}, id) AS rn FROM customers WHERE ${hash('dnc')} % 10000 < ${Math.round(pct * 100)})
     INSERT INTO do_not_contact (customer_id, phone, channel, scope, reason, source, until, created_by, created_at, removed_at, removed_by)
     SELECT CASE WHEN k.by_phone THEN NULL ELSE l.id END, CASE WHEN k.by_phone THEN l.phone END, k.channel, k.scope,
       CASE WHEN k.by_phone THEN '来电要求：此号码不再接受营销电话' ELSE '客户要求' END,
       (ARRAY['manual', 'call', 'agent', 'sms_keyword'])[1 + l.h % 4],
       TIMESTAMPTZ '${T_OPEN}' + CASE k.until_kind
         WHEN 'soon' THEN make_interval(days => 1 + l.h % 7, mins => (l.h / 7) % 1440)
         WHEN 'later' THEN make_interval(days => 8 + l.h % 13, mins => (l.h / 13) % 1440)
         WHEN 'beyond' THEN make_interval(days => 35 + l.h % 15, mins => (l.h / 15) % 1440)
         WHEN 'past' THEN make_interval(days => -1 - l.h % 30, mins => (l.h / 30) % 1440)
       END,
       'bench', $1::timestamptz - make_interval(days => 31 + l.h % 400),
       CASE WHEN k.removed THEN $1::timestamptz - make_interval(days => 1 + l.h % 30) END, CASE WHEN k.removed THEN 'bench' END
     FROM listed l JOIN kinds k ON k.k = l.rn % ${DNC_KINDS.length}`,
    [now],
  );
}

/**
 * Two weeks of the running AI call campaign, per listed customer by a hash h (per mille): 35 % a
 * call answered on a workday of the last two weeks; 10 % no answer then a retry still planned;
 * 5 % busy then a retry answered; 30 % still planned (a backlog from yesterday up to next
 * Monday); 5 % on the line right now; 5 % cancelled; 10 % answered more than a week ago.
 * Without call consent it skipped them. Calls at 09:00–20:00 Shanghai time, to the second.
 */
async function insertRunningHistory(client: pg.Client, campaignId: string, segmentId: string): Promise<void> {
  const due = (days: string, mins: string) => `TIMESTAMPTZ '${T_OPEN}' + make_interval(days => ${days}, mins => ${mins}, secs => h % 60)`;
  const pastWorkday = '(ARRAY[-3, -4, -5, -6, -7, -10])[1 + (h / 7) % 6]';
  const olderWorkday = '(ARRAY[-10, -11, -12, -13, -14])[1 + (h / 7) % 5]';
  const aheadDay = '(ARRAY[-3, 0, 0, 1, 2, 3, 4, 7])[1 + (h / 7) % 8]';
  const minute = '(h / 61) % 660';
  await client.query(
    `INSERT INTO contact_attempts (campaign_id, step_no, customer_id, channel, purpose, attempt_no, state, due_at, reason, trace, outcome, outcome_at, planned_at, updated_at)
     SELECT $1, 1, x.customer_id, 'ai_call', 'marketing', x.attempt_no, x.state, x.due_at, x.reason,
       json_build_object('from', COALESCE(x.due_at, TIMESTAMPTZ '2026-11-09T02:00:00Z'), 'timeZone', x.time_zone, 'holdout', false, 'dncForever', 0, 'dncUntil', NULL, 'consent', x.state <> 'skipped', 'capFreeAt', NULL)::text,
       x.outcome, CASE WHEN x.outcome IS NOT NULL THEN x.due_at + interval '95 seconds' END, TIMESTAMPTZ '2026-11-09T02:00:00Z', COALESCE(x.due_at, TIMESTAMPTZ '2026-11-09T02:00:00Z')
     FROM (
       SELECT m.customer_id, c.time_zone, c.consent_call, ${hash('calls', 'm.customer_id')} AS h, ${hash('kind', 'm.customer_id')} % 1000 AS u
       FROM segment_memberships m JOIN customers c ON c.id = m.customer_id WHERE m.segment_id = $2
     ) s CROSS JOIN LATERAL (
       SELECT s.customer_id, s.time_zone, 1 AS attempt_no, 'skipped' AS state, NULL::timestamptz AS due_at, 'consent' AS reason, NULL AS outcome WHERE NOT s.consent_call
       UNION ALL SELECT s.customer_id, s.time_zone, 1, 'done', ${due(pastWorkday, minute)}, NULL, 'completed' WHERE s.consent_call AND s.u < 350
       UNION ALL SELECT s.customer_id, s.time_zone, 1, 'done', ${due(pastWorkday, minute)}, NULL, 'no_answer' WHERE s.consent_call AND s.u >= 350 AND s.u < 450
       UNION ALL SELECT s.customer_id, s.time_zone, 2, 'planned', ${due('(h / 5) % 4', minute)}, NULL, NULL WHERE s.consent_call AND s.u >= 350 AND s.u < 450
       UNION ALL SELECT s.customer_id, s.time_zone, 1, 'done', ${due(pastWorkday, minute)}, NULL, 'busy' WHERE s.consent_call AND s.u >= 450 AND s.u < 500
       UNION ALL SELECT s.customer_id, s.time_zone, 2, 'done', ${due(pastWorkday, minute)} + interval '30 minutes', NULL, 'completed' WHERE s.consent_call AND s.u >= 450 AND s.u < 500
       UNION ALL SELECT s.customer_id, s.time_zone, 1, 'planned', ${due(aheadDay, minute)}, NULL, NULL WHERE s.consent_call AND s.u >= 500 AND s.u < 800
       UNION ALL SELECT s.customer_id, s.time_zone, 1, 'in_flight', TIMESTAMPTZ '2026-11-23T02:00:00Z' - make_interval(mins => 1 + h % 50), NULL, NULL WHERE s.consent_call AND s.u >= 800 AND s.u < 850
       UNION ALL SELECT s.customer_id, s.time_zone, 1, 'cancelled', ${due(aheadDay, minute)}, NULL, NULL WHERE s.consent_call AND s.u >= 850 AND s.u < 900
       UNION ALL SELECT s.customer_id, s.time_zone, 1, 'done', ${due(olderWorkday, minute)}, NULL, 'completed' WHERE s.consent_call AND s.u >= 900
     ) x`,
    [campaignId, segmentId],
  );
}

async function dataFacts(client: pg.Client, segmentId: string, now: Date, prepareMs: number): Promise<DataFacts> {
  const one = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0] as T;
  const zones = async (sql: string, params: unknown[] = []) =>
    (await client.query<{ zone: string; n: string }>(sql, params)).rows.map((r) => ({ zone: r.zone, n: Number(r.n) }));
  const MEMBERS = 'SELECT customer_id FROM segment_memberships WHERE segment_id = $1 AND exited_at IS NULL';
  const counts = await one<Record<string, string>>(
    `SELECT (SELECT count(*) FROM customers) AS customers,
       (SELECT count(*) FROM (${MEMBERS}) m) AS members,
       (SELECT count(*) FROM (${MEMBERS}) m JOIN customers c ON c.id = m.customer_id WHERE NOT c.consent_call) AS no_consent,
       (SELECT count(*) FROM do_not_contact) AS dnc,
       (SELECT count(*) FROM do_not_contact WHERE phone IS NOT NULL AND customer_id IS NULL) AS dnc_phone,
       (SELECT count(*) FROM do_not_contact WHERE until IS NOT NULL) AS dnc_until,
       (SELECT count(*) FROM do_not_contact WHERE removed_at IS NOT NULL) AS dnc_removed,
       (SELECT count(DISTINCT m.customer_id) FROM (${MEMBERS}) m JOIN customers c ON c.id = m.customer_id JOIN do_not_contact d ON d.customer_id = c.id OR d.phone = c.phone) AS dnc_members,
       (SELECT count(DISTINCT m.customer_id) FROM (${MEMBERS}) m JOIN customers c ON c.id = m.customer_id JOIN do_not_contact d ON (d.customer_id = c.id OR d.phone = c.phone)
          AND d.removed_at IS NULL AND d.until IS NULL AND d.channel IN ('agent_call', 'call', 'all')) AS dnc_forever,
       (SELECT count(DISTINCT m.customer_id) FROM (${MEMBERS}) m JOIN customers c ON c.id = m.customer_id JOIN do_not_contact d ON (d.customer_id = c.id OR d.phone = c.phone)
          AND d.removed_at IS NULL AND d.until > $2 AND d.channel IN ('agent_call', 'call', 'all')) AS dnc_until_members,
       (SELECT count(*) FROM contact_attempts) AS attempt_rows,
       (SELECT count(DISTINCT a.customer_id) FROM contact_attempts a JOIN (${MEMBERS}) m USING (customer_id) WHERE a.channel IN ('ai_call', 'agent_call')) AS history,
       (SELECT count(DISTINCT a.customer_id) FROM contact_attempts a JOIN (${MEMBERS}) m USING (customer_id)
          WHERE a.channel IN ('ai_call', 'agent_call') AND a.purpose = 'marketing' AND a.state IN ('planned', 'in_flight', 'done')
            AND (a.state <> 'done' OR a.outcome IS NULL OR a.outcome NOT IN ('busy', 'no_answer', 'failed', 'undelivered')) AND a.due_at > $2::timestamptz - interval '7 days') AS capped`,
    [segmentId, now],
  );
  const attempts = await client.query<{ campaign: string; state: string; outcome: string | null; n: string }>(
    'SELECT c.name AS campaign, a.state, a.outcome, count(*) AS n FROM contact_attempts a JOIN campaigns c ON c.id = a.campaign_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3',
  );
  return {
    customers: Number(counts.customers),
    customerZones: await zones('SELECT time_zone AS zone, count(*) AS n FROM customers GROUP BY 1 ORDER BY 2 DESC'),
    members: Number(counts.members),
    memberZones: await zones(`SELECT c.time_zone AS zone, count(*) AS n FROM (${MEMBERS}) m JOIN customers c ON c.id = m.customer_id GROUP BY 1 ORDER BY 2 DESC`, [segmentId]),
    membersNoCallConsent: Number(counts.no_consent),
    dncEntries: Number(counts.dnc),
    dncMembers: Number(counts.dnc_members),
    dncByPhone: Number(counts.dnc_phone),
    dncWithUntil: Number(counts.dnc_until),
    dncRemoved: Number(counts.dnc_removed),
    dncBlockingForever: Number(counts.dnc_forever),
    dncBlockingUntil: Number(counts.dnc_until_members),
    attempts: attempts.rows.map((r) => ({ campaign: r.campaign, state: r.state, outcome: r.outcome, n: Number(r.n) })),
    attemptRows: Number(counts.attempt_rows),
    membersCapped: Number(counts.capped),
    membersWithHistory: Number(counts.history),
    prepareMs,
  };
}

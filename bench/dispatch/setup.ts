/**
 * The dispatch bench's data: synthetic customers through the real import (DemoDataLoader), a
 * contact policy open around the clock (the compiled servers send on the real clock, whatever
 * the hour), a pool of recipients with distinct mobile numbers, and per run a campaign created
 * and started (planned in SQL) through CampaignsService and CampaignLifecycle on a segment of
 * its own slice of the pool, so no customer is in two runs (no cap, no shared recipient).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { CampaignPacing, Channel, PlanResult } from '@app/contracts';
import type { Principal } from '@app/core';
import { CampaignLifecycle, CampaignsService, ContactPolicyService } from '@app/campaigns';
import { ScriptsService } from '@app/scripts';
import { SegmentsService } from '@app/segments';
import type { Booted } from '../support/bench-app';

export const BENCH_USER: Principal = { userId: randomUUID(), username: 'bench', role: 'admin', branchCode: null };

const SMS_TEXT = '{{companyName}}您好：您的积分{{pointsBalance}}分将于{{date pointsExpireAt}}到期，请及时兑换。回复TD退订';
const VOICE_BODY = {
  start: 'greet',
  steps: [
    { id: 'greet', title: '问候', text: '您好，这里是银行远程服务中心，请问是{{legalRepName}}吗？', options: [{ label: '是', intent: 'yes', next: 'close' }], dispositions: [] },
    { id: 'close', title: '结束', text: '感谢接听，再见。', options: [], dispositions: ['completed', 'not_interested'] },
  ],
};

/** Open every hour of every day (a campaign may only narrow it), caps high enough never to bite. */
export const OPEN_POLICY = {
  hours: { call: { start: '00:00', end: '24:00', days: 'every_day' }, sms: { start: '00:00', end: '24:00', days: 'every_day' } },
  caps: { call: { max: 100, days: 1 }, sms: { max: 100, days: 1 } },
  maxAttempts: 3,
  retryMinutes: { busy: 30, no_answer: 120, failed: null, undelivered: null },
};

export interface Pool {
  /** Eligible recipients: mobile, a phone no other customer has, SMS consent. */
  sms: number;
  /** Of those, with call consent. */
  call: number;
  customers: number;
}

export interface Scripts {
  sms: string;
  voice: string;
}

/**
 * bench_pool: one row per eligible customer in a stable pseudo-random order (rn), with call
 * consent noted; runs take consecutive slices of it.
 */
export async function buildPool(client: pg.Client): Promise<Pool> {
  await client.query('DROP TABLE IF EXISTS bench_pool');
  await client.query(
    `CREATE TABLE bench_pool AS
     SELECT row_number() OVER (ORDER BY hashtext('pool:' || c.id), c.id) AS rn, c.id AS customer_id, c.consent_call, false AS used
       FROM customers c
      WHERE c.consent_sms AND c.phone ~ '^\\+861[3-9][0-9]{9}$'
        AND NOT EXISTS (SELECT 1 FROM customers o WHERE o.phone = c.phone AND o.id <> c.id)`,
  );
  await client.query('CREATE UNIQUE INDEX ON bench_pool (rn)');
  const { rows: [r] } = await client.query<{ sms: string; call: string; customers: string }>(
    'SELECT count(*) AS sms, count(*) FILTER (WHERE consent_call) AS call, (SELECT count(*) FROM customers) AS customers FROM bench_pool',
  );
  return { sms: Number(r.sms), call: Number(r.call), customers: Number(r.customers) };
}

export async function openPolicy(app: Booted): Promise<void> {
  await app.get(ContactPolicyService).update(OPEN_POLICY, BENCH_USER);
}

export async function createScripts(app: Booted): Promise<Scripts> {
  const scripts = app.get(ScriptsService);
  const sms = await scripts.create({ name: `积分到期提醒 ${Date.now()}`, kind: 'sms', body: { text: SMS_TEXT } }, BENCH_USER);
  const voice = await scripts.create({ name: `AI 回访 ${Date.now()}`, kind: 'voice', body: VOICE_BODY }, BENCH_USER);
  return { sms: sms.id, voice: voice.id };
}

/** A segment of `n` unused pool customers (with call consent when `call`), memberships written set-based. */
async function slice(app: Booted, client: pg.Client, name: string, n: number, call: boolean): Promise<string> {
  const segment = await app.get(SegmentsService).create({ name, rule: { field: 'tier', op: '>=', value: 1 }, nightly: false }, BENCH_USER);
  const refreshId = randomUUID();
  const now = app.clock.now();
  const { rowCount } = await client.query(
    `WITH taken AS (
       UPDATE bench_pool SET used = true WHERE rn IN (SELECT rn FROM bench_pool WHERE NOT used ${call ? 'AND consent_call' : ''} ORDER BY rn LIMIT $4)
       RETURNING customer_id)
     INSERT INTO segment_memberships (segment_id, customer_id, version, entered_at, entered_refresh_id)
     SELECT $1, customer_id, 1, $2, $3 FROM taken`,
    [segment.id, now, refreshId, n],
  );
  if (rowCount !== n) throw new Error(`the pool has only ${rowCount} unused customers for ${name}, not ${n}: load more (--rows)`);
  await client.query(
    `INSERT INTO segment_refreshes (id, segment_id, segment_name, version, trigger, status, members, entered, exited, ms, as_of, started_at, created_by)
     SELECT $1, id, name, 1, 'manual', 'succeeded', $2, $2, 0, 0, ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, $3, 'bench' FROM segments WHERE id = $4`,
    [refreshId, n, now, segment.id],
  );
  await client.query('UPDATE segments SET members = $1, last_refresh_id = $2 WHERE id = $3', [n, refreshId, segment.id]);
  return segment.id;
}

export interface Started {
  campaignId: string;
  plan: PlanResult;
  /** Wall time of CampaignLifecycle.act(start), planning included. */
  startMs: number;
}

/**
 * A campaign of one step over `n` fresh recipients, created and started at the real time (the
 * in-process clock is set to it, so its attempts are due now for the servers' real clocks).
 */
export async function startCampaign(app: Booted, client: pg.Client, scripts: Scripts, o: { name: string; channel: Channel; members: number; maxConcurrent: number }): Promise<Started> {
  app.clock.set(new Date());
  const segmentId = await slice(app, client, `${o.name} 名单`, o.members, o.channel !== 'sms');
  await client.query('ANALYZE segment_memberships');
  const now = new Date();
  app.clock.set(now);
  const pacing: CampaignPacing = { mode: 'progressive', ratio: 1, maxConcurrent: o.maxConcurrent, maxAbandonPct: 3 };
  const dto = {
    name: o.name,
    segmentId,
    purpose: 'marketing',
    entryMode: 'snapshot',
    holdoutPct: 0,
    startsAt: now,
    endsAt: new Date(now.getTime() + 86_400_000),
    steps: [{ channel: o.channel, scriptId: o.channel === 'sms' ? scripts.sms : scripts.voice, delayMinutes: 0, runIf: 'always' }],
    pacing,
  } as Parameters<CampaignsService['create']>[0];
  const created = await app.get(CampaignsService).create(dto, BENCH_USER);
  const started = performance.now();
  const view = await app.get(CampaignLifecycle).act(created.id, 'start', BENCH_USER);
  const startMs = performance.now() - started;
  const plan = view.lastPlan as PlanResult;
  if (view.status !== 'running' || plan.planned !== o.members) throw new Error(`${o.name}: ${view.status}, planned ${JSON.stringify(plan)} of ${o.members} members`);
  return { campaignId: created.id, plan, startMs };
}

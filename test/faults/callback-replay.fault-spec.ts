/**
 * Every callback Twilio would send, twice, in random order (DESIGN §7 rule 4: webhooks are
 * idempotent and monotonic). 10,000 attempts, SMS and AI calls, are sent through the compiled
 * server as dispatcher to a fake Twilio with its callbacks off, so each attempt holds a real
 * fake-created sid and no callback has arrived. Then, against a second server process (webhooks
 * only, its scheduler off), each call's initiated, ringing, in-progress and completed (or busy,
 * no-answer, failed) and each message's sent and delivered (or undelivered) are duplicated,
 * shuffled together and posted signed with bounded concurrency. Every attempt must end as its own
 * sequence implies (a late ringing never wins over completed), provider_events must hold exactly
 * one row per (sid, status), and the timeline one entry per outcome change. The replay's
 * throughput and latency are printed, not asserted.
 *
 * PostgreSQL only; needs the compiled server (npm run build:server). Run: node scripts/test.mjs faults
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { defaultCallOutcome, defaultSmsOutcome, type FakeTwilio, startFakeTwilio } from '../support/fake-twilio';
import { freePort } from '../support/wait';
import { importCustomers, script, type Seed, seedApp, segment, startCampaign } from './support/campaign-data';
import { seeded } from '../support/seeded-random';
import { ACCOUNT_SID, AUTH_TOKEN, countBy, describeOnPostgres, percentile, shuffle, within } from './support/fault-env';
import { monitor } from './support/monitor';
import { type Callback, callCallbacks, type Posted, postAll, smsCallbacks } from './support/replay';
import { killAllServers, type ServerProcess, startServer, twilioEnv } from './support/server-process';

const SMS = 6_000;
const CALLS = 4_000;
const TALK_SECONDS = 30;
/** Callback posts in flight at once (Twilio posts from many hosts; 32 keeps a 2-core box responsive). */
const CONCURRENCY = 32;

/** The port's words for Twilio's statuses, as provider_events and attempts store them. */
const PORT_STATUS: Record<string, string> = { 'in-progress': 'answered', 'no-answer': 'no_answer' };
const portStatus = (twilioStatus: string) => PORT_STATUS[twilioStatus] ?? twilioStatus;
const CALL_OUTCOME: Record<string, string> = { completed: 'answered', busy: 'busy', 'no-answer': 'no_answer', failed: 'failed' };

interface AttemptRow {
  id: number;
  channel: string;
  state: string;
  outcome: string | null;
  provider_id: string | null;
  provider_status: string | null;
  provider_rank: number;
  duration_seconds: number | null;
  detail: string | null;
}

describeOnPostgres('callbacks replayed twice in random order (fault, PostgreSQL, compiled server)', () => {
  let seed: Seed;
  let fake: FakeTwilio | undefined;
  // afterAll stops a replay still under way (the test timed out): nothing posts past the suite
  const giveUp = new AbortController();

  beforeAll(async () => {
    seed = await seedApp();
    // customers 1..SMS get the SMS (tier 1), the rest the AI calls (tier 3)
    await importCustomers(seed, SMS + CALLS, (n) => ({ tier: n <= SMS ? '1' : '3' }));
  }, 120_000);

  afterAll(async () => {
    giveUp.abort();
    await killAllServers();
    await fake?.close();
    await seed?.close();
  }, 30_000);

  async function attempts(campaignIds: string[]): Promise<AttemptRow[]> {
    const { rows } = await seed.db.query<AttemptRow>(
      `SELECT id::int AS id, channel, state, outcome, provider_id, provider_status, provider_rank, duration_seconds, detail
         FROM contact_attempts WHERE campaign_id = ANY($1) ORDER BY id`,
      [campaignIds],
    );
    return rows;
  }

  it('ends every attempt as its own sequence implies; one provider event per (sid, status); one timeline entry per outcome change', async () => {
    const started = Date.now();
    const smsCampaign = await startCampaign(seed, {
      name: '积分到期短信',
      segmentId: await segment(seed, '一星客户', { field: 'tier', op: '=', value: 1 }, SMS),
      channel: 'sms',
      scriptId: await script(seed, '积分到期短信', 'sms'),
      purpose: 'marketing',
      members: SMS,
    });
    const callCampaign = await startCampaign(seed, {
      name: '开户回访 AI 外呼',
      segmentId: await segment(seed, '三星客户', { field: 'tier', op: '=', value: 3 }, CALLS),
      channel: 'ai_call',
      scriptId: await script(seed, '开户回访', 'voice'),
      purpose: 'service',
      members: CALLS,
    });
    const campaigns = [smsCampaign, callCampaign];
    const setupMs = Date.now() - started;

    // ---- send them all, no callback: each attempt in flight holding the sid the fake created
    fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbacks: false, callbackDelayMs: 20 });
    const f = fake;
    const watch = monitor('replay', seed.db, f, campaigns);
    let sender: ServerProcess | undefined;
    let sendMs: number;
    try {
      // a lease far longer than the test: no lookup at the carrier may adopt a status before the replay
      sender = await startServer({ name: 'replay-sender', port: await freePort(), databaseUrl: seed.databaseUrl, env: twilioEnv(f.url, { DISPATCH_LEASE_SECONDS: '3600' }) });
      const s = sender;
      await within(120_000, `every attempt sent; timeline in ${watch.file}`, async () => {
        if (!s.isRunning()) throw new Error(`the sender exited:\n${s.tail()}`);
        const { rows } = await seed.db.query("SELECT count(*)::int AS n FROM contact_attempts WHERE campaign_id = ANY($1) AND state = 'in_flight' AND provider_id IS NOT NULL", [campaigns]);
        return rows[0].n === SMS + CALLS;
      }, 250);
      sendMs = Date.now() - started - setupMs;
      watch.note('every attempt sent');
      await sender.stop();
    } finally {
      watch.stop();
    }
    const before = await attempts(campaigns);
    const sidOf = new Map<string, string>([...f.calls, ...f.messages].map((r) => [r.ref as string, r.sid]));
    expect(f.calls).toHaveLength(CALLS);
    expect(f.messages).toHaveLength(SMS);
    expect(before.filter((a) => a.state !== 'in_flight' || a.provider_id !== sidOf.get(String(a.id))).slice(0, 10)).toEqual([]);
    const { rows: earlier } = await seed.db.query('SELECT count(*)::int AS n FROM provider_events');
    expect(earlier[0].n).toBe(0);

    // ---- every callback of every call and message, twice, shuffled together
    const own = new Map<string, Callback[]>();
    for (const call of f.calls) own.set(call.ref as string, callCallbacks(call, ACCOUNT_SID, defaultCallOutcome(call.to), TALK_SECONDS));
    for (const message of f.messages) {
      const outcome = defaultSmsOutcome(message.to);
      if (outcome === 'failed') throw new Error('the fake’s default SMS outcomes are delivered or undelivered');
      own.set(message.ref as string, smsCallbacks(message, ACCOUNT_SID, outcome));
    }
    const distinct = [...own.values()].flat();
    const replay = shuffle([...distinct, ...distinct], seeded(20261123));

    const target = await startServer({ name: 'replay-webhooks', port: await freePort(), databaseUrl: seed.databaseUrl, env: twilioEnv(f.url, { SCHEDULER_ENABLED: 'false' }) });
    const t0 = performance.now();
    const posted: Posted[] = await postAll(target.url, AUTH_TOKEN, replay, CONCURRENCY, giveUp.signal);
    const wallMs = performance.now() - t0;
    await target.stop();

    const latencies = posted.map((p) => p.endedAt - p.startedAt).sort((x, y) => x - y);
    const perSecond = (n: number) => Math.round(n / (wallMs / 1000));
    console.log(
      [
        `[faults] callback replay: ${SMS} SMS + ${CALLS} AI calls (setup ${(setupMs / 1000).toFixed(1)} s, sent in ${(sendMs / 1000).toFixed(1)} s)`,
        `  ${replay.length} signed posts (${distinct.length} distinct callbacks, each twice, shuffled) at concurrency ${CONCURRENCY} in ${(wallMs / 1000).toFixed(1)} s: ${perSecond(replay.length)} posts/s (${perSecond(distinct.length)} distinct/s)`,
        `  latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p90 ${percentile(latencies, 90).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${percentile(latencies, 100).toFixed(1)} ms`,
        `  answers ${JSON.stringify(countBy(posted, (p) => String(p.status)))}; distinct callbacks by status ${JSON.stringify(countBy(distinct, (c) => `${c.kind}:${c.status}`))}`,
      ].join('\n'),
    );
    expect(posted.filter((p) => p.status !== 204).slice(0, 20).map((p) => ({ status: p.status, ref: p.callback.ref, callback: p.callback.status }))).toEqual([]);

    // ---- each attempt as its own sequence implies: the final status wins, whatever came after it
    const after = await attempts(campaigns);
    const wrong: unknown[] = [];
    for (const a of after) {
      const sequence = own.get(String(a.id)) as Callback[];
      const last = sequence[sequence.length - 1];
      const expected =
        last.kind === 'call'
          ? { state: 'done', outcome: CALL_OUTCOME[last.status], provider_id: last.sid, provider_status: portStatus(last.status), provider_rank: 9, duration_seconds: last.status === 'completed' ? TALK_SECONDS : null, detail: null }
          : { state: 'done', outcome: last.status, provider_id: last.sid, provider_status: last.status, provider_rank: 9, duration_seconds: null, detail: last.status === 'undelivered' ? '运营商错误码 30003' : null };
      const got = { state: a.state, outcome: a.outcome, provider_id: a.provider_id, provider_status: a.provider_status, provider_rank: Number(a.provider_rank), duration_seconds: a.duration_seconds === null ? null : Number(a.duration_seconds), detail: a.detail };
      if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push({ attempt: a.id, channel: a.channel, expected, got });
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    const finals = [...own.values()].map((sequence) => sequence[sequence.length - 1]);
    const outcomes = countBy(after, (a) => `${a.channel}:${a.outcome}`);
    expect(outcomes).toEqual(countBy(finals, (c) => (c.kind === 'sms' ? `sms:${c.status}` : `ai_call:${CALL_OUTCOME[c.status]}`)));

    // ---- provider_events: exactly one row per distinct (sid, status), each on its attempt
    const { rows: events } = await seed.db.query<{ provider_id: string; status: string; attempt_id: string; source: string }>('SELECT provider_id, status, attempt_id::text, source FROM provider_events');
    expect(events).toHaveLength(distinct.length);
    const key = (sid: string, status: string) => `${sid} ${status}`;
    const expectedEvents = new Map(distinct.map((c) => [key(c.sid, portStatus(c.status)), c.ref]));
    expect(events.filter((e) => expectedEvents.get(key(e.provider_id, e.status)) !== e.attempt_id || e.source !== 'callback').slice(0, 10)).toEqual([]);
    expect(new Set(events.map((e) => key(e.provider_id, e.status))).size).toBe(distinct.length);

    // ---- the timeline: one entry per outcome change, in order
    const { rows: timeline } = await seed.db.query<{ attempt_id: string; outcome: string }>(
      `SELECT e.attempt_id::text, CAST(e.detail AS json)->>'outcome' AS outcome FROM contact_events e
        WHERE e.kind = 'contact_outcome' AND e.attempt_id IN (SELECT id FROM contact_attempts WHERE campaign_id = ANY($1)) ORDER BY e.id`,
      [campaigns],
    );
    const entries = new Map<string, string[]>();
    for (const e of timeline) entries.set(e.attempt_id, [...(entries.get(e.attempt_id) ?? []), e.outcome]);
    // when the SMS's `sent` was answered before any final status was posted, it must be on the
    // timeline; when a final status was answered before any `sent` was posted, it must not be
    const window = new Map<string, { sentEnd: number; sentStart: number; finalStart: number; finalEnd: number }>();
    for (const p of posted) {
      if (p.callback.kind !== 'sms') continue;
      const w = window.get(p.callback.ref) ?? { sentEnd: Infinity, sentStart: Infinity, finalStart: Infinity, finalEnd: Infinity };
      if (p.callback.status === 'sent') {
        w.sentEnd = Math.min(w.sentEnd, p.endedAt);
        w.sentStart = Math.min(w.sentStart, p.startedAt);
      } else {
        w.finalEnd = Math.min(w.finalEnd, p.endedAt);
        w.finalStart = Math.min(w.finalStart, p.startedAt);
      }
      window.set(p.callback.ref, w);
    }
    const badTimeline: unknown[] = [];
    const smsShapes = { sentThenFinal: 0, finalOnly: 0, sentSurelyFirst: 0, finalSurelyFirst: 0 };
    for (const a of after) {
      const got = entries.get(String(a.id)) ?? [];
      if (a.channel !== 'sms') {
        if (got.length !== 1 || got[0] !== a.outcome) badTimeline.push({ attempt: a.id, channel: a.channel, expected: [a.outcome], got });
        continue;
      }
      const w = window.get(String(a.id)) as { sentEnd: number; sentStart: number; finalStart: number; finalEnd: number };
      const sentFirst = w.sentEnd < w.finalStart;
      const finalFirst = w.finalEnd < w.sentStart;
      if (sentFirst) smsShapes.sentSurelyFirst++;
      if (finalFirst) smsShapes.finalSurelyFirst++;
      const shapeOk = (got.length === 2 && got[0] === 'sent' && got[1] === a.outcome) || (got.length === 1 && got[0] === a.outcome);
      if (!shapeOk || (sentFirst && got.length !== 2) || (finalFirst && got.length !== 1)) badTimeline.push({ attempt: a.id, channel: a.channel, got, sentFirst, finalFirst });
      if (got.length === 2) smsShapes.sentThenFinal++;
      else smsShapes.finalOnly++;
    }
    console.log(
      `[faults] timeline: ${CALLS} calls with one outcome each; SMS: ${smsShapes.sentThenFinal} sent then final, ${smsShapes.finalOnly} final only ` +
        `(a final status processed before 'sent'); 'sent' surely first for ${smsShapes.sentSurelyFirst}, the final surely first for ${smsShapes.finalSurelyFirst}`,
    );
    expect(badTimeline.slice(0, 10)).toEqual([]);
    expect(timeline).toHaveLength(CALLS + SMS + smsShapes.sentThenFinal);
  }, 240_000);
});

/**
 * Status callbacks into one compiled server: the SMS the throughput run sent with the fake's own
 * callbacks off get their `sent` and final status (`delivered`, or `undelivered` 30003 for
 * numbers ending in 4, as the fake decides) posted at a fixed rate, signed as Twilio signs them,
 * plus a share of exact duplicates. Afterwards every callback's effect is checked in the
 * database: one provider_events row per (message, status), each attempt done with its final
 * outcome and carrier status, two timeline lines per attempt.
 */
import twilio from 'twilio';
import type pg from 'pg';
import { defaultSmsOutcome, type FakeMessage } from '../../test/support/fake-twilio';
import { log } from '../support/bench-kit';
import type { Window } from './harness';
import { type LoadResult, openLoop, type Shot } from './loadgen';
import { ActivitySampler, CpuMeter } from './monitor';
import { summarize } from './profile';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, startServer, timingDelta } from './servers';

export interface CallbackStep {
  rate: number;
  seconds: number;
}

export interface CallbacksOptions {
  root: string;
  distDir: string;
  outDir: string;
  databaseUrl: string;
  dbName: string;
  /** Run one after the other on the same server, each measured on its own; the last is the target. */
  steps: CallbackStep[];
  /** Before the first step, at its rate, not measured. */
  warmupSeconds: number;
  /** One duplicate after every this many callbacks. */
  duplicateEvery: number;
  sockets: number;
  /** Instances taking the callbacks, as behind a balancer: one public URL, connections spread over them. */
  servers: number;
  timing: boolean;
  profile: boolean;
  env: Record<string, string>;
}

export interface StepResult extends CallbackStep {
  load: LoadResult;
  window: Window;
}

export interface CallbacksResult {
  servers: number;
  steps: StepResult[];
  warmup: number;
  attempts: number;
  callbacks: number;
  duplicates: number;
  expected: { events: number; done: number; delivered: number; undelivered: number; timeline: number };
  found: { events: number; eventsByStatus: Record<string, number>; done: number; delivered: number; undelivered: number; wrong: number; timeline: number };
  exact: boolean;
}

interface Callback {
  message: FakeMessage;
  status: 'sent' | 'delivered' | 'undelivered';
}

/**
 * The order: the first `lag` sends, then each final status `lag` places after its send,
 * interleaved, then the rest; after every `every` callbacks an exact copy of one sent ~100 before.
 */
function schedule(messages: FakeMessage[], total: number, every: number): { list: Callback[]; duplicates: number; attempts: number } {
  const attempts = Math.min(messages.length, Math.floor((total * (every / (every + 1))) / 2));
  const chosen = messages.slice(0, attempts);
  const lag = Math.min(1000, attempts);
  const originals: Callback[] = [];
  const final = (m: FakeMessage): Callback => ({ message: m, status: defaultSmsOutcome(m.to) === 'undelivered' ? 'undelivered' : 'delivered' });
  for (let i = 0; i < lag; i++) originals.push({ message: chosen[i], status: 'sent' });
  for (let i = lag; i < attempts; i++) {
    originals.push(final(chosen[i - lag]));
    originals.push({ message: chosen[i], status: 'sent' });
  }
  for (let i = attempts - lag; i < attempts; i++) originals.push(final(chosen[i]));
  const list: Callback[] = [];
  let duplicates = 0;
  for (let i = 0; i < originals.length && list.length < total; i++) {
    list.push(originals[i]);
    if ((i + 1) % every === 0 && i >= 100 && list.length < total) {
      list.push(originals[i - 100]);
      duplicates += 1;
    }
  }
  return { list, duplicates, attempts };
}

/** The URL the carrier posts to and signs: a balancer's, in front of every instance. */
const PUBLIC_URL = 'https://cc.bank.example';

function shot(base: string, c: Callback): Shot {
  const m = c.message;
  const path = `/webhooks/twilio/sms/status?ref=${encodeURIComponent(m.ref ?? '')}`;
  // the parameters the fake (and Twilio) post for a message
  const params: Record<string, string> = { MessageSid: m.sid, SmsSid: m.sid, AccountSid: ACCOUNT_SID, From: m.from ?? FROM_NUMBER, To: m.to, MessageStatus: c.status, SmsStatus: c.status, ApiVersion: '2010-04-01' };
  if (c.status === 'undelivered') params.ErrorCode = '30003';
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${base}${path}`, params);
  return { path, body: new URLSearchParams(params).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature, 'User-Agent': 'TwilioProxy/1.1' } };
}

export async function runCallbacks(o: CallbacksOptions, client: pg.Client, sampleClient: pg.Client, messages: FakeMessage[]): Promise<CallbacksResult> {
  const warmupCount = o.steps[0].rate * o.warmupSeconds;
  const total = warmupCount + o.steps.reduce((n, s) => n + s.rate * s.seconds, 0);
  const { list, duplicates, attempts } = schedule(messages, total, o.duplicateEvery);
  if (list.length < total) log(`  only ${list.length} callbacks for ${total} wanted: the throughput run sent ${messages.length} SMS`);
  const servers = await Promise.all(
    Array.from({ length: o.servers }, (_, n) =>
      startServer({
        name: `callbacks-${n + 1}`,
        root: o.root,
        distDir: o.distDir,
        outDir: o.outDir,
        databaseUrl: o.databaseUrl,
        // never called: these instances do not dispatch
        fakeUrl: 'http://127.0.0.1:9',
        env: { DISPATCH_ENABLED: 'false', PUBLIC_BASE_URL: PUBLIC_URL, ...o.env },
        timing: o.timing,
        profile: o.profile,
      }),
    ),
  );
  const bases = servers.map((s) => s.url);
  try {
    log(`  callbacks: ${servers.map((s) => `server :${s.port}`).join(', ')} (dispatch off); ${list.length} callbacks for ${attempts} attempts (${duplicates} duplicates); ${o.warmupSeconds} s warm-up, then ${o.steps.map((s) => `${s.rate}/s × ${s.seconds} s`).join(', ')}`);
    const shots = list.map((c) => shot(PUBLIC_URL, c));
    let at = Math.min(warmupCount, Math.floor(shots.length / 4));
    if (at > 0) await openLoop(shots.slice(0, at), { bases, rate: o.steps[0].rate, sockets: o.sockets, timeoutMs: 15_000, warmup: 0 });
    const steps: StepResult[] = [];
    for (const [i, step] of o.steps.entries()) {
      const chunk = shots.slice(at, at + step.rate * step.seconds);
      at += chunk.length;
      if (!chunk.length) break;
      const last = i === o.steps.length - 1;
      await new Promise((r) => setTimeout(r, 1000));
      const cpu = new CpuMeter(() => servers.map((s) => ({ name: `server ${s.name} (pid ${s.pid})`, pid: s.pid })), client, o.dbName);
      const sampler = new ActivitySampler(sampleClient, o.dbName);
      const timingStart = servers.map((s) => s.timing());
      if (last) for (const s of servers) s.profileStart();
      await cpu.begin();
      sampler.start();
      const load = await openLoop(chunk, { bases, rate: step.rate, sockets: o.sockets, timeoutMs: 60_000, warmup: 0 });
      const activity = sampler.stop();
      const cpuReport = await cpu.end();
      const profiles = last ? await Promise.all(servers.map((s) => s.profileStop())) : [];
      await new Promise((r) => setTimeout(r, 600));
      const window: Window = {
        cpu: cpuReport,
        activity,
        timing: servers.map((s, n) => ({ server: s.name, delta: timingDelta(timingStart[n], s.timing()) })),
        profiles: profiles.flatMap((p, n) => (p ? [{ server: servers[n].name, summary: summarize(p) }] : [])),
      };
      steps.push({ ...step, load, window });
      log(`    ${step.rate}/s: achieved ${load.achievedRate.toFixed(0)}/s, p50 ${load.p50.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms, max ${load.max.toFixed(0)} ms, errors ${load.errors}`);
    }

    // what every callback should have left behind
    const chosen = messages.slice(0, attempts);
    const undeliveredIds = new Set(chosen.filter((m) => defaultSmsOutcome(m.to) === 'undelivered').map((m) => m.sid));
    const expected = { events: attempts * 2, done: attempts, delivered: attempts - undeliveredIds.size, undelivered: undeliveredIds.size, timeline: attempts * 2 };
    await client.query('CREATE TEMP TABLE IF NOT EXISTS bench_cb (sid text PRIMARY KEY, attempt_id bigint, final text)');
    await client.query('TRUNCATE bench_cb');
    await client.query(`INSERT INTO bench_cb SELECT * FROM json_to_recordset($1::json) AS v(sid text, attempt_id bigint, final text)`, [
      JSON.stringify(chosen.map((m) => ({ sid: m.sid, attempt_id: Number(m.ref), final: undeliveredIds.has(m.sid) ? 'undelivered' : 'delivered' }))),
    ]);
    const { rows: byStatus } = await client.query<{ status: string; n: string }>('SELECT e.status, count(*) AS n FROM provider_events e JOIN bench_cb b ON b.sid = e.provider_id GROUP BY 1 ORDER BY 1');
    const { rows: [a] } = await client.query<{ done: string; delivered: string; undelivered: string; wrong: string }>(
      `SELECT count(*) FILTER (WHERE a.state = 'done') AS done,
              count(*) FILTER (WHERE a.state = 'done' AND a.outcome = 'delivered' AND a.provider_status = 'delivered' AND b.final = 'delivered') AS delivered,
              count(*) FILTER (WHERE a.state = 'done' AND a.outcome = 'undelivered' AND a.provider_status = 'undelivered' AND b.final = 'undelivered') AS undelivered,
              count(*) FILTER (WHERE a.provider_id IS DISTINCT FROM b.sid OR a.state <> 'done' OR a.outcome IS DISTINCT FROM b.final) AS wrong
         FROM bench_cb b JOIN contact_attempts a ON a.id = b.attempt_id`,
    );
    const { rows: [t] } = await client.query<{ n: string }>("SELECT count(*) AS n FROM contact_events e JOIN bench_cb b ON b.attempt_id = e.attempt_id WHERE e.kind = 'contact_outcome'");
    const eventsByStatus = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
    const found = {
      events: byStatus.reduce((s, r) => s + Number(r.n), 0),
      eventsByStatus,
      done: Number(a.done),
      delivered: Number(a.delivered),
      undelivered: Number(a.undelivered),
      wrong: Number(a.wrong),
      timeline: Number(t.n),
    };
    const exact =
      found.events === expected.events &&
      found.done === expected.done &&
      found.delivered === expected.delivered &&
      found.undelivered === expected.undelivered &&
      found.wrong === 0 &&
      found.timeline === expected.timeline &&
      steps.every((st) => st.load.errors === 0);
    return { servers: o.servers, steps, warmup: Math.min(warmupCount, Math.floor(shots.length / 4)), attempts, callbacks: list.length, duplicates, expected, found, exact };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

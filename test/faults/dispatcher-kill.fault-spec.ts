/**
 * Dispatchers under faults (DESIGN §7 rule 1: a customer is never dialled twice for one attempt).
 *
 * SIGKILL mid-batch: 10,000 planned SMS of a running campaign, one per customer. The compiled
 * server as dispatcher A sends them to a fake Twilio in this process (callbacks on, posted back to
 * A) and is SIGKILLed between 2,000 and 5,000 messages, inside a batch of 500 and while the batch
 * before still waits for its callbacks: attempts are left in flight with a stored provider id and
 * without one, some of those created at the carrier and some not. Throughout, the fake loses
 * some answers after creating the message (500 after create, a response held past the SDK's
 * timeout, a reset connection), so the reconciler's by-recipient path is taken by both
 * dispatchers. Dispatcher B, on another port, reconciles the expired leases and sends the rest.
 * Every attempt must be accounted for, and the fake must hold exactly one message per attempt and
 * per phone, each held by its attempt.
 *
 * A lease outrun: two live dispatchers and a carrier slower than the lease (see the test).
 *
 * PostgreSQL only; needs the compiled server (npm run build:server). Run: node scripts/test.mjs faults
 * Timelines: test-artifacts/faults/{kill,race}-timeline.log; server logs: {kill,race}-{A,B}.log.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type FakeFault, type FakeTwilio, startFakeTwilio } from '../support/fake-twilio';
import { freePort } from '../support/wait';
import { importCustomers, script, type Seed, seedApp, segment, startCampaign, stateCounts } from './support/campaign-data';
import { ACCOUNT_SID, atMost, AUTH_TOKEN, countBy, describeOnPostgres, repeated, sleep, within } from './support/fault-env';
import { monitor } from './support/monitor';
import { killAllServers, type ServerProcess, startServer, twilioEnv } from './support/server-process';

const CUSTOMERS = 10_000;
/** SIGKILL A inside a batch of BATCH (between these creates of it), from KILL_FROM messages, by KILL_BY. */
const BATCH = 500;
const KILL_IN_BATCH = [150, 350] as const;
const KILL_FROM = 2_000;
const KILL_BY = 5_000;
/** A timeout or a reset after create every this many messages, up to MAX_LOST (besides random 500s). */
const LOST_EVERY = 500;
const MAX_LOST = 20;
const SETTLE_MS = 120_000;
/** The race of two live dispatchers: its customers, and A's first creates that hang past the lease. */
const RACE_CUSTOMERS = 300;
const HANG_MS = 20_000;
const HUNG = 64;
/** The note a dispatcher leaves on an attempt whose answer was lost (Dispatcher.keep). */
const ANSWER_LOST = '运营商应答丢失';

interface AttemptRow {
  id: number;
  state: string;
  outcome: string | null;
  provider_id: string | null;
  detail: string | null;
  phone: string;
}

describeOnPostgres('dispatchers killed mid-batch or outrun by a slow carrier (fault, PostgreSQL, compiled server)', () => {
  let seed: Seed;
  let fake: FakeTwilio | undefined;
  let raceFake: FakeTwilio | undefined;

  beforeAll(async () => {
    seed = await seedApp();
    // customers 1..RACE_CUSTOMERS are tier 4 (the race below), the rest tier 2
    await importCustomers(seed, CUSTOMERS, (n) => ({ tier: n <= RACE_CUSTOMERS ? '4' : '2' }));
  }, 120_000);

  afterAll(async () => {
    await killAllServers();
    await fake?.close();
    await raceFake?.close();
    await seed?.close();
  }, 30_000);

  async function attemptsOf(campaignId: string): Promise<AttemptRow[]> {
    const { rows } = await seed.db.query<AttemptRow>(
      `SELECT a.id::int AS id, a.state, a.outcome, a.provider_id, a.detail, c.phone
         FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE a.campaign_id = $1 ORDER BY a.id`,
      [campaignId],
    );
    return rows;
  }

  async function inFlightWithId(campaignId: string): Promise<number> {
    const { rows } = await seed.db.query("SELECT count(*)::int AS n FROM contact_attempts WHERE campaign_id = $1 AND state = 'in_flight' AND provider_id IS NOT NULL", [campaignId]);
    return rows[0].n;
  }

  /**
   * SIGKILLs `server` in the middle of a batch (between KILL_IN_BATCH of its BATCH creates) once
   * KILL_FROM messages exist and the batch before still waits for callbacks (an attempt in flight
   * with its provider id stored); at KILL_BY messages whatever the batch before does.
   */
  async function killMidBatch(server: ServerProcess, campaignId: string): Promise<number> {
    const f = fake as FakeTwilio;
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (!server.isRunning()) throw new Error(`dispatcher ${server.name} exited before it was killed:\n${server.tail()}`);
      if (Date.now() > deadline) throw new Error(`only ${f.messages.length} messages after 90 s:\n${server.tail()}`);
      const n = f.messages.length;
      const inBatch = n % BATCH >= KILL_IN_BATCH[0] && n % BATCH <= KILL_IN_BATCH[1];
      if (n >= KILL_FROM && inBatch && (n >= KILL_BY || (await inFlightWithId(campaignId)) > 0)) {
        server.kill('SIGKILL');
        await server.exited;
        return f.messages.length;
      }
      await sleep(1);
    }
  }

  /** Cancels every running campaign and stops every dispatcher: the next test starts alone. */
  async function quiesce(): Promise<void> {
    await killAllServers();
    const { rows } = await seed.db.query<{ id: string }>("SELECT id FROM campaigns WHERE status = 'running'");
    for (const { id } of rows) await seed.api('post', `/api/campaigns/${id}/cancel`);
  }

  it('SIGKILL mid-batch with answers lost after create: B reconciles what A left, every attempt accounted for, one message per attempt', async () => {
    const started = Date.now();
    const segmentId = await segment(seed, '全部客户', { field: 'tier', op: '>=', value: 0 }, CUSTOMERS);
    const scriptId = await script(seed, '积分到期短信', 'sms');
    const campaignId = await startCampaign(seed, { name: '积分到期提醒', segmentId, channel: 'sms', scriptId, purpose: 'marketing', members: CUSTOMERS });
    const setupMs = Date.now() - started;

    // the fake answers 201 for a held create only after 3 s; the SDK gives up after 1 s
    fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbacks: true, callbackDelayMs: 200, callbackRetryMs: 500, callbackTimeoutMs: 5000, hangMs: 3000, rates: { r500AfterCreate: 0.005 }, seed: 7 });
    const f = fake;
    const env = { TWILIO_TIMEOUT_SECONDS: '1', DISPATCH_BATCH_SIZE: String(BATCH) };
    const lost: FakeFault[] = ['timeout-after-create', 'reset-after-create'];
    let queued = 0;
    let seen = 0;
    const injector = setInterval(() => {
      if (queued >= MAX_LOST || f.messages.length - seen < LOST_EVERY) return;
      seen = f.messages.length;
      f.failNext('sms', lost[queued++ % lost.length]);
    }, 20);
    const watch = monitor('kill', seed.db, f, [campaignId]);
    let a: ServerProcess | undefined;
    let b: ServerProcess | undefined;
    let atKill: { messages: number; states: Record<string, number>; inFlightWithId: number; inFlightNoIdCreated: number; inFlightNoIdNotCreated: number };
    let killMs: number;
    let settledMs: number;
    try {
      // A's short lease: whatever it leaves in flight is B's to reconcile 3 s after A claimed it
      a = await startServer({ name: 'kill-A', port: await freePort(), databaseUrl: seed.databaseUrl, env: twilioEnv(f.url, { ...env, DISPATCH_LEASE_SECONDS: '3' }) });
      watch.note(`A up on ${a.url}`);
      const killedAt = await killMidBatch(a, campaignId);
      killMs = Date.now() - started;
      const refs = new Set(f.messages.map((m) => m.ref));
      const inFlight = (await attemptsOf(campaignId)).filter((r) => r.state === 'in_flight');
      atKill = {
        messages: killedAt,
        states: await stateCounts(seed.db, [campaignId]),
        inFlightWithId: inFlight.filter((r) => r.provider_id).length,
        inFlightNoIdCreated: inFlight.filter((r) => !r.provider_id && refs.has(String(r.id))).length,
        inFlightNoIdNotCreated: inFlight.filter((r) => !r.provider_id && !refs.has(String(r.id))).length,
      };
      watch.note(`A killed (SIGKILL): ${JSON.stringify(atKill)}`);
      // the kill really hit a batch half sent (created at the carrier but not stored, and not created
      // at all) with the batch before still waiting for its callbacks (a provider id stored)
      expect(atKill.inFlightWithId).toBeGreaterThan(0);
      expect(atKill.inFlightNoIdCreated).toBeGreaterThan(0);
      expect(atKill.inFlightNoIdNotCreated).toBeGreaterThan(0);

      // B's own sends get a longer lease: their callbacks come back to B, they need no lookup
      b = await startServer({ name: 'kill-B', port: await freePort(), databaseUrl: seed.databaseUrl, env: twilioEnv(f.url, { ...env, DISPATCH_LEASE_SECONDS: '30' }) });
      watch.note(`B up on ${b.url}`);
      const bb = b;
      await within(SETTLE_MS, `every attempt settled (none planned or in flight); timeline in ${watch.file}`, async () => {
        if (!bb.isRunning()) throw new Error(`dispatcher B exited:\n${bb.tail()}`);
        const { rows } = await seed.db.query("SELECT count(*)::int AS n FROM contact_attempts WHERE campaign_id = $1 AND state IN ('planned', 'in_flight')", [campaignId]);
        return rows[0].n === 0;
      }, 250);
      settledMs = Date.now() - started;
      watch.note('settled');
      // B's last callbacks finish (bounded), then B stops gracefully
      await atMost(f.drain(), 10_000);
      await b.stop();
    } finally {
      clearInterval(injector);
      watch.stop();
      await quiesce();
    }

    // ---- every attempt accounted for, one message per attempt, the counts add up
    const attempts = await attemptsOf(campaignId);
    expect(attempts).toHaveLength(CUSTOMERS);
    const evidence = (list: typeof f.messages) => list.map((m) => `${m.sid} to ${m.to} ${m.fault ?? 'created'} at ${m.createdAt.toISOString()}`);
    // the evidence first: attempt ids or phones with more than one message, and their sids
    const byAttempt = [...repeated(f.messages, (m) => m.ref)].map(([ref, list]) => ({ attempt: ref, messages: evidence(list) }));
    const byPhone = [...repeated(f.messages, (m) => m.to)].map(([to, list]) => ({ to, messages: evidence(list) }));
    expect({ sentTwice: byAttempt.length, examples: byAttempt.slice(0, 5) }).toEqual({ sentTwice: 0, examples: [] });
    expect({ phonesTwice: byPhone.length, examples: byPhone.slice(0, 5) }).toEqual({ phonesTwice: 0, examples: [] });
    const ids = new Set(attempts.map((x) => x.id));
    expect(f.messages.filter((m) => !ids.has(Number(m.ref))).map((m) => m.sid).slice(0, 10)).toEqual([]);
    const message = new Map(f.messages.map((m) => [Number(m.ref), m]));

    expect(attempts.filter((x) => !(x.state === 'done' || (x.state === 'review' && x.detail))).slice(0, 10)).toEqual([]);
    const done = attempts.filter((x) => x.state === 'done');
    const review = attempts.filter((x) => x.state === 'review');
    // a done attempt holds the very message the fake created for it, to its customer's phone
    const mismatched = done.filter((x) => x.provider_id !== message.get(x.id)?.sid || message.get(x.id)?.to !== x.phone);
    expect(mismatched.map((x) => ({ attempt: x.id, holds: x.provider_id, created: message.get(x.id)?.sid ?? null, detail: x.detail })).slice(0, 10)).toEqual([]);
    const reviewWithMessage = review.filter((x) => message.has(x.id)).length;
    expect(done.length + review.length).toBe(CUSTOMERS);
    expect(f.messages.length).toBe(done.length + reviewWithMessage);
    // every message whose answer was lost belongs to a done attempt that holds it
    const faulted = f.messages.filter((m) => m.fault);
    const byId = new Map(attempts.map((x) => [x.id, x]));
    expect(faulted.filter((m) => byId.get(Number(m.ref))?.provider_id !== m.sid).map((m) => ({ ref: m.ref, sid: m.sid, fault: m.fault, attempt: byId.get(Number(m.ref)) })).slice(0, 10)).toEqual([]);
    const heldThenFound = done.filter((x) => x.detail?.startsWith(ANSWER_LOST));
    expect(faulted.length).toBeGreaterThan(10);
    expect(heldThenFound.length).toBeGreaterThan(0);

    // the timeline never shows one outcome twice for an attempt
    const { rows: twice } = await seed.db.query(
      `SELECT e.attempt_id, CAST(e.detail AS json)->>'outcome' AS outcome, count(*)::int AS n FROM contact_events e JOIN contact_attempts a ON a.id = e.attempt_id
        WHERE a.campaign_id = $1 AND e.kind = 'contact_outcome' GROUP BY 1, 2 HAVING count(*) > 1`,
      [campaignId],
    );
    expect(twice).toEqual([]);
    const { rows: sources } = await seed.db.query<{ source: string; n: number }>(
      'SELECT p.source, count(*)::int AS n FROM provider_events p JOIN contact_attempts a ON a.id = p.attempt_id WHERE a.campaign_id = $1 GROUP BY 1',
      [campaignId],
    );
    console.log(
      [
        `[faults] dispatcher SIGKILL mid-batch, ${CUSTOMERS} SMS (setup ${(setupMs / 1000).toFixed(1)} s):`,
        `  A killed at ${(killMs / 1000).toFixed(1)} s with ${JSON.stringify(atKill)}`,
        `  B settled every attempt at ${(settledMs / 1000).toFixed(1)} s`,
        `  create answers at the fake: ${JSON.stringify(f.requests.sms)}; ${f.requests.fetch} lookups by id, ${f.requests.list} by recipient`,
        `  attempts: ${done.length} done ${JSON.stringify(countBy(done, (x) => x.outcome ?? 'null'))}, ${review.length} review ${JSON.stringify(countBy(review, (x) => x.detail ?? ''))} (${reviewWithMessage} of them with a message)`,
        `  ${heldThenFound.length} done after a lost answer (held, then found at the carrier); provider events by source ${JSON.stringify(Object.fromEntries(sources.map((s) => [s.source, s.n])))}`,
        `  fake: ${f.messages.length} messages, none twice for an attempt or a phone; callbacks ${JSON.stringify(f.callbackStats)}`,
      ].join('\n'),
    );
    expect(review.slice(0, 10)).toEqual([]);
  }, 240_000);

  /**
   * Two live dispatchers, as every instance runs one, and a carrier that hangs: A's first HUNG
   * creates hang 20 s (created at the carrier, answer late; the SDK gives up after 2 s) while its
   * lease is 3 s, so the rest of A's batch waits past the lease. B reconciles the expired leases
   * meanwhile and plans again what the carrier never saw. Each wave of A's sends renews its lease
   * first and skips what B took over, and markSent only writes what A still holds: no attempt is
   * sent by both (before that, 236 of 300 were).
   */
  it('two live dispatchers and a carrier slower than the lease: an attempt is never sent by both', async () => {
    const segmentId = await segment(seed, '四星客户', { field: 'tier', op: '=', value: 4 }, RACE_CUSTOMERS);
    const scriptId = await script(seed, '四星短信', 'sms');
    const campaignId = await startCampaign(seed, { name: '四星客户短信', segmentId, channel: 'sms', scriptId, purpose: 'marketing', members: RACE_CUSTOMERS });
    raceFake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbacks: true, callbackDelayMs: 20, hangMs: HANG_MS });
    const f = raceFake;
    f.failNext('sms', ...Array.from({ length: HUNG }, () => 'timeout-after-create' as const));
    const watch = monitor('race', seed.db, f, [campaignId], 500);
    // A's first wave stuck behind the hung creates until the SDK gives up
    const env = { DISPATCH_LEASE_SECONDS: '3', TWILIO_TIMEOUT_SECONDS: '2', DISPATCH_SEND_CONCURRENCY: String(HUNG) };
    try {
      const a = await startServer({ name: 'race-A', port: await freePort(), databaseUrl: seed.databaseUrl, env: twilioEnv(f.url, env) });
      watch.note(`A up on ${a.url}`);
      await within(30_000, `A's first ${HUNG} creates at the fake`, async () => f.messages.length >= HUNG, 20);
      const b = await startServer({ name: 'race-B', port: await freePort(), databaseUrl: seed.databaseUrl, env: twilioEnv(f.url, env) });
      watch.note(`B up on ${b.url}`);
      await within(60_000, `every attempt of the race settled; timeline in ${watch.file}`, async () => {
        const { rows } = await seed.db.query("SELECT count(*)::int AS n FROM contact_attempts WHERE campaign_id = $1 AND state IN ('planned', 'in_flight')", [campaignId]);
        return rows[0].n === 0;
      }, 250);
      watch.note('settled');
      // a graceful stop lets A's pass under way finish: whatever is still in its send pool goes out now
      await a.stop(HANG_MS + 30_000);
      watch.note('A stopped');
      await atMost(f.drain(), 10_000);
      await b.stop();
    } finally {
      watch.stop();
      await quiesce();
    }
    const { rows } = await seed.db.query<{ id: string; state: string; provider_id: string; send_tries: number; claimed_at: Date; sent_at: Date; detail: string | null }>(
      'SELECT id::text, state, provider_id, send_tries, claimed_at, sent_at, detail FROM contact_attempts WHERE campaign_id = $1',
      [campaignId],
    );
    const attempts = new Map(rows.map((x) => [x.id, x]));
    const twice = [...repeated(f.messages, (m) => m.ref)].map(([ref, list]) => ({
      attempt: attempts.get(ref),
      messages: list.map((m) => `${m.sid} to ${m.to} created ${m.createdAt.toISOString()}`),
    }));
    console.log(
      `[faults] two live dispatchers, lease 3 s, ${HUNG} creates hanging ${HANG_MS / 1000} s: ${f.messages.length} messages for ${RACE_CUSTOMERS} attempts; ` +
        `${twice.length} attempts sent twice${twice.length ? `, e.g. ${JSON.stringify(twice.slice(0, 2))}` : ''}; server logs test-artifacts/faults/race-A.log, race-B.log`,
    );
    expect({ sentTwice: twice.length, examples: twice.slice(0, 3) }).toEqual({ sentTwice: 0, examples: [] });
    expect(f.messages).toHaveLength(RACE_CUSTOMERS);
  }, 120_000);
});

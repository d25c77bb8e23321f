/**
 * A carrier that answers badly, at scale, to compiled dispatchers (the in-process e2e
 * dispatch-twilio covers one 429 and one lost answer; dispatcher-kill covers answers lost after
 * create around a SIGKILL; this covers the refusals and the 500 that created nothing).
 *
 * Two compiled servers, A and B, send a campaign of CUSTOMERS SMS, pacing off, to a fake Twilio
 * that answers a seeded share of creates with 429 (Retry-After 1), 503, a 500 before creating
 * anything, a 500 after creating, and a 201 held past the SDK's 1 s timeout (created, answer
 * lost). From the fake's log of every create and lookup, per recipient:
 * - a 429 or 503 is tried again, no sooner than the backoff (5 s doubling per try so far);
 * - a 500 is never retried blindly: the recipient is looked up at the carrier first (no sooner
 *   than 10 s later) and sent again only when nothing was found;
 * - once a message was created (whatever the answer said) nothing more is sent to that phone;
 * - each attempt's send_tries is its number of create requests.
 * And at the end every attempt is done, holding its one message with the carrier's final status.
 *
 * PostgreSQL only; needs the compiled server. Timeline: test-artifacts/faults/carrier-timeline.log.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type FakeRequestLogEntry, type FakeTwilio, startFakeTwilio } from '../support/fake-twilio';
import { freePort } from '../support/wait';
import { importCustomers, script, type Seed, seedApp, segment, startCampaign } from './support/campaign-data';
import { ACCOUNT_SID, atMost, AUTH_TOKEN, countBy, describeOnPostgres, within } from './support/fault-env';
import { monitor } from './support/monitor';
import { killAllServers, type ServerProcess, startServer, twilioEnv } from './support/server-process';
import { expectEachSentOnce, unsettled } from './support/sms-audit';

const CUSTOMERS = 2_000;
/**
 * 7 % of creates are tried again, so the backoff's tail stays short: 4 refusals in a row (5 + 10 +
 * 20 + 40 s) are expected for 0.05 of the 2,000 attempts, 5 (another 80 s) for 0.003.
 */
const RATES = { r429: 0.03, r503: 0.02, r500: 0.02, r500AfterCreate: 0.01, rTimeoutAfterCreate: 0.01 };
/** Dispatcher's rules (sendBackoffSeconds, LOOKUP_AFTER_SECONDS), with a little slack for timers. */
const backoffMs = (triesSoFar: number) => Math.min(600, 5 * 2 ** (triesSoFar - 1)) * 1000;
const LOOKUP_AFTER_MS = 10_000;
const SLACK_MS = 250;
const SETTLE_MS = 150_000;

type Create = Extract<FakeRequestLogEntry, { what: 'create' }>;
const CREATED = new Set(['created', '500-after-create', 'timeout-after-create', 'reset-after-create']);

describeOnPostgres('dispatch against a carrier answering 429, 503, 500 and timeouts (fault, PostgreSQL, compiled servers)', () => {
  let seed: Seed;
  let fake: FakeTwilio | undefined;

  beforeAll(async () => {
    seed = await seedApp();
    await importCustomers(seed, CUSTOMERS);
  }, 120_000);

  afterAll(async () => {
    await killAllServers();
    await fake?.close();
    await seed?.close();
  }, 30_000);

  it('refusals retried with backoff, a 500 looked up before any resend, a created message never sent again, final states exact', async () => {
    const segmentId = await segment(seed, '全部客户', { field: 'tier', op: '>=', value: 0 }, CUSTOMERS);
    const scriptId = await script(seed, '积分到期短信', 'sms');
    const campaignId = await startCampaign(seed, { name: '积分到期提醒', segmentId, channel: 'sms', scriptId, purpose: 'marketing', members: CUSTOMERS });
    // a held create answers after 3 s; the SDK gives up after 1 s
    fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbacks: true, callbackDelayMs: 100, hangMs: 3000, rates: RATES, seed: 23, logRequests: true });
    const f = fake;
    const watch = monitor('carrier', seed.db, f, [campaignId]);
    const env = twilioEnv(f.url, { TWILIO_TIMEOUT_SECONDS: '1', DISPATCH_LEASE_SECONDS: '30' });
    const started = Date.now();
    let settledMs: number;
    try {
      const ports = [await freePort(), await freePort()];
      const servers: ServerProcess[] = await Promise.all(['A', 'B'].map((n, i) => startServer({ name: `carrier-${n}`, port: ports[i], databaseUrl: seed.databaseUrl, env })));
      watch.note(`A up on ${servers[0].url}, B up on ${servers[1].url}`);
      await within(SETTLE_MS, `every attempt settled; timeline in ${watch.file}`, async () => {
        for (const s of servers) if (!s.isRunning()) throw new Error(`${s.name} exited:\n${s.tail()}`);
        return (await unsettled(seed.db, campaignId)) === 0;
      }, 250);
      settledMs = Date.now() - started;
      watch.note('settled');
      await atMost(f.drain(), 10_000);
      await Promise.all(servers.map((s) => s.stop()));
    } finally {
      watch.stop();
      await killAllServers();
    }

    // ---- per recipient, from the fake's log of creates and lookups
    const creates = new Map<string, Create[]>();
    const lists = new Map<string, number[]>();
    for (const e of f.requestLog) {
      if (e.what === 'create') creates.set(e.to, [...(creates.get(e.to) ?? []), e]);
      else if (e.to) lists.set(e.to, [...(lists.get(e.to) ?? []), e.at]);
    }
    const tooSoon: unknown[] = [];
    const blind: unknown[] = [];
    const afterCreated: unknown[] = [];
    let refusedThenRetried = 0;
    let uncertainThenResent = 0;
    for (const [to, list] of creates) {
      list.forEach((e, i) => {
        const next = list[i + 1];
        if (!next) return;
        if (CREATED.has(e.answer)) afterCreated.push({ to, created: e.answer, then: next.answer });
        else if (e.answer === '429' || e.answer === '503') {
          refusedThenRetried++;
          if (next.at - e.at < backoffMs(i + 1) - SLACK_MS) tooSoon.push({ to, answer: e.answer, try: i + 1, waitedMs: next.at - e.at, backoffMs: backoffMs(i + 1) });
        } else if (e.answer === '500') {
          uncertainThenResent++;
          const lookedUp = (lists.get(to) ?? []).some((at) => at > e.at && at <= next.at);
          if (!lookedUp || next.at - e.at < LOOKUP_AFTER_MS - SLACK_MS) blind.push({ to, lookedUp, waitedMs: next.at - e.at });
        }
      });
    }
    expect({ tooSoon: tooSoon.length, examples: tooSoon.slice(0, 5) }).toEqual({ tooSoon: 0, examples: [] });
    expect({ blindResends: blind.length, examples: blind.slice(0, 5) }).toEqual({ blindResends: 0, examples: [] });
    expect({ sentAfterCreated: afterCreated.length, examples: afterCreated.slice(0, 5) }).toEqual({ sentAfterCreated: 0, examples: [] });
    // the faults really happened, and each kind was met again
    const answers = countBy(f.requestLog.filter((e): e is Create => e.what === 'create'), (e) => e.answer);
    for (const kind of ['429', '503', '500', '500-after-create', 'timeout-after-create']) expect({ kind, seen: (answers[kind] ?? 0) > 10 }).toEqual({ kind, seen: true });
    expect(refusedThenRetried).toBeGreaterThan(50);
    expect(uncertainThenResent).toBeGreaterThan(20);

    // ---- the database: one message each, the carrier's final status, send_tries = create requests
    const { attempts, outcomes, receiptsLost } = await expectEachSentOnce(seed.db, campaignId, f, CUSTOMERS);
    expect(receiptsLost).toBe(0);
    // send_tries counts the create requests, except a last one whose answer was lost after the
    // message's own callback had already settled the attempt (Dispatcher.keep's hold only touches
    // attempts still in flight; the wave's answers are kept once its slowest send returned)
    const triesOff = attempts.filter((a) => {
      const list = creates.get(a.phone) ?? [];
      const beaten = (list.at(-1)?.answer === 'timeout-after-create' || list.at(-1)?.answer === '500-after-create') && a.send_tries === list.length - 1;
      return a.send_tries !== list.length && !beaten;
    });
    expect(triesOff.map((a) => ({ attempt: a.id, sendTries: a.send_tries, creates: creates.get(a.phone)?.map((e) => e.answer) })).slice(0, 5)).toEqual([]);
    const uncounted = attempts.filter((a) => a.send_tries !== (creates.get(a.phone)?.length ?? 0)).length;
    const held = attempts.filter((a) => (creates.get(a.phone) ?? []).some((e) => e.answer === '500-after-create' || e.answer === 'timeout-after-create'));
    const tries = countBy(attempts, (a) => String(a.send_tries));
    console.log(
      [
        `[faults] carrier errors, ${CUSTOMERS} SMS on two dispatchers, rates ${JSON.stringify(RATES)}: every attempt settled at ${(settledMs / 1000).toFixed(1)} s`,
        `  create answers ${JSON.stringify(answers)}; ${f.requests.list} lookups by recipient, ${f.requests.fetch} by id`,
        `  ${refusedThenRetried} refusals retried, none before the backoff; ${uncertainThenResent} 500s resent, each after a lookup found nothing; ${held.length} created with the answer lost, settled by their callback or a lookup, none sent again`,
        `  attempts by send_tries ${JSON.stringify(tries)} (${uncounted} lost answers not counted: the callback settled the attempt first); outcomes ${JSON.stringify(outcomes)}; callbacks ${JSON.stringify(f.callbackStats)}`,
      ].join('\n'),
    );
  }, 240_000);
});

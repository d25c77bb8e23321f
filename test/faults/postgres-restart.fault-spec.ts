/**
 * PostgreSQL crashes in the middle of a dispatch (DESIGN §7 rule 1: a customer is never contacted
 * twice for one attempt). The database is a private PostgreSQL 15 cluster started here (initdb on
 * a free port), so it can be crashed and started again without touching the machine's cluster.
 *
 * Two compiled servers, A and B, both dispatching (as every instance does), send a campaign of
 * CUSTOMERS SMS to a fake Twilio, pacing off, callbacks on. Once CRASH_AT messages exist the
 * cluster is stopped with `pg_ctl -m immediate` (a crash: no checkpoint, clients cut off) while
 * batches are in the middle of being sent, kept down OUTAGE_MS and started again (crash recovery).
 * Nothing restarts the servers: they must stay up on their own. An operator would check that
 * /api/health on each said the database was down during the outage and ok after (the readiness
 * probe /api/health/ready 503, then 200), that sending
 * went on by itself once the database was back, and that every attempt ended done with exactly
 * one message, none twice for an attempt or a phone (creates whose answer could not be stored are
 * found again at the carrier by recipient, callbacks lost in the outage by lookup).
 *
 * PostgreSQL only (the suite's switch); needs the compiled server and the PostgreSQL 15 binaries.
 * Timeline: test-artifacts/faults/pg-restart-timeline.log; server logs pg-restart-{A,B}.log.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import { type FakeTwilio, startFakeTwilio } from '../support/fake-twilio';
import { freePort } from '../support/wait';
import { importCustomers, script, type Seed, seedApp, segment, startCampaign, stateCounts } from './support/campaign-data';
import { ACCOUNT_SID, artifactsDir, atMost, AUTH_TOKEN, describeOnPostgres, sleep, within } from './support/fault-env';
import { monitor } from './support/monitor';
import { type PrivatePostgres, privatePostgresMissing, startPrivatePostgres } from './support/private-postgres';
import { killAllServers, type ServerProcess, startServer, twilioEnv } from './support/server-process';
import { expectEachSentOnce, unsettled } from './support/sms-audit';

const CUSTOMERS = 3_000;
const CRASH_AT = 600;
const OUTAGE_MS = 8_000;
const SETTLE_MS = 90_000;

interface Health {
  status: string;
  database: { ok: boolean; error?: string };
}

async function health(server: ServerProcess): Promise<{ http: number; body: Health } | { http: 0; error: string }> {
  try {
    const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(5000) });
    return { http: res.status, body: (await res.json()) as Health };
  } catch (e) {
    return { http: 0, error: String(e) };
  }
}

/** The readiness probe a balancer polls: 503 while the instance should not take traffic. */
async function ready(server: ServerProcess): Promise<{ http: number; body?: unknown }> {
  const res = await fetch(`${server.url}/api/health/ready`, { signal: AbortSignal.timeout(5000) });
  return { http: res.status, body: await res.json() };
}

describeOnPostgres('dispatch through a PostgreSQL crash and restart (fault, private PostgreSQL cluster, compiled servers)', () => {
  let cluster: PrivatePostgres | undefined;
  let seed: Seed | undefined;
  let db: pg.Pool | undefined;
  let fake: FakeTwilio | undefined;

  beforeAll(async () => {
    const missing = privatePostgresMissing();
    if (missing) throw new Error(missing);
    cluster = startPrivatePostgres(await freePort());
    // this file's databases on the private cluster (Jest gives each test file its own process.env)
    process.env.DATABASE_URL = cluster.url;
    seed = await seedApp();
    // the crash ends the seeding client's connection; the test reads through a pool, which reconnects
    seed.db.on('error', () => undefined);
    db = new pg.Pool({ connectionString: seed.databaseUrl, max: 2, application_name: 'fault-test' });
    db.on('error', () => undefined);
    await importCustomers(seed, CUSTOMERS);
  }, 120_000);

  afterAll(async () => {
    await killAllServers();
    await fake?.close();
    await db?.end().catch(() => undefined);
    if (cluster && !cluster.isRunning()) cluster.start();
    await seed?.close().catch(() => undefined);
    if (cluster) {
      copyFileSync(cluster.logFile, join(artifactsDir(), 'pg-restart-postgres.log'));
      cluster.destroy();
    }
  }, 60_000);

  it('both dispatchers stay up, health says the database is down then ok, sending resumes, every SMS sent exactly once', async () => {
    const s = seed as Seed;
    const pool = db as pg.Pool;
    const pgc = cluster as PrivatePostgres;
    const segmentId = await segment(s, '全部客户', { field: 'tier', op: '>=', value: 0 }, CUSTOMERS);
    const scriptId = await script(s, '积分到期短信', 'sms');
    const campaignId = await startCampaign(s, { name: '积分到期提醒', segmentId, channel: 'sms', scriptId, purpose: 'marketing', members: CUSTOMERS });
    fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbacks: true, callbackDelayMs: 200, callbackRetryMs: 500, callbackTimeoutMs: 5000, seed: 15 });
    const f = fake;
    const watch = monitor('pg-restart', pool, f, [campaignId]);
    // a short lease: what the crash leaves in flight is reconciled soon after the database is back
    const env = twilioEnv(f.url, { DISPATCH_LEASE_SECONDS: '10', DISPATCH_BATCH_SIZE: '250', TWILIO_TIMEOUT_SECONDS: '2' });
    const started = Date.now();
    let outage: { atCrash: number; states: Record<string, number>; duringOutage: number; downSeenMs: Record<string, number>; health: Record<string, unknown> };
    let backMs: number;
    let settledMs: number;
    let a: ServerProcess;
    let b: ServerProcess;
    try {
      // ports one after the other: two free-port probes at once may be given the same port
      const ports = [await freePort(), await freePort()];
      expect(ports[0]).not.toBe(ports[1]);
      [a, b] = await Promise.all(['A', 'B'].map((n, i) => startServer({ name: `pg-restart-${n}`, port: ports[i], databaseUrl: s.databaseUrl, env })));
      watch.note(`A up on ${a.url}, B up on ${b.url}`);
      await within(60_000, `${CRASH_AT} messages at the fake`, async () => f.messages.length >= CRASH_AT, 5);
      const states = await stateCounts(pool, [campaignId]);
      pgc.stop('immediate');
      const crashedAt = Date.now();
      const atCrash = f.messages.length;
      watch.note(`PostgreSQL crashed (pg_ctl stop -m immediate) at ${atCrash} messages: ${JSON.stringify(states)}`);
      // the crash hits sending under way: attempts in flight, and more still planned
      expect({ inFlight: (states['in_flight-id'] ?? 0) + (states['in_flight+id'] ?? 0) > 0, planned: (states.planned ?? 0) > 0 }).toEqual({ inFlight: true, planned: true });

      // each instance's health says the database is down, and it keeps answering HTTP
      const downSeenMs: Record<string, number> = {};
      const seen: Record<string, unknown> = {};
      for (const server of [a, b]) {
        const h = await within(10_000, `${server.name}'s /api/health to report the database down`, async () => {
          const r = await health(server);
          return 'body' in r && !r.body.database.ok ? r : null;
        });
        downSeenMs[server.name] = Date.now() - crashedAt;
        seen[server.name] = h;
        expect(h).toMatchObject({ body: { status: 'degraded', database: { ok: false } } });
        // the balancer's probe takes the instance out while its database is away
        expect(await ready(server)).toMatchObject({ http: 503, body: { ready: false, reason: 'database unavailable' } });
      }
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - crashedAt)));
      const duringOutage = f.messages.length - atCrash;
      outage = { atCrash, states, duringOutage, downSeenMs, health: seen };
      for (const server of [a, b]) expect({ server: server.name, running: server.isRunning(), health: (await health(server)).http }).toEqual({ server: server.name, running: true, health: 200 });
      watch.note(`outage: ${JSON.stringify(outage)}`);

      pgc.start();
      const restartedAt = Date.now();
      watch.note('PostgreSQL started again');
      for (const server of [a, b]) {
        await within(30_000, `${server.name}'s /api/health ok again`, async () => {
          const r = await health(server);
          return 'body' in r && r.http === 200 && r.body.status === 'ok' && r.body.database.ok;
        }, 250);
      }
      backMs = Date.now() - restartedAt;
      for (const server of [a, b]) expect(await ready(server)).toMatchObject({ http: 200, body: { ready: true } });
      // sending resumes by itself: more messages than when the database went down
      await within(30_000, 'sending to resume', async () => f.messages.length > atCrash + duringOutage);
      await within(SETTLE_MS, `every attempt settled; timeline in ${watch.file}`, async () => {
        for (const server of [a, b]) if (!server.isRunning()) throw new Error(`${server.name} exited:\n${server.tail()}`);
        return (await unsettled(pool, campaignId)) === 0;
      }, 250);
      settledMs = Date.now() - started;
      watch.note('settled');
      await atMost(f.drain(), 10_000);
      // the servers never exited: nothing here restarts them
      expect([a.isRunning(), b.isRunning()]).toEqual([true, true]);
      await Promise.all([a.stop(), b.stop()]);
    } finally {
      watch.stop();
      await killAllServers();
    }

    const { outcomes, receiptsLost } = await expectEachSentOnce(pool, campaignId, f, CUSTOMERS);
    const { rows: sources } = await pool.query<{ source: string; n: number }>(
      'SELECT p.source, count(*)::int AS n FROM provider_events p JOIN contact_attempts a ON a.id = p.attempt_id WHERE a.campaign_id = $1 GROUP BY 1',
      [campaignId],
    );
    console.log(
      [
        `[faults] PostgreSQL crash during dispatch, ${CUSTOMERS} SMS on two dispatchers:`,
        `  crashed at ${outage.atCrash} messages with ${JSON.stringify(outage.states)}; ${outage.duringOutage} more created during the ${OUTAGE_MS / 1000} s outage`,
        `  health said the database was down after ${JSON.stringify(outage.downSeenMs)} ms; ok again ${backMs} ms after the restart`,
        `  every attempt settled at ${(settledMs / 1000).toFixed(1)} s; outcomes ${JSON.stringify(outcomes)}; ${receiptsLost} left at 'sent': their delivery receipt came during the outage and was dropped (the dispatcher asks the carrier SMS_RECEIPT_WAIT_MINUTES after sending, longer than this test)`,
        `  create answers ${JSON.stringify(f.requests.sms)}; ${f.requests.fetch} lookups by id, ${f.requests.list} by recipient; provider events by source ${JSON.stringify(Object.fromEntries(sources.map((x) => [x.source, x.n])))}`,
        `  callbacks ${JSON.stringify(f.callbackStats)}`,
      ].join('\n'),
    );
  }, 180_000);
});

/**
 * Throughput with pacing off: N planned SMS of one running campaign, two compiled servers
 * dispatching them to the fake Twilio. Measured at the fake from its first create to its last;
 * every attempt must reach the fake exactly once (by `ref` and by recipient) and be stored as
 * sent in the database.
 */
import type pg from 'pg';
import type { FakeMessage } from '../../test/support/fake-twilio';
import { log } from '../support/bench-kit';
import type { Booted } from '../support/bench-app';
import { CampaignLifecycle } from '@app/campaigns';
import { type ClaimPlan, claimPlans } from './claim-plan';
import { bin, type Bins, Harness, type HarnessOptions, waitFor, type Window } from './harness';
import { BENCH_USER, type Scripts, startCampaign } from './setup';

export interface ThroughputOptions {
  label: string;
  attempts: number;
  callbacks: boolean;
  maxConcurrent: number;
  env: Record<string, string>;
  /** Leave the campaign paused with its attempts as they are (the callbacks run uses them). */
  keep: boolean;
}

export interface ThroughputResult {
  label: string;
  attempts: number;
  callbacks: boolean;
  maxConcurrent: number;
  env: Record<string, string>;
  planMs: number;
  created: number;
  /** First create to last create at the fake. */
  wallS: number;
  rate: number;
  stalled: boolean;
  perServer: Array<{ server: string; creates: number; share: number }>;
  /** Whole seconds between first and last create. */
  bins: Bins;
  duplicateRefs: number;
  duplicateRecipients: number;
  refsMissing: number;
  /** Attempts of the campaign by state / outcome / carrier status after the run. */
  states: Array<{ state: string; outcome: string | null; status: string | null; withId: number; n: number }>;
  /** In-flight attempts of the campaign, sampled every 250 ms during the window. */
  inFlight: { mean: number; max: number };
  fake: { connections: number; callbacksPosted: number; callbacksFailed: number };
  window: Window;
  exitCodes: Array<number | string | null>;
  campaignId: string;
  /** The claim statement explained on this campaign, before and after ANALYZE. */
  plans: ClaimPlan[];
  /** The fake's records, for the callbacks run. */
  messages: FakeMessage[];
}

export async function runThroughput(base: Omit<HarnessOptions, 'env' | 'fake' | 'label' | 'servers'>, app: Booted, client: pg.Client, sampleClient: pg.Client, scripts: Scripts, o: ThroughputOptions): Promise<ThroughputResult> {
  const harness = new Harness({ ...base, label: o.label, servers: 2, env: o.env, fake: { callbacks: o.callbacks, callbackConcurrency: 64 } }, client, sampleClient);
  const lifecycle = app.get(CampaignLifecycle);
  const act = (id: string, action: 'pause' | 'resume') => {
    app.clock.set(new Date());
    return lifecycle.act(id, action, BENCH_USER);
  };
  // planned and paused before the servers start, so the claim can be explained on the statistics
  // planning left; then ANALYZE (as autovacuum would, in time), the servers, and resume
  // statistics as a table has them before a big campaign is planned (autovacuum analyzed it earlier)
  await client.query('ANALYZE contact_attempts');
  const started = await startCampaign(app, client, scripts, { name: `吞吐 ${o.label} ${Date.now()}`, channel: 'sms', members: o.attempts, maxConcurrent: o.maxConcurrent });
  const campaignId = started.campaignId;
  await act(campaignId, 'pause');
  log(`  planned ${started.plan.planned} SMS in ${(started.startMs / 1000).toFixed(1)} s; explaining the claim…`);
  const plans = await claimPlans(client, campaignId, 'sms', Number(o.env.DISPATCH_BATCH_SIZE ?? 200), 10_000);
  for (const p of plans) log(`    ${p.variant}, stats ${p.stats}: ${p.join}, ${p.ms === null ? 'cancelled after 10 s' : `${p.ms.toFixed(0)} ms`}`);
  await harness.start();
  log(`  ${o.label}: servers ${harness.servers.map((s) => `${s.name} :${s.port}`).join(', ')}; fake Twilio ${harness.fake.url} (callbacks ${o.callbacks ? 'on' : 'off'})`);
  const fake = harness.fake;
  try {
    await act(campaignId, 'resume');
    await waitFor(() => fake.messages.length > 0, 30_000, 'the first create at the fake');
    await harness.beginWindow();
    const inFlight: number[] = [];
    const sampler = setInterval(() => {
      client
        .query<{ n: string }>("SELECT count(*) AS n FROM contact_attempts WHERE campaign_id = $1 AND state = 'in_flight'", [campaignId])
        .then((r) => inFlight.push(Number(r.rows[0].n)), () => undefined);
    }, 250);
    let last = 0;
    let lastChange = Date.now();
    let stalled = false;
    let lastLog = Date.now();
    try {
      await waitFor(
        () => {
          const n = fake.messages.length;
          if (n !== last) {
            last = n;
            lastChange = Date.now();
          }
          if (Date.now() - lastLog > 5000) {
            lastLog = Date.now();
            log(`    ${n} / ${o.attempts} created`);
          }
          if (Date.now() - lastChange > 30_000) stalled = true;
          return n >= o.attempts || stalled;
        },
        30 * 60_000,
        'every create',
        10,
      );
    } finally {
      clearInterval(sampler);
    }
    const window = await harness.endWindow();
    if (stalled) log(`  STALLED at ${fake.messages.length} creates`);
    // callbacks still under way finish before the database is read
    if (o.callbacks) await waitFor(() => fake.callbacksPending() === 0, 120_000, 'the fake’s callbacks', 100);
    await act(campaignId, 'pause');
    const exitCodes = await harness.stop();

    const messages = [...fake.messages];
    const times = messages.map((m) => m.createdAt.getTime());
    const first = times.reduce((a, b) => Math.min(a, b), Infinity);
    const lastAt = times.reduce((a, b) => Math.max(a, b), -Infinity);
    const wallS = (lastAt - first) / 1000;
    const byRef = new Map<string, number>();
    const byTo = new Map<string, number>();
    const byServer = new Map<string, number>();
    for (const m of messages) {
      byRef.set(m.ref ?? '', (byRef.get(m.ref ?? '') ?? 0) + 1);
      byTo.set(m.to, (byTo.get(m.to) ?? 0) + 1);
      const s = harness.serverOf(m.statusCallback);
      byServer.set(s, (byServer.get(s) ?? 0) + 1);
    }
    const { rows: attemptIds } = await client.query<{ id: string }>('SELECT id FROM contact_attempts WHERE campaign_id = $1', [campaignId]);
    const refsMissing = attemptIds.filter((a) => !byRef.has(String(a.id))).length;
    const { rows: states } = await client.query<{ state: string; outcome: string | null; status: string | null; with_id: string; n: string }>(
      `SELECT state, outcome, provider_status AS status, count(provider_id) AS with_id, count(*) AS n FROM contact_attempts WHERE campaign_id = $1 GROUP BY 1, 2, 3 ORDER BY 5 DESC`,
      [campaignId],
    );
    const fullSeconds = Math.max(1, Math.floor(wallS));
    return {
      label: o.label,
      attempts: o.attempts,
      callbacks: o.callbacks,
      maxConcurrent: o.maxConcurrent,
      env: o.env,
      planMs: started.startMs,
      created: messages.length,
      wallS,
      rate: wallS > 0 ? (messages.length - 1) / wallS : 0,
      stalled,
      perServer: [...byServer.entries()].sort().map(([server, creates]) => ({ server, creates, share: creates / messages.length })),
      bins: bin(times, first, fullSeconds),
      duplicateRefs: [...byRef.values()].filter((n) => n > 1).length,
      duplicateRecipients: [...byTo.values()].filter((n) => n > 1).length,
      refsMissing,
      states: states.map((r) => ({ state: r.state, outcome: r.outcome, status: r.status, withId: Number(r.with_id), n: Number(r.n) })),
      inFlight: { mean: inFlight.reduce((a, b) => a + b, 0) / Math.max(1, inFlight.length), max: Math.max(0, ...inFlight) },
      fake: { connections: fake.requests.connections, callbacksPosted: fake.callbackStats.posted, callbacksFailed: fake.callbackStats.rejected + fake.callbackStats.dropped },
      window,
      exitCodes,
      campaignId,
      plans,
      messages: o.keep ? messages : [],
    };
  } catch (error) {
    await harness.stop().catch(() => undefined);
    throw error;
  }
}

/**
 * Dispatch and telephony benchmark (`npm run bench:dispatch -- [--rows 200000] [--attempts 100000]
 * [--only callbacks-on,pacing,throughput,callbacks] [--callback-steps 250x10,…,2000x30]
 * [--pacing-also KEY=VALUE] [--env KEY=VALUE]… [--reuse] [--profile] [--no-readme] [--render FILE]`). Loads
 * customers on PostgreSQL through the real import, opens the contact policy around the clock, then
 * runs the compiled server as separate processes against the fake
 * Twilio (test/support/fake-twilio.ts, in this process) on loopback:
 *  1. throughput, pacing off, two servers: N planned SMS sent, first to last create at the fake,
 *     per-server share, duplicates by attempt and by recipient; with the fake's callbacks on
 *     (the whole loop, in-flight limit included) and off (the send path alone);
 *  2. pacing on, two servers: achieved SMS and call rates over a steady window;
 *  3. callbacks: signed status callbacks at a fixed rate into --callback-servers servers (2) behind one public URL, latency and exact
 *     effects in the database.
 * Results are printed and written between the markers of bench/README.md.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { DemoDataLoader } from '@app/customers';
import { argValue, databaseUrl, dropDatabase, log, pgMachineLine, runBench, timed, withClient } from './support/bench-kit';
import { boot, type Booted } from './support/bench-app';
import { type ApplyVariant, applyExperiment } from './dispatch/apply-batched';
import { type CallbacksResult, runCallbacks } from './dispatch/callbacks';
import { type PacingResult, runPacing } from './dispatch/pacing';
import { type Report, renderSection } from './dispatch/report';
import { buildPool, createScripts, openPolicy } from './dispatch/setup';
import { runThroughput, type ThroughputResult } from './dispatch/throughput';

const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const RUNS = ['callbacks-on', 'pacing', 'throughput', 'callbacks'] as const;
type RunName = (typeof RUNS)[number];

export interface Options {
  rows: number;
  attempts: number;
  attemptsCallbacksOn: number;
  maxConcurrent: number;
  smsPerSecond: number;
  callsPerSecond: number;
  pacingWarmup: number;
  pacingWindow: number;
  callbackSteps: Array<{ rate: number; seconds: number }>;
  callbackWarmup: number;
  callbackSockets: number;
  callbackServers: number;
  /** Attempts per variant of the apply experiment (0: skip it). */
  applyAttempts: number;
  /** Settings for a second pacing run beside the one with the defaults (empty: none). */
  pacingAlso: Record<string, string>;
  only: RunName[];
  env: Record<string, string>;
  adminUrl: string;
  reuse: boolean;
  timing: boolean;
  profile: boolean;
  writeReadme: boolean;
}

function positive(text: string | undefined, fallback: number, name: string): number {
  const n = Number(text ?? fallback);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got ${text}`);
  return n;
}

function parseOptions(args: string[]): Options {
  const only = (argValue(args, '--only') ?? RUNS.join(',')).split(',').map((s) => s.trim()) as RunName[];
  for (const r of only) if (!RUNS.includes(r)) throw new RangeError(`--only takes ${RUNS.join(', ')}; got ${r}`);
  if (only.includes('callbacks') && !only.includes('throughput')) throw new RangeError('the callbacks run posts the callbacks of the throughput run: --only throughput,callbacks');
  const env: Record<string, string> = {};
  args.forEach((a, i) => {
    if (a !== '--env') return;
    const [key, ...value] = (args[i + 1] ?? '').split('=');
    if (!/^[A-Z_]+$/.test(key)) throw new RangeError(`--env takes KEY=VALUE, got ${args[i + 1]}`);
    env[key] = value.join('=');
  });
  return {
    rows: positive(argValue(args, '--rows'), 200_000, '--rows'),
    attempts: positive(argValue(args, '--attempts'), 100_000, '--attempts'),
    attemptsCallbacksOn: positive(argValue(args, '--attempts-callbacks-on'), 30_000, '--attempts-callbacks-on'),
    maxConcurrent: positive(argValue(args, '--max-concurrent'), 500, '--max-concurrent'),
    smsPerSecond: positive(argValue(args, '--sms-rate'), 50, '--sms-rate'),
    callsPerSecond: positive(argValue(args, '--calls-rate'), 5, '--calls-rate'),
    pacingWarmup: positive(argValue(args, '--pacing-warmup'), 5, '--pacing-warmup'),
    pacingWindow: positive(argValue(args, '--pacing-window'), 60, '--pacing-window'),
    callbackSteps: (argValue(args, '--callback-steps') ?? '250x10,500x10,1000x10,2000x30').split(',').map((step) => {
      const [rate, seconds] = step.split('x');
      return { rate: positive(rate, 0, '--callback-steps rate'), seconds: positive(seconds, 0, '--callback-steps seconds') };
    }),
    callbackWarmup: positive(argValue(args, '--callback-warmup'), 3, '--callback-warmup'),
    callbackSockets: positive(argValue(args, '--callback-sockets'), 64, '--callback-sockets'),
    callbackServers: positive(argValue(args, '--callback-servers'), 2, '--callback-servers'),
    applyAttempts: Number(argValue(args, '--apply-experiment') ?? 5000),
    pacingAlso: Object.fromEntries(
      (argValue(args, '--pacing-also') ?? 'DISPATCH_INTERVAL_MS=250')
        .split(',')
        .filter((kv) => kv && kv !== 'none')
        .map((kv) => {
          const [key, ...value] = kv.split('=');
          return [key, value.join('=')];
        }),
    ),
    only,
    env,
    adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/postgres',
    reuse: args.includes('--reuse'),
    timing: !args.includes('--no-timing'),
    profile: args.includes('--profile'),
    writeReadme: !args.includes('--no-readme'),
  };
}

/** The commit measured, and whether the server's sources differed from it. */
function codeVersion(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', 'apps/contact-center', 'libs', 'migrations'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${commit} with uncommitted changes in ${dirty.split('\n').length} server files` : commit;
  } catch {
    return 'unknown';
  }
}

/** Whether a kept database holds the customers and the pool table. */
async function kept(adminUrl: string, name: string, rows: number): Promise<boolean> {
  const exists = await withClient(adminUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
  if (!exists) return false;
  return withClient(databaseUrl(adminUrl, name), async (c) => {
    try {
      const { rows: [r] } = await c.query<{ n: string }>('SELECT count(*) AS n FROM customers');
      return Number(r.n) === rows;
    } catch {
      return false;
    }
  });
}

async function run(o: Options): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const dbName = `bench_dispatch_${o.rows}`;
  const url = databaseUrl(o.adminUrl, dbName);
  const loadAtStart = loadavg();
  const reused = o.reuse && (await kept(o.adminUrl, dbName, o.rows));
  if (!reused) {
    await dropDatabase(o.adminUrl, dbName);
    await withClient(o.adminUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
  }
  const app: Booted = await boot(url, join(OUT_DIR, 'dispatch-data', 'bench'), new Date().toISOString());
  const client = new pg.Client({ connectionString: url, application_name: 'dispatch-bench' });
  const sampleClient = new pg.Client({ connectionString: url, application_name: 'dispatch-bench-sampler' });
  await client.connect();
  await sampleClient.connect();
  try {
    let loadMs: number | null = null;
    if (reused) {
      log(`reusing ${dbName}: earlier runs' campaigns and attempts removed`);
      await client.query('TRUNCATE contact_attempts, provider_events, campaign_steps, campaigns, segment_memberships, segment_refreshes, segment_versions, segments, contact_events, rate_buckets, audit_entries CASCADE');
    } else {
      log(`loading ${o.rows} customers into ${dbName} (two feeds through the import)…`);
      loadMs = (await timed(() => app.get(DemoDataLoader).load(o.rows))).ms;
      log(`loaded in ${(loadMs / 1000).toFixed(1)} s`);
    }
    await client.query('VACUUM (ANALYZE) customers');
    const pool = await buildPool(client);
    log(`recipient pool: ${pool.sms} customers with SMS consent and a mobile of their own (${pool.call} also consent to calls)`);
    await openPolicy(app);
    const scripts = await createScripts(app);
    // the servers run a private copy of the build: others build in this checkout while the bench runs
    const distDir = join(OUT_DIR, 'dispatch-dist');
    rmSync(distDir, { recursive: true, force: true });
    cpSync(join(ROOT, 'dist'), distDir, { recursive: true, filter: (src) => !src.endsWith('.map') && !src.endsWith('.tsbuildinfo') });
    const code = codeVersion();
    const base = { root: ROOT, distDir, outDir: OUT_DIR, databaseUrl: url, dbName, timing: o.timing, profile: o.profile };

    let callbacksOn: ThroughputResult | null = null;
    const pacing: PacingResult[] = [];
    let throughput: ThroughputResult | null = null;
    let callbacks: CallbacksResult | null = null;
    const loads: Record<string, number> = {};
    if (o.only.includes('callbacks-on')) {
      loads['callbacks-on'] = loadavg()[0];
      log(`throughput, callbacks on: ${o.attemptsCallbacksOn} SMS, in flight at most ${o.maxConcurrent}…`);
      callbacksOn = await runThroughput(base, app, client, sampleClient, scripts, { label: 'cb-on', attempts: o.attemptsCallbacksOn, callbacks: true, maxConcurrent: o.maxConcurrent, env: { DISPATCH_SMS_PER_SECOND: '0', DISPATCH_CALLS_PER_SECOND: '0', ...o.env }, keep: false });
      log(`  ${callbacksOn.created} in ${callbacksOn.wallS.toFixed(1)} s = ${callbacksOn.rate.toFixed(0)}/s`);
    }
    if (o.only.includes('pacing')) {
      loads.pacing = loadavg()[0];
      const variants = [o.env, ...(Object.keys(o.pacingAlso).length ? [{ ...o.env, ...o.pacingAlso }] : [])];
      for (const env of variants) {
        log(`pacing on: SMS ${o.smsPerSecond}/s, calls ${o.callsPerSecond}/s; ${JSON.stringify(env)}…`);
        const p = await runPacing(base, app, client, sampleClient, scripts, { smsPerSecond: o.smsPerSecond, callsPerSecond: o.callsPerSecond, warmupSeconds: o.pacingWarmup, windowSeconds: o.pacingWindow, env });
        log(`  SMS ${p.sms.achieved.toFixed(2)}/s, calls ${p.calls.achieved.toFixed(2)}/s`);
        pacing.push(p);
      }
    }
    if (o.only.includes('throughput')) {
      loads.throughput = loadavg()[0];
      log(`throughput, callbacks off: ${o.attempts} SMS…`);
      // no callbacks come, so the attempts stay in flight: the limit must hold them all, and the
      // lease must outlast the run, or the reconciler would start looking them up mid-run
      throughput = await runThroughput(base, app, client, sampleClient, scripts, {
        label: 'cb-off',
        attempts: o.attempts,
        callbacks: false,
        maxConcurrent: o.attempts,
        env: { DISPATCH_SMS_PER_SECOND: '0', DISPATCH_CALLS_PER_SECOND: '0', DISPATCH_LEASE_SECONDS: '1800', ...o.env },
        keep: o.only.includes('callbacks'),
      });
      log(`  ${throughput.created} in ${throughput.wallS.toFixed(1)} s = ${throughput.rate.toFixed(0)}/s`);
    }
    if (o.only.includes('callbacks') && throughput) {
      loads.callbacks = loadavg()[0];
      log(`callbacks into ${o.callbackServers} server(s)…`);
      callbacks = await runCallbacks(
        { ...base, steps: o.callbackSteps, warmupSeconds: o.callbackWarmup, duplicateEvery: 50, sockets: o.callbackSockets, servers: o.callbackServers, env: o.env },
        client,
        sampleClient,
        throughput.messages,
      );
      log(`  exact in the database: ${callbacks.exact}`);
    }
    let apply: ApplyVariant[] = [];
    if (o.applyAttempts > 0 && throughput && callbacks) {
      const left = throughput.messages.slice(callbacks.attempts);
      log(`apply experiment: ${Math.min(o.applyAttempts, Math.floor(left.length / 2))} attempts per variant…`);
      apply = await applyExperiment(app, client, dbName, left, o.applyAttempts);
      for (const a of apply) log(`  ${a.variant}: ${a.events} events in ${a.seconds.toFixed(1)} s = ${a.perSecond.toFixed(0)}/s; exact: ${a.exact}`);
    }
    for (const t of [callbacksOn, throughput]) {
      for (const p of t?.plans ?? []) writeFileSync(join(OUT_DIR, `dispatch-claim-${t?.label}-${`${p.variant}-${p.stats}`.replace(/\W+/g, '-').slice(0, 60)}.txt`), `${p.text}\n`);
    }
    const results = {
      when: new Date().toISOString().slice(0, 16).replace('T', ' '),
      machine: await pgMachineLine(client),
      options: o,
      code,
      pool,
      loadMs,
      reused,
      loadAtStart,
      loads,
      callbacksOn,
      pacing,
      throughput: throughput ? { ...throughput, messages: [] } : null,
      callbacks,
      apply,
    };
    writeFileSync(join(OUT_DIR, 'dispatch-last.json'), JSON.stringify(results, null, 1));
    return renderSection(results);
  } finally {
    await client.end();
    await sampleClient.end();
    await app.close();
    if (!o.reuse) await dropDatabase(o.adminUrl, dbName);
  }
}

/** `--render FILE`: the section again from a run's saved results (after a change to the report), no run. */
async function render(file: string): Promise<string> {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Report;
  return renderSection(saved);
}

const args = process.argv.slice(2);
const options = parseOptions(args);
const saved = argValue(args, '--render');
runBench('dispatch', OUT_DIR, () => (saved ? render(saved) : run(options)), options.writeReadme);

/**
 * AI-call relay benchmark (`npm run bench:relay -- [--calls 200] [--turns 20] [--pause-ms 500]
 * [--ramp-ms 2000] [--warmup 10] [--ending stop|hangup] [--rows N] [--env KEY=VALUE]…
 * [--quiet-load 1.0] [--quiet-wait 300] [--profile] [--no-timing] [--no-readme] [--render FILE]`).
 * A new PostgreSQL database with an `ai_call` campaign whose attempts are marked dialled; one
 * compiled server; N simulated Twilio ConversationRelay sessions at once from this process, each
 * `--turns` turns of a customer who keeps the call going; the time from each final `prompt` to
 * the first `text` token back, the server's memory before / with N live / after, its CPU, and
 * every conversation and turn checked in the database. Results are printed and written between
 * the markers of bench/README.md.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import twilio from 'twilio';
import { RELAY_PATH, relayUrl } from '@app/telephony';
import { argValue, count, databaseUrl, dropDatabase, envArgs, log, pgMachineLine, runBench, withClient } from './support/bench-kit';
import { boot } from './support/bench-app';
import { CpuMeter } from './dispatch/monitor';
import { summarize } from './dispatch/profile';
import { AUTH_TOKEN, type Server, startServer, timingDelta } from './dispatch/servers';
import { type CallersResult, runCallers } from './relay/callers';
import { type HistoryEntry, historyEntry, type MemoryPoint, type RelayOptions, type RelayReport, renderSection, stats } from './relay/report';
import type { MemoryAnswer } from './relay/memory-probe';
import { MemoryProbe, procMemory, ServerSampler, stealMs } from './relay/server-memory';
import { checkLines, checkStored, prepare } from './relay/setup';

const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const WARMUP_PAUSE_MS = 20;
const BUCKETS = [1, 2, 5, 10, 20, 50, 100];
const HISTORY = join(OUT_DIR, 'relay-history.json');

function history(): HistoryEntry[] {
  try {
    return JSON.parse(readFileSync(HISTORY, 'utf8')) as HistoryEntry[];
  } catch {
    return [];
  }
}

interface Options extends RelayOptions {
  adminUrl: string;
  writeReadme: boolean;
}

function parseOptions(args: string[]): Options {
  const env = envArgs(args);
  const calls = count(argValue(args, '--calls'), 200, '--calls');
  const warmup = count(argValue(args, '--warmup'), 10, '--warmup', 0);
  const ending = argValue(args, '--ending') ?? 'hangup';
  if (ending !== 'stop' && ending !== 'hangup') throw new RangeError(`--ending takes stop or hangup, got ${ending}`);
  return {
    calls,
    turns: count(argValue(args, '--turns'), 20, '--turns'),
    pauseMs: count(argValue(args, '--pause-ms'), 500, '--pause-ms', 0),
    rampMs: count(argValue(args, '--ramp-ms'), 2000, '--ramp-ms', 0),
    warmup,
    ending,
    // about half the generated customers can be called (consent, a mobile of their own)
    rows: count(argValue(args, '--rows'), Math.max(1000, Math.ceil(((calls + warmup) * 3) / 100) * 100), '--rows'),
    env,
    timing: !args.includes('--no-timing'),
    profile: args.includes('--profile'),
    quietLoad: Number(argValue(args, '--quiet-load') ?? 1.0),
    quietWaitS: count(argValue(args, '--quiet-wait'), 300, '--quiet-wait', 0),
    adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/postgres',
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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits (up to `maxS`) for the 1-minute load average to fall below `below`: others share this machine. */
async function quietMachine(below: number, maxS: number): Promise<RelayReport['quiet']> {
  const started = Date.now();
  let logged = 0;
  while (loadavg()[0] >= below && Date.now() - started < maxS * 1000) {
    if (Date.now() - logged > 30_000) {
      log(`  load ${loadavg().map((l) => l.toFixed(2)).join(' ')}: waiting for the 1-min average to fall below ${below} (at most ${maxS} s)…`);
      logged = Date.now();
    }
    await sleep(2000);
  }
  return { waitedS: (Date.now() - started) / 1000, load: loadavg(), quiet: loadavg()[0] < below };
}

/** Warnings and errors the server logged (LOG_LEVEL=warn: every line). */
function serverWarnings(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !/ExperimentalWarning|--trace-warnings/.test(l))
    .map((l) => l.slice(0, 240));
}

async function run(o: Options): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  checkLines(o.turns);
  const dbName = `bench_relay_${process.pid}`;
  const url = databaseUrl(o.adminUrl, dbName);
  const loadAtStart = loadavg();
  await dropDatabase(o.adminUrl, dbName);
  await withClient(o.adminUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
  const client = new pg.Client({ connectionString: url, application_name: 'relay-bench' });
  let server: Server | null = null;
  try {
    log(`setting up ${dbName}: ${o.rows} customers, an ai_call campaign over ${o.calls + o.warmup} of them…`);
    const app = await boot(url, join(OUT_DIR, 'relay-data', 'bench'), new Date().toISOString());
    await client.connect();
    const prep = await prepare(app, client, o.calls + o.warmup, o.rows).finally(() => app.close());
    log(`  loaded in ${(prep.loadMs / 1000).toFixed(1)} s; ${prep.calls.length} attempts dialled`);

    // the server runs a private copy of the build: others build in this checkout while the bench runs
    const distDir = join(OUT_DIR, 'relay-dist');
    rmSync(distDir, { recursive: true, force: true });
    cpSync(join(ROOT, 'dist'), distDir, { recursive: true, filter: (src) => !src.endsWith('.map') && !src.endsWith('.tsbuildinfo') });
    const memoryFile = join(OUT_DIR, 'relay-memory.json');
    const probe = new MemoryProbe(memoryFile);
    server = await startServer({
      name: 'relay',
      root: ROOT,
      distDir,
      outDir: OUT_DIR,
      databaseUrl: url,
      // DISPATCH_ENABLED=false: nothing is sent to a carrier, so no fake Twilio is needed
      fakeUrl: 'http://127.0.0.1:9',
      env: {
        DISPATCH_ENABLED: 'false',
        RELAY_SPEECH_MS_PER_CHAR: '0',
        RELAY_SILENCE_SECONDS: '60',
        NODE_OPTIONS: `--expose-gc --require ${join(distDir, 'bench', 'relay', 'memory-probe.js')}`,
        BENCH_MEMORY_FILE: memoryFile,
        ...o.env,
      },
      timing: o.timing,
      profile: o.profile,
    });
    const srv = server;
    log(`server on ${srv.url} (pid ${srv.pid})`);
    const wsUrl = relayUrl(srv.url, RELAY_PATH);
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, wsUrl, {});
    const callers = { url: wsUrl, signature, ending: o.ending, timeoutMs: 15_000 } as const;
    const measured = prep.calls.slice(0, o.calls);
    const warm = prep.calls.slice(o.calls);
    const expected = new Map<number, number>();
    const note = (calls: typeof measured, r: CallersResult) => calls.forEach((c, i) => expected.set(c.attemptId, 1 + 2 * r.answered[i]));

    const quiet = await quietMachine(o.quietLoad, o.quietWaitS);
    log(`load ${quiet.load.map((l) => l.toFixed(2)).join(' ')} after ${quiet.waitedS.toFixed(0)} s${quiet.quiet ? '' : ` (not below ${o.quietLoad}: running anyway)`}`);
    if (warm.length) {
      log(`warm-up: ${warm.length} calls at once…`);
      const w = await runCallers({ ...callers, calls: warm, turns: Math.min(o.turns, 12), pauseMs: WARMUP_PAUSE_MS, rampMs: 100, barrierAt: null, onBarrier: async () => {} });
      note(warm, w);
      if (w.failures.length) log(`  ${w.failures.length} warm-up calls failed; first: ${w.failures[0].what}`);
    }
    await sleep(1000);

    const measure = async (): Promise<MemoryPoint> => {
      const a = await probe.ask('measure');
      const m = procMemory(srv.pid) ?? { rss: NaN, hwm: NaN };
      return { rss: m.rss, hwm: m.hwm, heapUsed: a?.heapUsed ?? null, heapTotal: a?.heapTotal ?? null, external: a?.external ?? null, gcMs: a?.gcMs ?? null };
    };
    const before = await measure();
    log(`before: RSS ${(before.rss / 1024 ** 2).toFixed(1)} MB, heap ${before.heapUsed === null ? '?' : (before.heapUsed / 1024 ** 2).toFixed(1)} MB`);

    const cpu = new CpuMeter(() => [{ name: `server (pid ${srv.pid})`, pid: srv.pid }], client, dbName);
    const rss = new ServerSampler(srv.pid);
    const barrierAt = o.turns >= 2 ? Math.floor(o.turns / 2) : null;
    let live: MemoryPoint | null = null;
    let eldFirst: MemoryAnswer['eld'] = null;
    await probe.ask('eld-reset');
    const timingStart = srv.timing();
    srv.profileStart();
    await cpu.begin();
    const stealStart = stealMs();
    rss.start();
    log(`${o.calls} calls × ${o.turns} turns, think time ${o.pauseMs} ms…`);
    const result = await runCallers({
      ...callers,
      calls: measured,
      turns: o.turns,
      pauseMs: o.pauseMs,
      rampMs: o.rampMs,
      barrierAt,
      onBarrier: async () => {
        await sleep(1000);
        // the delay histogram up to here, then a new one after the forced GCs (they are not the application's)
        eldFirst = (await probe.ask('eld'))?.eld ?? null;
        live = await measure();
        await probe.ask('eld-restart');
        log(`  ${o.calls} live at turn ${(barrierAt ?? 0) + 1}: RSS ${(live.rss / 1024 ** 2).toFixed(1)} MB, heap ${live.heapUsed === null ? '?' : (live.heapUsed / 1024 ** 2).toFixed(1)} MB`);
      },
    });
    rss.stop();
    const cpuReport = await cpu.end();
    const steal = stealMs() - stealStart;
    const eld = await probe.ask('eld');
    const profileFile = await srv.profileStop();
    await sleep(600);
    const timing = timingDelta(timingStart, srv.timing());
    note(measured, result);
    log(`  ${result.completed} completed, ${result.failures.length} failed in ${(result.windowMs / 1000).toFixed(1)} s`);

    // every conversation ended (its writes flushed first), then the memory left behind
    const started = Date.now();
    for (;;) {
      const { rows: [r] } = await client.query<{ open: string }>("SELECT count(*) FILTER (WHERE status <> 'ended') AS open FROM conversations WHERE campaign_id = $1", [prep.campaignId]);
      if (Number(r.open) === 0 || Date.now() - started > 30_000) break;
      await sleep(200);
    }
    await sleep(2000);
    const after = await measure();
    const stored = await checkStored(client, prep.campaignId, expected);
    log(`  stored: ${stored.exact} of ${expected.size} conversations exact`);
    const exit = await srv.stop();
    server = null;

    const t = o.turns;
    const byTurn = (want: (turn: number) => boolean) => stats(result.latencies.filter((_, i) => want(i % t)));
    const all = stats(result.latencies);
    const buckets = BUCKETS.map((upToMs, i) => ({ upToMs: upToMs as number | null, n: result.latencies.filter((x) => x <= upToMs && (i === 0 || x > BUCKETS[i - 1])).length }));
    buckets.push({ upToMs: null, n: result.latencies.filter((x) => x > BUCKETS[BUCKETS.length - 1]).length });
    const p = profileFile ? summarize(profileFile) : null;
    const ramp = (i: number) => result.sentAt[i] < result.rampedMs;
    const slow = result.latencies.reduce<number[]>((acc, x, i) => (x > 20 ? [...acc, i] : acc), []);
    const ending = (i: number) => result.firstEndMs !== null && result.sentAt[i] >= result.firstEndMs;
    // the server's CPU while the sockets opened, and after (the barrier's pause left out)
    const windowEnd = result.windowMs;
    const b = result.barrier;
    const cpuMs = (from: number, to: number) => (to > from ? (rss.cpuShare(from, to) ?? 0) * (to - from) : 0);
    const steadyMs = b ? cpuMs(result.rampedMs, b.fromMs) + cpuMs(b.toMs, windowEnd) : cpuMs(result.rampedMs, windowEnd);
    const steadySpan = windowEnd - result.rampedMs - (b ? b.toMs - b.fromMs : 0);
    const report: RelayReport = {
      when: new Date().toISOString().slice(0, 16).replace('T', ' '),
      at: new Date().toISOString(),
      code: codeVersion(),
      machine: await pgMachineLine(client),
      options: { calls: o.calls, turns: o.turns, pauseMs: o.pauseMs, rampMs: o.rampMs, warmup: o.warmup, ending: o.ending, rows: o.rows, env: o.env, timing: o.timing, profile: o.profile, quietLoad: o.quietLoad, quietWaitS: o.quietWaitS },
      setup: { customers: prep.customers, callable: prep.poolCall, loadMs: prep.loadMs, startMs: prep.startMs },
      loadAtStart,
      quiet,
      barrierAt,
      latency: {
        all,
        firstTurn: byTurn((turn) => turn === 0),
        afterBarrier: barrierAt === null ? null : byTurn((turn) => turn === barrierAt),
        rest: byTurn((turn) => turn !== 0 && turn !== barrierAt),
        duringRamp: stats(result.latencies.filter((_, i) => ramp(i))),
        afterRamp: stats(result.latencies.filter((_, i) => !ramp(i))),
        whileEnding: stats(result.latencies.filter((_, i) => ending(i))),
        slow: {
          over20: slow.length,
          duringRamp: slow.filter(ramp).length,
          afterBarrier: slow.filter((i) => i % t === barrierAt && !ramp(i)).length,
          whileEnding: slow.filter((i) => ending(i) && !ramp(i) && i % t !== barrierAt).length,
          lastAtS: slow.length ? Math.max(...slow.map((i) => result.sentAt[i])) / 1000 : null,
        },
        toLast: stats(result.toLast),
        closing: result.closing.length ? stats(result.closing) : null,
        buckets,
      },
      calls: { completed: result.completed, failed: result.failures.length, failures: result.failures.slice(0, 20), unexpected: result.unexpected, turnsAnswered: result.answered.reduce((a, b) => a + b, 0) },
      windowS: result.windowMs / 1000,
      rampedS: result.rampedMs / 1000,
      firstEndS: result.firstEndMs === null ? null : result.firstEndMs / 1000,
      barrierS: b ? { from: b.fromMs / 1000, to: b.toMs / 1000 } : null,
      serverCpu: { ramp: rss.cpuShare(0, result.rampedMs), steady: steadySpan > 0 ? steadyMs / steadySpan : null },
      memory: { before, live, after, peakRss: rss.peak, probe: before.heapUsed !== null },
      cpu: cpuReport,
      stealMs: steal,
      server: { elu: timing ? timing.elu.active / Math.max(1e-9, timing.elu.active + timing.elu.idle) : null, eld: eld?.eld ?? null, eldFirst, gcs: eld?.gcs ?? null, timing, exit, warnings: serverWarnings(join(OUT_DIR, 'dispatch-relay.log')) },
      client: { delay: result.clientDelay, delayRamp: result.clientDelayRamp, elu: result.clientElu },
      stored,
      profile: p ? { byPlace: p.byPlace, top: p.top, busyS: (p.totalMs - p.idleMs) / 1000 } : null,
    };
    writeFileSync(join(OUT_DIR, 'relay-last.json'), JSON.stringify({ ...report, rss: rss.samples }, null, 1));
    // per call × turn: [sent at (ms into the window), prompt → first token (ms)]
    writeFileSync(join(OUT_DIR, 'relay-latencies.json'), JSON.stringify(Array.from(result.latencies, (x, i) => [Math.round(result.sentAt[i]), Math.round(x * 1000) / 1000])));
    writeFileSync(HISTORY, JSON.stringify([...history(), historyEntry(report)], null, 1));
    return renderSection(report, history());
  } finally {
    await server?.stop();
    await client.end().catch(() => undefined);
    await dropDatabase(o.adminUrl, dbName);
  }
}

const args = process.argv.slice(2);
const options = parseOptions(args);
const saved = argValue(args, '--render');
runBench('relay', OUT_DIR, () => (saved ? Promise.resolve(renderSection(JSON.parse(readFileSync(saved, 'utf8')) as RelayReport, history())) : run(options)), options.writeReadme);

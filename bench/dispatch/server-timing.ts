/**
 * Preloaded into a server process by the dispatch bench (`node -r …/server-timing.js main.js`,
 * only when BENCH_TIMING_FILE is set): times every PostgreSQL statement by its head (from the
 * call to its result, so it includes the round trip and any lock wait) and every Twilio SDK
 * request, and measures how busy the event loop is. Cumulative totals are written to
 * BENCH_TIMING_FILE every 500 ms; the bench takes the difference over its window. With
 * BENCH_PROFILE_FILE set, a file `<it>.start` starts the V8 CPU profiler and `<it>.stop` writes
 * the profile there, so a profile covers the bench's window only. Nothing in the application changes.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import twilio from 'twilio';
import { statementHead } from './monitor';

export interface TimingEntry {
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface TimingSnapshot {
  at: number;
  statements: Record<string, TimingEntry>;
  twilio: TimingEntry;
  /** Event-loop utilization since start: active / (active + idle) ms. */
  elu: { active: number; idle: number };
  /** Pool clients waiting for a connection (sampled) — none means the pool of 10 is not the limit. */
  poolWaitSamples: number;
  poolSamples: number;
}

const file = process.env.BENCH_TIMING_FILE;
if (file) {
  const statements = new Map<string, TimingEntry>();
  const sdk: TimingEntry = { count: 0, totalMs: 0, maxMs: 0 };
  const add = (entry: TimingEntry, ms: number) => {
    entry.count += 1;
    entry.totalMs += ms;
    if (ms > entry.maxMs) entry.maxMs = ms;
  };
  const record = (sql: string, ms: number) => {
    const key = statementHead(sql);
    let entry = statements.get(key);
    if (!entry) statements.set(key, (entry = { count: 0, totalMs: 0, maxMs: 0 }));
    add(entry, ms);
  };

  type Query = (this: pg.Client, ...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '');
    const started = performance.now();
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => record(text, performance.now() - started),
        () => record(text, performance.now() - started),
      );
    }
    return result;
  };

  const rc = twilio.RequestClient.prototype as unknown as { request: (...args: unknown[]) => Promise<unknown> };
  const request = rc.request;
  rc.request = async function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    try {
      return await request.apply(this, args);
    } finally {
      add(sdk, performance.now() - started);
    }
  };

  // pg.Pool is created by TypeORM; its waiting count is read from every pool seen
  const pools = new Set<pg.Pool>();
  const connect = pg.Pool.prototype.connect as (...args: unknown[]) => unknown;
  (pg.Pool.prototype as unknown as { connect: (...args: unknown[]) => unknown }).connect = function (this: pg.Pool, ...args: unknown[]) {
    pools.add(this);
    return connect.apply(this, args);
  };
  let poolWaitSamples = 0;
  let poolSamples = 0;
  setInterval(() => {
    for (const pool of pools) {
      poolSamples += 1;
      if (pool.waitingCount > 0) poolWaitSamples += 1;
    }
  }, 20).unref();

  const write = () => {
    const elu = performance.eventLoopUtilization();
    const snapshot: TimingSnapshot = { at: Date.now(), statements: Object.fromEntries(statements), twilio: sdk, elu: { active: elu.active, idle: elu.idle }, poolWaitSamples, poolSamples };
    try {
      // renamed into place, so the bench never reads half a file
      writeFileSync(`${file}.tmp`, JSON.stringify(snapshot));
      renameSync(`${file}.tmp`, file);
    } catch {
      // the bench reads what it finds
    }
  };
  setInterval(write, 500).unref();
  process.on('exit', write);
}

const profileFile = process.env.BENCH_PROFILE_FILE;
if (profileFile) {
  // a file, not a signal: the server's shutdown hooks take SIGUSR2 and the inspector SIGUSR1
  const session = new Session();
  session.connect();
  let profiling = false;
  setInterval(() => {
    if (!profiling && existsSync(`${profileFile}.start`)) {
      profiling = true;
      rmSync(`${profileFile}.start`, { force: true });
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')));
    } else if (profiling && existsSync(`${profileFile}.stop`)) {
      profiling = false;
      rmSync(`${profileFile}.stop`, { force: true });
      session.post('Profiler.stop', (error, result) => {
        writeFileSync(`${profileFile}.tmp`, error ? JSON.stringify({ error: String(error) }) : JSON.stringify(result.profile));
        renameSync(`${profileFile}.tmp`, profileFile);
      });
    }
  }, 50).unref();
}

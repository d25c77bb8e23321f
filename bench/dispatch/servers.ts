/**
 * The compiled server (`dist/apps/contact-center/src/main.js`) as separate processes on loopback:
 * started with an explicit environment (nothing inherited from the bench's own in-process app),
 * ready once /api/health answers, stopped with SIGTERM (the dispatcher finishes its pass).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import type { TimingSnapshot } from './server-timing';
import { freePort } from '../../test/support/wait';

export const ACCOUNT_SID = 'AC' + 'b'.repeat(32);
export const AUTH_TOKEN = 'bench-dispatch-auth-token-0123456789';
export const FROM_NUMBER = '+15005550006';

export interface ServerOptions {
  name: string;
  root: string;
  /** The compiled code to run (a snapshot of dist/, so a build by someone else mid-run changes nothing). */
  distDir: string;
  outDir: string;
  databaseUrl: string;
  fakeUrl: string;
  /** DISPATCH_* and any other settings for this run. */
  env: Record<string, string>;
  /** Preload the statement and SDK timing (bench/dispatch/server-timing.ts). */
  timing: boolean;
  /** Profile the bench's window with the V8 CPU profiler (profileStart/profileStop). */
  profile: boolean;
}

export interface Server {
  name: string;
  port: number;
  pid: number;
  url: string;
  timingFile: string | null;
  timing(): TimingSnapshot | null;
  /** Starts the CPU profiler (when profiling). */
  profileStart(): void;
  /** Stops it and answers the profile's file, once written; null when not profiling. */
  profileStop(): Promise<string | null>;
  stop(): Promise<number | string | null>;
}

function health(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(`${url}/api/health`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

export async function startServer(o: ServerOptions): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = join(o.outDir, 'dispatch-data', o.name);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const timingFile = o.timing ? join(dataDir, 'timing.json') : null;
  const profileFile = o.profile ? join(o.outDir, 'prof', `dispatch-${o.name}.cpuprofile`) : null;
  if (profileFile) {
    mkdirSync(join(o.outDir, 'prof'), { recursive: true });
    rmSync(profileFile, { force: true });
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    DATABASE_URL: o.databaseUrl,
    MIGRATIONS_RUN: 'false',
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_BASE_URL: url,
    DEMO_DATA: 'false',
    ADMIN_PASSWORD: 'Kx7-bank-2026',
    JWT_SECRET: 'bench-secret-0123456789',
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'true',
    TELEPHONY_PROVIDER: 'twilio',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: FROM_NUMBER,
    TWILIO_API_BASE_URL: o.fakeUrl,
    ...(timingFile ? { BENCH_TIMING_FILE: timingFile } : {}),
    ...(profileFile ? { BENCH_PROFILE_FILE: profileFile } : {}),
    ...o.env,
  };
  const args: string[] = [];
  if (timingFile || profileFile) args.push('-r', join(o.distDir, 'bench', 'dispatch', 'server-timing.js'));
  args.push(join(o.distDir, 'apps', 'contact-center', 'src', 'main.js'));
  const logFile = join(o.outDir, `dispatch-${o.name}.log`);
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: o.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: number | string | null | undefined;
  const exit = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = code ?? signal;
      resolve(exited);
    }),
  );
  const started = Date.now();
  while (!(await health(url))) {
    if (exited !== undefined) throw new Error(`server ${o.name} exited with ${exited} before it was ready; see ${logFile}`);
    if (Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`server ${o.name} not ready after 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name: o.name,
    port,
    pid: child.pid as number,
    url,
    timingFile,
    timing() {
      if (!timingFile || !existsSync(timingFile)) return null;
      try {
        return JSON.parse(readFileSync(timingFile, 'utf8')) as TimingSnapshot;
      } catch {
        return null;
      }
    },
    profileStart() {
      if (profileFile) writeFileSync(`${profileFile}.start`, '');
    },
    async profileStop() {
      if (!profileFile) return null;
      writeFileSync(`${profileFile}.stop`, '');
      const started = Date.now();
      while (!existsSync(profileFile)) {
        if (Date.now() - started > 30_000) return null;
        await new Promise((r) => setTimeout(r, 100));
      }
      // written in one call, but give it a moment to be complete
      await new Promise((r) => setTimeout(r, 300));
      return profileFile;
    },
    async stop() {
      if (exited !== undefined) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}

/** The difference of two cumulative timing snapshots: what happened in between. */
export function timingDelta(before: TimingSnapshot | null, after: TimingSnapshot | null): TimingSnapshot | null {
  if (!after) return null;
  const zero = { count: 0, totalMs: 0, maxMs: 0 };
  const statements: TimingSnapshot['statements'] = {};
  for (const [key, a] of Object.entries(after.statements)) {
    const b = before?.statements[key] ?? zero;
    if (a.count - b.count > 0) statements[key] = { count: a.count - b.count, totalMs: a.totalMs - b.totalMs, maxMs: a.maxMs };
  }
  const tb = before?.twilio ?? zero;
  return {
    at: after.at,
    statements,
    twilio: { count: after.twilio.count - tb.count, totalMs: after.twilio.totalMs - tb.totalMs, maxMs: after.twilio.maxMs },
    elu: { active: after.elu.active - (before?.elu.active ?? 0), idle: after.elu.idle - (before?.elu.idle ?? 0) },
    poolWaitSamples: after.poolWaitSamples - (before?.poolWaitSamples ?? 0),
    poolSamples: after.poolSamples - (before?.poolSamples ?? 0),
  };
}

// The compiled server as a child process (a dispatcher, or the webhooks only), its output in
// test-artifacts/faults/<name>.log. Every child started here is remembered, so afterAll can end
// them all even when a test failed half way.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT_SID, ADMIN_PASSWORD, artifactsDir, AUTH_TOKEN, FROM_NUMBER, JWT_SECRET, serverMain, sleep } from './fault-env';

export interface ServerProcess {
  readonly name: string;
  readonly port: number;
  /** Its PUBLIC_BASE_URL (loopback). */
  readonly url: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  /** Resolves with the exit code or signal once it has exited. */
  readonly exited: Promise<string>;
  isRunning(): boolean;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM (a graceful stop: the pass under way finishes), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<string>;
  /** The log's last lines, for a failure message. */
  tail(lines?: number): string;
}

const started = new Set<ServerProcess>();

export interface ServerOptions {
  name: string;
  port: number;
  databaseUrl: string;
  /** Everything else (TELEPHONY_PROVIDER, TWILIO_*, DISPATCH_*, SCHEDULER_ENABLED…). */
  env: Record<string, string>;
  startTimeoutMs?: number;
}

/** Starts `node dist/apps/contact-center/src/main.js` and waits until /api/health answers. */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const main = serverMain();
  const dataDir = mkdtempSync(join(tmpdir(), `cc-fault-${options.name}-`));
  const logFile = join(artifactsDir(), `${options.name}.log`);
  const fd = openSync(logFile, 'w');
  const url = `http://127.0.0.1:${options.port}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(options.port),
    PUBLIC_BASE_URL: url,
    DEMO_DATA: 'false',
    MIGRATIONS_RUN: 'false',
    ADMIN_PASSWORD,
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    // the nightly jobs stay quiet during a test whatever the hour
    IMPORT_SCHEDULE: '0 0 1 1 *',
    SEGMENT_REFRESH_SCHEDULE: '0 0 1 1 *',
    CAMPAIGN_PLAN_SCHEDULE: '0 0 1 1 *',
    ...options.env,
  };
  // its own folder as the working directory: no .env of the checkout is read
  const child = spawn(process.execPath, [main], { cwd: dataDir, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let running = true;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      rmSync(dataDir, { recursive: true, force: true });
      resolve(signal ?? `exit ${code}`);
    });
  });
  const server: ServerProcess = {
    name: options.name,
    port: options.port,
    url,
    child,
    logFile,
    exited,
    isRunning: () => running,
    kill(signal) {
      if (running) child.kill(signal);
    },
    async stop(graceMs = 10_000) {
      if (!running) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), graceMs);
      const how = await exited;
      clearTimeout(timer);
      started.delete(server);
      return how;
    },
    tail(lines = 30) {
      try {
        return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '(no log)';
      }
    },
  };
  started.add(server);
  void exited.then(() => started.delete(server));

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (!running) throw new Error(`server ${options.name} exited (${await exited}) before it answered:\n${server.tail()}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new Error(`server ${options.name} did not answer /api/health on ${url}:\n${server.tail()}`);
    }
    await sleep(100);
  }
}

/** Kills every child this file started that is still running (afterAll, even after a failure). */
export async function killAllServers(): Promise<void> {
  const alive = [...started];
  for (const s of alive) s.kill('SIGKILL');
  await Promise.all(alive.map((s) => Promise.race([s.exited, sleep(5000)])));
  started.clear();
}

/** The dispatcher settings both fault tests use: the fake Twilio, no pacing, big batches. */
export function twilioEnv(fakeUrl: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    TELEPHONY_PROVIDER: 'twilio',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: FROM_NUMBER,
    TWILIO_API_BASE_URL: fakeUrl,
    DISPATCH_SMS_PER_SECOND: '0',
    DISPATCH_CALLS_PER_SECOND: '0',
    DISPATCH_BATCH_SIZE: '500',
    DISPATCH_SEND_CONCURRENCY: '64',
    DISPATCH_INTERVAL_MS: '200',
    ...over,
  };
}

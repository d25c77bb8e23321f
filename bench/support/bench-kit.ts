/** What every benchmark script needs: arguments, PostgreSQL databases, the results README. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

// compiled to dist/bench/support/: the repository is three folders up
export const BENCH_README = resolve(__dirname, '..', '..', '..', 'bench', 'README.md');

/** A whole-number option, `fallback` when absent. */
export function count(text: string | undefined, fallback: number, name: string, min = 1): number {
  const n = Number(text ?? fallback);
  if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${text}`);
  return n;
}

/** Every `--env KEY=VALUE` of the command line: settings for the servers a bench starts. */
export function envArgs(args: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  args.forEach((a, i) => {
    if (a !== '--env') return;
    const [key, ...value] = (args[i + 1] ?? '').split('=');
    if (!/^[A-Z_]+$/.test(key)) throw new RangeError(`--env takes KEY=VALUE, got ${args[i + 1]}`);
    env[key] = value.join('=');
  });
  return env;
}

export function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Without FORCE: autovacuum is often busy in a freshly loaded database and only a superuser may
 * stop it, while a plain DROP asks it to; the DROP is retried while the worker winds down.
 */
export async function dropDatabase(adminUrl: string, name: string, attempts = 30): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name}`));
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((done) => setTimeout(done, 1000));
    }
  }
}

/** Cores, CPU, memory and Node, for the head of a results section. */
export function machineLine(): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}`;
}

/** Replaces the results between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`. */
export function writeReadmeSection(name: string, section: string): void {
  const [start, end] = [`<!-- bench:${name}:start -->`, `<!-- bench:${name}:end -->`];
  const block = `${start}\n${section}\n${end}`;
  const text = existsSync(BENCH_README) ? readFileSync(BENCH_README, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next = from >= 0 && to > from ? text.slice(0, from) + block + text.slice(to + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(BENCH_README, next);
}

export function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Whether a kept database already holds both feeds of `rows` customers. */
export async function loaded(adminUrl: string, name: string, rows: number): Promise<boolean> {
  const exists = await withClient(adminUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
  if (!exists) return false;
  return withClient(databaseUrl(adminUrl, name), async (c) => {
    try {
      const { rows: [r] } = await c.query<{ n: string; feeds: string }>(
        "SELECT (SELECT count(*) FROM customers) AS n, (SELECT count(*) FROM import_runs WHERE status = 'succeeded') AS feeds",
      );
      return Number(r.n) === rows && Number(r.feeds) === 2;
    } catch {
      return false;
    }
  });
}

/** machineLine() and the PostgreSQL server settings that shape the plans. */
export async function pgMachineLine(client: pg.Client): Promise<string> {
  const { rows: [r] } = await client.query<{ v: string; sb: string; wm: string; jit: string; par: string }>(
    "SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm, current_setting('jit') AS jit, current_setting('max_parallel_workers_per_gather') AS par",
  );
  return `${machineLine()}, PostgreSQL ${r.v} (server defaults: shared_buffers ${r.sb}, work_mem ${r.wm}, jit ${r.jit}, max_parallel_workers_per_gather ${r.par})`;
}

/** Runs a benchmark's `run`, prints its table, keeps the section under bench/out and in bench/README.md (unless --no-readme). */
export function runBench(name: string, outDir: string, run: () => Promise<string>, writeReadme: boolean): void {
  const started = performance.now();
  run().then(
    (section) => {
      process.stdout.write(`\n${section.split('\n<details>')[0]}\n`);
      log(`bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
      writeFileSync(join(outDir, `${name}-last.md`), `${section}\n`);
      if (writeReadme) writeReadmeSection(name, section);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}

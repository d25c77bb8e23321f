/** What every benchmark script needs: arguments, PostgreSQL databases, the results README. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';

// compiled to dist/bench/support/: the repository is three folders up
export const BENCH_README = resolve(__dirname, '..', '..', '..', 'bench', 'README.md');

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

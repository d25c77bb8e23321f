/**
 * Feed import benchmark (`npm run bench:import -- [--rows 1000000] [--db postgres|sqlite|both]`).
 * Generates the feed files once, then per database and size imports into a fresh database in a
 * fresh child process (so each peak RSS is its own), re-imports the largest file (the nightly
 * "nothing changed" case) and, on PostgreSQL, COPYs the same file into a bare table as the yardstick.
 * Results are printed and written between the markers of bench/README.md.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CustomerImportUseCase, fileSource, generateFeedCsv, REQUIRED_COLUMNS } from '@app/customers';
import { AppModule } from '../apps/contact-center/src/app.module';
import { argValue, databaseUrl, dropDatabase, machineLine, withClient, writeReadmeSection } from './support/bench-kit';

type DbKind = 'postgres' | 'sqlite';

interface Options {
  rows: number;
  dbs: DbKind[];
  adminUrl: string;
  writeReadme: boolean;
  profile: boolean;
}

/** What a child process is asked to do: one import of one file into an existing database. */
interface ImportTask {
  db: DbKind;
  url?: string;
  dataDir: string;
  file: string;
}

interface ImportMeasure {
  wallMs: number;
  rowsRead: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejectedCount: number;
  /** Max of process.memoryUsage().rss sampled every 100 ms during the import. */
  peakRssMb: number;
  /** The kernel's high-water mark (VmHWM), reset just before the import. */
  hwmMb: number | null;
  rssBeforeMb: number;
}

interface Row {
  db: DbKind;
  rows: number;
  run: 'import' | 're-import' | 'COPY (bare table)';
  wallMs: number;
  rowsPerSec: number;
  peakRssMb?: number;
  hwmMb?: number | null;
  rssBeforeMb?: number;
  counts?: string;
  vsCopy?: number;
}

const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const AS_OF = '2026-03-31';
const SEED = 1;
const SMALL_ROWS = 100_000;
const SAMPLE_MS = 100;
const MB = 1024 * 1024;
/** COPY runs this many times and the fastest counts: the yardstick is not slowed by a passing checkpoint. */
const COPY_RUNS = 2;

// ---------------------------------------------------------------- options

function parseOptions(args: string[]): Options {
  const rows = Number(argValue(args, '--rows') ?? process.env.BENCH_ROWS ?? 1_000_000);
  if (!Number.isSafeInteger(rows) || rows < 1) throw new RangeError(`--rows must be a positive integer, got ${rows}`);
  const db = argValue(args, '--db') ?? process.env.BENCH_DB ?? 'both';
  if (!['postgres', 'sqlite', 'both'].includes(db)) throw new RangeError(`--db must be postgres, sqlite or both, got ${db}`);
  return {
    rows,
    dbs: db === 'both' ? ['postgres', 'sqlite'] : [db as DbKind],
    adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/postgres',
    writeReadme: !args.includes('--no-readme'),
    profile: args.includes('--profile'),
  };
}

/** 100k and the requested size (just the one when it is 100k or less). */
function sizesFor(rows: number): number[] {
  return rows > SMALL_ROWS ? [SMALL_ROWS, rows] : [rows];
}

// ---------------------------------------------------------------- feed files

/** Writes the feed once per size; a half-written file never takes the final name. */
async function ensureFeed(rows: number): Promise<string> {
  const file = join(OUT_DIR, `feed-${rows}.csv`);
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  let chunk = '';
  for (const line of generateFeedCsv({ count: rows, asOf: AS_OF, seed: SEED })) {
    chunk += line;
    if (chunk.length >= 1024 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  renameSync(partial, file);
  return file;
}

// ---------------------------------------------------------------- child: one measured import

function readHwmMb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Linux only: "5" resets the peak-RSS counter, so VmHWM covers the import and not the boot. */
function resetHwm(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: the sampled peak still stands
  }
}

async function runImportChild(task: ImportTask): Promise<ImportMeasure> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  try {
    const useCase = app.get(CustomerImportUseCase);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    resetHwm();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), SAMPLE_MS);
    const started = performance.now();
    const result = await useCase.execute({ source: fileSource(task.file), fileName: basename(task.file), origin: 'cli', asOf: AS_OF });
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const { rowsRead, imported, updated, unchanged, rejectedCount } = result;
    return { wallMs, rowsRead, imported, updated, unchanged, rejectedCount, peakRssMb: peak / MB, hwmMb: readHwmMb(), rssBeforeMb: rssBefore / MB };
  } finally {
    await app.close();
  }
}

function childEnv(task: ImportTask): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: task.dataDir,
    DEMO_DATA: 'false',
    SCHEDULER_ENABLED: 'false',
    ADMIN_PASSWORD: 'Kx7-bank-2026',
    JWT_SECRET: 'bench-secret-0123456789',
    LOG_LEVEL: 'warn',
  };
  if (task.url) env.DATABASE_URL = task.url;
  else delete env.DATABASE_URL;
  return env;
}

/** Runs one import in a new process and waits for its measurement. */
async function measureImport(task: ImportTask, options: Options, label: string): Promise<ImportMeasure> {
  const execArgv = [...process.execArgv];
  if (options.profile) execArgv.push('--cpu-prof', `--cpu-prof-dir=${join(OUT_DIR, 'prof')}`, `--cpu-prof-name=${label}.cpuprofile`);
  const child = fork(__filename, ['--child', JSON.stringify(task)], { env: childEnv(task), execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let measure: ImportMeasure | undefined;
  child.on('message', (message) => (measure = message as ImportMeasure));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0 || !measure) throw new Error(`${label}: the child process failed (exit ${code})`);
  return measure;
}

// ---------------------------------------------------------------- PostgreSQL helpers

async function createDatabase(adminUrl: string, rows: number): Promise<string> {
  const name = `bench_import_${process.pid}_${rows}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  return name;
}

/** The yardstick: the same file, straight into a new logged table of 20 text columns. */
async function copyOnce(client: pg.Client, file: string): Promise<{ wallMs: number; rows: number }> {
  await client.query(`CREATE TABLE bare (${REQUIRED_COLUMNS.map((c) => `${c} text`).join(', ')})`);
  const started = performance.now();
  const copy = client.query(copyFrom('COPY bare FROM STDIN WITH (FORMAT csv, HEADER true)'));
  await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), copy);
  const wallMs = performance.now() - started;
  await client.query('DROP TABLE bare');
  return { wallMs, rows: copy.rowCount };
}

async function measureCopy(url: string, file: string): Promise<{ wallMs: number; rows: number }> {
  return withClient(url, async (client) => {
    let best = await copyOnce(client, file);
    for (let run = 1; run < COPY_RUNS; run++) {
      const next = await copyOnce(client, file);
      if (next.wallMs < best.wallMs) best = next;
    }
    return best;
  });
}

async function serverVersion(adminUrl: string): Promise<string> {
  return withClient(adminUrl, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v);
}

// ---------------------------------------------------------------- runs

function importRow(db: DbKind, rows: number, run: Row['run'], m: ImportMeasure): Row {
  return {
    db,
    rows,
    run,
    wallMs: m.wallMs,
    rowsPerSec: m.rowsRead / (m.wallMs / 1000),
    peakRssMb: m.peakRssMb,
    hwmMb: m.hwmMb,
    rssBeforeMb: m.rssBeforeMb,
    counts: `${m.imported} / ${m.updated} / ${m.unchanged} / ${m.rejectedCount}`,
  };
}

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Import (and re-import for the largest size) of one file into a fresh database. */
async function benchSize(db: DbKind, rows: number, file: string, largest: boolean, options: Options): Promise<Row[]> {
  const out: Row[] = [];
  const dataDir = mkdtempSync(join(OUT_DIR, `${db}-${rows}-`));
  const dbName = db === 'postgres' ? await createDatabase(options.adminUrl, rows) : undefined;
  const task: ImportTask = { db, dataDir, file, url: dbName ? databaseUrl(options.adminUrl, dbName) : undefined };
  try {
    let copy: Row | undefined;
    if (task.url) {
      // COPY first, before the import's WAL brings on checkpoints
      const c = await measureCopy(task.url, file);
      copy = { db, rows, run: 'COPY (bare table)', wallMs: c.wallMs, rowsPerSec: c.rows / (c.wallMs / 1000) };
      log(`${db} ${rows}: COPY ${fmtSec(c.wallMs)} s, ${fmtInt(copy.rowsPerSec)} rows/s`);
    }
    const first = importRow(db, rows, 'import', await measureImport(task, options, `${db}-${rows}-import`));
    log(`${db} ${rows}: import ${fmtSec(first.wallMs)} s, ${fmtInt(first.rowsPerSec)} rows/s, peak RSS ${fmtInt(first.peakRssMb!)} MB`);
    out.push(first);
    if (largest) {
      const again = importRow(db, rows, 're-import', await measureImport(task, options, `${db}-${rows}-reimport`));
      log(`${db} ${rows}: re-import ${fmtSec(again.wallMs)} s, ${fmtInt(again.rowsPerSec)} rows/s`);
      out.push(again);
    }
    if (copy) {
      for (const row of out) row.vsCopy = row.rowsPerSec / copy.rowsPerSec;
      out.push(copy);
    }
    return out;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName) await dropDatabase(options.adminUrl, dbName);
  }
}

// ---------------------------------------------------------------- report

function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function fmtSec(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function table(rows: Row[]): string {
  const head = '| database | rows | run | wall s | rows/s | vs COPY | RSS before MB | peak RSS MB (sampled) | VmHWM MB | imported / updated / unchanged / rejected |';
  const rule = '|---|--:|---|--:|--:|--:|--:|--:|--:|---|';
  const lines = rows.map((r) =>
    [
      r.db === 'postgres' ? 'PostgreSQL' : 'SQLite',
      fmtInt(r.rows),
      r.run,
      fmtSec(r.wallMs),
      fmtInt(r.rowsPerSec),
      r.vsCopy === undefined ? '' : `${(r.vsCopy * 100).toFixed(0)} %`,
      r.rssBeforeMb === undefined ? '' : fmtInt(r.rssBeforeMb),
      r.peakRssMb === undefined ? '' : fmtInt(r.peakRssMb),
      r.hwmMb === undefined || r.hwmMb === null ? '' : fmtInt(r.hwmMb),
      r.counts ?? '',
    ].join(' | '),
  );
  return [head, rule, ...lines.map((l) => `| ${l} |`)].join('\n');
}

function verdict(rows: Row[]): string[] {
  return rows
    .filter((r) => r.vsCopy !== undefined)
    .map((r) => `- PostgreSQL ${fmtInt(r.rows)} rows, ${r.run}: ${(r.vsCopy! * 100).toFixed(0)} % of COPY's rate — ${r.vsCopy! >= 1 / 3 ? 'meets' : 'MISSES'} the ≥ 33 % target.`);
}

async function machine(options: Options): Promise<string> {
  const pgVersion = options.dbs.includes('postgres') ? `, PostgreSQL ${await serverVersion(options.adminUrl)}` : '';
  return machineLine() + pgVersion;
}

// ---------------------------------------------------------------- main

async function main(args: string[]): Promise<void> {
  const options = parseOptions(args);
  mkdirSync(OUT_DIR, { recursive: true });
  const sizes = sizesFor(options.rows);
  const files = new Map<number, string>();
  for (const rows of sizes) {
    const started = performance.now();
    files.set(rows, await ensureFeed(rows));
    log(`feed ${rows} rows: ${files.get(rows)} (${fmtSec(performance.now() - started)} s)`);
  }
  const results: Row[] = [];
  const benchStarted = performance.now();
  for (const db of options.dbs) {
    for (const rows of sizes) results.push(...(await benchSize(db, rows, files.get(rows)!, rows === sizes[sizes.length - 1], options)));
  }
  const section = [
    `Last run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${await machine(options)}; \`--rows ${options.rows} --db ${args.includes('--db') ? argValue(args, '--db') : 'both'}\`, ${fmtSec(performance.now() - benchStarted)} s of imports and COPYs.`,
    '',
    table(results),
    '',
    ...verdict(results),
  ].join('\n');
  process.stdout.write(`\n${section}\n`);
  if (options.writeReadme) writeReadmeSection('import', section);
}

async function child(args: string[]): Promise<void> {
  const task = JSON.parse(args[args.indexOf('--child') + 1]) as ImportTask;
  const measure = await runImportChild(task);
  await new Promise<void>((done, fail) => process.send!(measure, (error: Error | null) => (error ? fail(error) : done())));
}

const argv = process.argv.slice(2);
(argv.includes('--child') ? child(argv) : main(argv)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

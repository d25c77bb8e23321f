/**
 * Segment benchmark (`npm run bench:segments -- [--rows 1000000] [--reuse] [--no-readme]`).
 * Loads customers on PostgreSQL through the real import (a feed of 30 days ago, then today's),
 * then with the clock frozen: refreshes the six lifecycle templates and one custom rule (first
 * load, steady state, the next day) beside the same predicates written by hand as one statement
 * each, times the preview of every rule, and explains the statements the services sent.
 * Results are printed and written between the markers of bench/README.md.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { SegmentRule } from '@app/contracts';
import { type Principal, query } from '@app/core';
import { DemoDataLoader } from '@app/customers';
import { addDays, LIFECYCLE_TEMPLATES, PREVIEW_SAMPLE_SIZE, SegmentPreviewService, SegmentQuery, SegmentRefreshService, SegmentsService } from '@app/segments';
import { boot, type Booted } from './support/bench-app';
import { argValue, databaseUrl, dropDatabase, loaded, log, median, pgMachineLine, runBench, timed, withClient } from './support/bench-kit';
import { CUSTOM_BRANCHES, type Day, HAND_WRITTEN, handCountSql, handRefreshSql } from './segments/hand-written';
import { type DataFacts, type Pair, type PlanBlock, type PreviewRow, type RefreshRow, renderSection, type Timed } from './segments/report';
import { explainAll, type Explained, type Statement, StatementCapture } from './segments/statements';

interface Options {
  rows: number;
  adminUrl: string;
  reuse: boolean;
  writeReadme: boolean;
  previewRuns: number;
  steadyRuns: number;
}

interface BenchSegment {
  key: string;
  name: string;
  rule: SegmentRule;
  /** The service's segment and the hand-written twin's segment row in the same tables. */
  id?: string;
  handId?: string;
}

const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'bench', 'out');
/** 10:00 in Shanghai on the bank's day T = 2026-11-23. */
const NOW = '2026-11-23T02:00:00Z';
const DAY_MS = 86_400_000;
const BENCH_USER: Principal = { userId: randomUUID(), username: 'bench', role: 'admin', branchCode: null };

const CUSTOM_RULE: SegmentRule = {
  and: [
    { field: 'tier', op: '>=', value: 2 },
    { field: 'hasLoan', op: '=', value: false },
    { field: 'avgDailyBalance', op: '>=', value: 200000 },
    { field: 'branchCode', op: 'in', value: CUSTOM_BRANCHES },
    { or: [{ not: { field: 'mobileBankingActive', op: '=', value: true } }, { field: 'daysSinceLastTxn', op: '>=', value: 60 }] },
  ],
};

/**
 * Preview only: rules whose first 20 customers by id an id-ordered scan finds late or never. The
 * first two match nobody though the planner, taking their columns as independent, expects
 * thousands; the third matches only the newest (highest) ids; the fourth a few dozen spread thinly.
 */
const PREVIEW_ONLY: BenchSegment[] = [
  { key: 'zero: new at tier 3+', name: 'opened within 14 days at tier 3 or above', rule: { and: [{ field: 'openedAt', op: 'within_last_days', value: 14 }, { field: 'tier', op: '>=', value: 3 }] } },
  { key: 'zero: tier 5 below 10k', name: 'tier 5 below 10,000 yuan', rule: { and: [{ field: 'tier', op: '=', value: 5 }, { field: 'avgDailyBalance', op: '<', value: 10000 }] } },
  { key: 'newest: opened in 3 days', name: 'opened within the last 3 days', rule: { field: 'openedAt', op: 'within_last_days', value: 3 } },
  { key: 'sparse: tier 5 below 2.77M', name: 'tier 5 below 2,770,000 yuan', rule: { and: [{ field: 'tier', op: '=', value: 5 }, { field: 'avgDailyBalance', op: '<', value: 2770000 }] } },
];

// ---------------------------------------------------------------- options

function positive(text: string | undefined, fallback: number, name: string): number {
  const n = Number(text ?? fallback);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got ${text}`);
  return n;
}

function parseOptions(args: string[]): Options {
  return {
    rows: positive(argValue(args, '--rows') ?? process.env.BENCH_ROWS, 1_000_000, '--rows'),
    adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/postgres',
    reuse: args.includes('--reuse'),
    writeReadme: !args.includes('--no-readme'),
    previewRuns: positive(argValue(args, '--preview-runs'), 20, '--preview-runs'),
    steadyRuns: positive(argValue(args, '--steady-runs'), 3, '--steady-runs'),
  };
}

// ---------------------------------------------------------------- database

// ---------------------------------------------------------------- app

// ---------------------------------------------------------------- measuring

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

class Bench {
  private readonly refresher: SegmentRefreshService;
  private readonly previews: SegmentPreviewService;
  readonly capture: StatementCapture;

  constructor(
    private readonly app: Booted,
    private readonly client: pg.Client,
  ) {
    this.refresher = app.get(SegmentRefreshService);
    this.previews = app.get(SegmentPreviewService);
    this.capture = new StatementCapture(app.get(DataSource));
  }

  async today(): Promise<Day> {
    const asOf = this.app.get(SegmentQuery).today();
    const { rows: [r] } = await this.client.query<{ d: string | null }>('SELECT max(feed_date)::text AS d FROM customer_daily WHERE feed_date <= $1', [addDays(asOf, -30)]);
    return { asOf, history30: r.d };
  }

  async create(segments: BenchSegment[]): Promise<void> {
    const service = this.app.get(SegmentsService);
    for (const s of segments) {
      s.id = (await service.create({ name: s.name, rule: s.rule, nightly: true }, BENCH_USER)).id;
      s.handId = randomUUID();
      await this.client.query(
        "INSERT INTO segments (id, name, kind, version, rule, nightly, members, created_by, created_at, updated_at) VALUES ($1, $2, 'custom', 1, $3, false, 0, 'bench', now(), now())",
        [s.handId, `${s.name} (hand-written)`, JSON.stringify(s.rule)],
      );
    }
  }

  async compiledRefresh(s: BenchSegment): Promise<Timed> {
    const { ms, value } = await timed(() => this.refresher.refresh(s.id!, { trigger: 'manual', createdBy: 'bench' }));
    return { ms, diff: { members: value.members, entered: value.entered, exited: value.exited } };
  }

  async handRefresh(s: BenchSegment, day: Day): Promise<Timed> {
    const text = handRefreshSql(HAND_WRITTEN[s.key](day), s.handId!, randomUUID(), this.app.clock.now());
    const { ms, value } = await timed(() => this.client.query<{ members: string; entered: string; exited: string }>(text));
    const r = value.rows[0];
    return { ms, diff: { members: Number(r.members), entered: Number(r.entered), exited: Number(r.exited) } };
  }

  /** Both refreshes of one segment; which goes first alternates, so neither always finds the cache warmed by the other. */
  async pair(s: BenchSegment, i: number, day: Day): Promise<Pair> {
    if (i % 2 === 0) {
      const compiled = await this.compiledRefresh(s);
      return { compiled, hand: await this.handRefresh(s, day) };
    }
    const hand = await this.handRefresh(s, day);
    return { compiled: await this.compiledRefresh(s), hand };
  }

  /** The two membership sets must be the same customers, or the comparison means nothing. */
  async assertSameMembers(s: BenchSegment): Promise<void> {
    const { rows: [r] } = await this.client.query<{ n: string }>(
      `SELECT count(*) AS n FROM (
         (SELECT customer_id FROM segment_memberships WHERE segment_id = $1 AND exited_at IS NULL
          EXCEPT SELECT customer_id FROM segment_memberships WHERE segment_id = $2 AND exited_at IS NULL)
         UNION ALL
         (SELECT customer_id FROM segment_memberships WHERE segment_id = $2 AND exited_at IS NULL
          EXCEPT SELECT customer_id FROM segment_memberships WHERE segment_id = $1 AND exited_at IS NULL)
       ) d`,
      [s.id, s.handId],
    );
    if (Number(r.n) !== 0) throw new Error(`${s.key}: compiled and hand-written members differ by ${r.n} customers`);
  }

  async handCount(s: BenchSegment, day: Day, runs: number): Promise<number> {
    const text = handCountSql(HAND_WRITTEN[s.key](day));
    await this.client.query(text);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await timed(() => this.client.query(text))).ms);
    return median(times);
  }

  async preview(rule: SegmentRule, runs: number): Promise<{ times: number[]; count: number; sample: number }> {
    const warm = await this.previews.preview(rule);
    await this.assertFirstIds(rule, warm.sample.map((r) => r.id));
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await timed(() => this.previews.preview(rule))).ms);
    return { times, count: warm.count, sample: warm.sample.length };
  }

  /** The sample must be the first 20 matches by id, as the plain id-ordered query finds them (however slowly). */
  private async assertFirstIds(rule: SegmentRule, ids: number[]): Promise<void> {
    const dataSource = this.app.get(DataSource);
    const sql = await this.app.get(SegmentQuery).compile(rule);
    const rows = await query<{ id: number }>(dataSource, `SELECT c.id FROM ${sql.from} WHERE ${sql.where} ORDER BY c.id LIMIT ${PREVIEW_SAMPLE_SIZE}`, sql.params);
    const expected = rows.map((r) => Number(r.id));
    if (JSON.stringify(expected) !== JSON.stringify(ids)) throw new Error(`preview sample ${JSON.stringify(ids)} is not the first matches by id ${JSON.stringify(expected)}`);
  }

  /** The statements one call sends, as the driver got them (text and parameters). */
  async statementsOf(fn: () => Promise<unknown>, pick: (sql: string) => boolean): Promise<Statement[]> {
    this.capture.start();
    try {
      await fn();
    } finally {
      this.capture.stop();
    }
    return this.capture.taken().filter((s) => pick(s.sql));
  }

  refreshStatement(s: BenchSegment): Promise<Statement[]> {
    return this.statementsOf(() => this.compiledRefresh(s), (sql) => sql.includes('WITH matching AS'));
  }

  previewStatements(rule: SegmentRule): Promise<Statement[]> {
    return this.statementsOf(() => this.previews.preview(rule), (sql) => sql.startsWith('SELECT count(*)') || sql.includes('LIMIT'));
  }
}

// ---------------------------------------------------------------- the run

async function run(options: Options): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const dbName = `bench_segments_${options.rows}`;
  const url = databaseUrl(options.adminUrl, dbName);
  const reused = options.reuse && (await loaded(options.adminUrl, dbName, options.rows));
  if (!reused) {
    await dropDatabase(options.adminUrl, dbName);
    await withClient(options.adminUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
  }
  const app = await boot(url, join(OUT_DIR, 'segments-data'), NOW);
  const client = new pg.Client({ connectionString: url, application_name: 'segments-bench' });
  await client.connect();
  try {
    let loadMs: number | null = null;
    if (reused) {
      log(`reusing ${dbName}`);
      await client.query('TRUNCATE segment_memberships, segment_refreshes, segment_versions, segment_job_runs, segments, audit_entries');
    } else {
      log(`loading ${options.rows} customers into ${dbName} (two feeds through the import)…`);
      loadMs = (await timed(() => app.get(DemoDataLoader).load(options.rows))).ms;
      log(`loaded in ${(loadMs / 1000).toFixed(1)} s`);
    }
    // the nightly import's updates leave dead rows that autovacuum would clear within the minute
    const vacuum = await timed(() => client.query('VACUUM (ANALYZE) customers, customer_daily, segment_memberships'));
    log(`VACUUM (ANALYZE) ${(vacuum.ms / 1000).toFixed(1)} s`);
    const data = await dataFacts(client);

    const bench = new Bench(app, client);
    const segments: BenchSegment[] = [
      ...LIFECYCLE_TEMPLATES.map((t) => ({ key: t.key, name: t.nameEn, rule: t.rule })),
      { key: 'custom', name: 'Custom: tier 2+, no loan, 200k+, four branches, app unused or idle 60 days', rule: CUSTOM_RULE },
    ];
    await bench.create(segments);
    const rows: RefreshRow[] = segments.map((s) => ({ key: s.key, name: s.name }) as RefreshRow);
    const t0 = await bench.today();

    log('first refresh (every member enters)…');
    for (const [i, s] of segments.entries()) {
      const p = await bench.pair(s, i, t0);
      await bench.assertSameMembers(s);
      Object.assign(rows[i], { first: p, members: p.compiled.diff.members });
      log(`  ${s.key}: ${p.compiled.diff.members} members, compiled ${p.compiled.ms.toFixed(0)} ms, hand-written ${p.hand.ms.toFixed(0)} ms`);
    }
    await client.query('VACUUM (ANALYZE) segment_memberships');

    log(`steady state (nothing changed), median of ${options.steadyRuns}…`);
    const steady: Pair[][] = segments.map(() => []);
    for (let run = 0; run < options.steadyRuns; run++) {
      for (const [i, s] of segments.entries()) steady[i].push(await bench.pair(s, i + run, t0));
    }
    for (const [i] of segments.entries()) rows[i].steady = medianPair(steady[i]);

    log('counting by hand…');
    for (const [i, s] of segments.entries()) rows[i].handCountMs = await bench.handCount(s, t0, options.steadyRuns);

    app.clock.advance(DAY_MS);
    const t1 = await bench.today();
    log(`next day (${t1.asOf})…`);
    const nextDayStatements: Statement[][] = [];
    for (const [i, s] of segments.entries()) {
      const p = await bench.pair(s, i, t1);
      await bench.assertSameMembers(s);
      rows[i].nextDay = p;
      // the same segment again the same day: nothing changes; these are the statements explained below
      nextDayStatements.push(await bench.refreshStatement(s));
    }
    const steadyPlans = await explainAll(client, nextDayStatements.flat(), { rollback: true });
    app.clock.advance(-DAY_MS);

    log(`preview, median of ${options.previewRuns} after a warm-up…`);
    const previewRows: PreviewRow[] = [];
    const previewPlans: PlanBlock[] = [];
    for (const s of [...segments, ...PREVIEW_ONLY]) {
      const p = await bench.preview(s.rule, options.previewRuns);
      previewRows.push({ key: s.key, name: s.name, count: p.count, sample: p.sample, median: median(p.times), p95: percentile(p.times, 95), max: Math.max(...p.times) });
      log(`  ${s.key}: ${p.count} customers, median ${median(p.times).toFixed(0)} ms, max ${Math.max(...p.times).toFixed(0)} ms`);
      for (const plan of await explainAll(client, await bench.previewStatements(s.rule), { rollback: false })) previewPlans.push({ key: s.key, title: previewTitle(plan.sql), ...plan });
    }

    log('explaining the first refresh on copies of the segments (rolled back)…');
    const firstPlans = await explainFirstLoads(bench, app, client, segments);

    const plans: PlanBlock[] = [
      ...segments.flatMap((s, i) => [
        { key: s.key, title: 'first refresh (every member enters; rolled back)', ...firstPlans[i] },
        { key: s.key, title: 'steady-state refresh (nothing changes; rolled back)', ...steadyPlans[i] },
      ]),
      ...previewPlans,
    ];
    return renderSection({
      when: new Date().toISOString().slice(0, 16).replace('T', ' '),
      machine: await pgMachineLine(client),
      options: { rows: options.rows, reused, previewRuns: options.previewRuns, steadyRuns: options.steadyRuns },
      loadMs,
      vacuumMs: vacuum.ms,
      data,
      t0: t0.asOf,
      t1: t1.asOf,
      refresh: rows,
      preview: previewRows,
      plans,
    });
  } finally {
    await client.end();
    await app.close();
    if (!options.reuse) await dropDatabase(options.adminUrl, dbName);
  }
}

/** The preview's statements: the count, the first look at the lowest ids, and the whole rule when that look did not settle the sample. */
function previewTitle(sql: string): string {
  if (sql.startsWith('SELECT count(*)')) return 'preview count';
  return sql.includes('+ 0 LIMIT') ? 'preview sample, whole rule (the first look did not find 20)' : 'preview sample, first look at the lowest ids';
}

function medianPair(pairs: Pair[]): Pair {
  const pick = (side: 'compiled' | 'hand') => {
    const ms = median(pairs.map((p) => p[side].ms));
    return { ms, diff: pairs[0][side].diff };
  };
  return { compiled: pick('compiled'), hand: pick('hand') };
}

/**
 * EXPLAIN ANALYZE of the first refresh, every member entering: the captured statement of a
 * refresh, replayed for a new segment (its id swapped in) inside a transaction that is rolled back.
 */
async function explainFirstLoads(bench: Bench, app: Booted, client: pg.Client, segments: BenchSegment[]): Promise<Explained[]> {
  const statements: Statement[] = [];
  for (const s of segments) {
    const [statement] = await bench.refreshStatement(s);
    const copy = await app.get(SegmentsService).create({ name: `${s.name} (explain)`, rule: s.rule, nightly: false }, BENCH_USER);
    statements.push({ sql: statement.sql, params: statement.params.map((p) => (p === s.id ? copy.id : p)) });
  }
  return explainAll(client, statements, { rollback: true });
}

async function dataFacts(client: pg.Client): Promise<DataFacts> {
  const n = await client.query<{ n: string; c: string; d: string }>(
    "SELECT (SELECT count(*) FROM customers) AS n, pg_relation_size('customers') AS c, pg_relation_size('customer_daily') AS d",
  );
  const daily = await client.query<{ feed_date: string; n: string }>('SELECT feed_date::text, count(*) AS n FROM customer_daily GROUP BY 1 ORDER BY 1');
  const idx = await client.query<{ name: string; size: string }>(
    "SELECT indexrelid::regclass::text AS name, pg_relation_size(indexrelid) AS size FROM pg_index WHERE indrelid = 'customers'::regclass ORDER BY 1",
  );
  const mb = (v: string) => Number(v) / 1024 / 1024;
  return {
    customers: Number(n.rows[0].n),
    dailyRows: daily.rows.map((r) => ({ feedDate: r.feed_date, rows: Number(r.n) })),
    customersMb: mb(n.rows[0].c),
    dailyMb: mb(n.rows[0].d),
    indexes: idx.rows.map((r) => ({ name: r.name, mb: mb(r.size) })),
  };
}

const options = parseOptions(process.argv.slice(2));
runBench('segments', OUT_DIR, () => run(options), options.writeReadme);

/**
 * Campaign planning benchmark (`npm run bench:campaigns -- [--rows 300000] [--members 100000]
 * [--runs 3] [--row-every 1] [--reuse] [--no-readme]`). Loads customers on PostgreSQL through the
 * real import, builds a 100,000-member segment with a do-not-contact list, a third time zone and
 * the attempts of two earlier campaigns, then with the clock frozen at Monday 2026-11-23 10:00
 * Shanghai: starts a marketing agent-call campaign over the segment (CampaignLifecycle.act start,
 * which plans it in SQL) on fresh campaigns, plans one again, plans the same campaign one member
 * at a time through the pure policy, compares the two member by member, and explains the
 * planner's statements. Results are printed and written between the markers of bench/README.md.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { PlanResult } from '@app/contracts';
import { type Principal } from '@app/core';
import { CampaignLifecycle, CampaignsService, ContactPolicyService } from '@app/campaigns';
import { DemoDataLoader } from '@app/customers';
import { argValue, databaseUrl, dropDatabase, loaded, log, median, pgMachineLine, runBench, timed, withClient } from './support/bench-kit';
import { boot, type Booted } from './support/bench-app';
import { prepare, reset } from './campaigns/data';
import { compare, outcomes } from './campaigns/parity';
import { explain, type Explained, materializedDueBy, type WhatIf } from './campaigns/plans';
import { renderSection, type Run } from './campaigns/report';
import { planRowAtATime } from './campaigns/row-at-a-time';
import { type Statement, StatementCapture } from './segments/statements';

interface Options {
  rows: number;
  members: number;
  runs: number;
  rowEvery: number;
  adminUrl: string;
  reuse: boolean;
  writeReadme: boolean;
}

const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'bench', 'out');
/** Monday 2026-11-23, 10:00 in Shanghai: a workday, inside calling hours (08:00 in Urumqi). */
const NOW = '2026-11-23T02:00:00Z';
const DAY_MS = 86_400_000;
const TARGET_MS = 10_000;
const BENCH_USER: Principal = { userId: randomUUID(), username: 'bench', role: 'admin', branchCode: null };
/** The campaign under test: marketing agent calls, 5 % control group, a month long. */
const CHANNEL = 'agent_call' as const;
const HOLDOUT_PCT = 5;
const SHARES = { noConsentPct: 3, dncPct: 2, historyPct: 30 };

function positive(text: string | undefined, fallback: number, name: string): number {
  const n = Number(text ?? fallback);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got ${text}`);
  return n;
}

function parseOptions(args: string[]): Options {
  const o = {
    rows: positive(argValue(args, '--rows') ?? process.env.BENCH_ROWS, 300_000, '--rows'),
    members: positive(argValue(args, '--members'), 100_000, '--members'),
    runs: positive(argValue(args, '--runs'), 3, '--runs'),
    rowEvery: positive(argValue(args, '--row-every'), 1, '--row-every'),
    adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/postgres',
    reuse: args.includes('--reuse'),
    writeReadme: !args.includes('--no-readme'),
  };
  if (o.members * 2 > o.rows) throw new RangeError(`--members ${o.members} needs at least twice as many customers (--rows ${o.rows})`);
  return o;
}

const pick = (statements: Statement[], test: (sql: string) => boolean) => statements.filter((s) => test(s.sql));
const isGate = (sql: string) => sql.includes('WITH cand AS MATERIALIZED');
const isWithdraw = (sql: string) => sql.startsWith("UPDATE contact_attempts SET state = 'cancelled', reason =");
const isZones = (sql: string) => sql.startsWith('SELECT DISTINCT time_zone FROM customers');
const isCounts = (sql: string) => sql.startsWith('SELECT campaign_id, state, count(*)');

// ---------------------------------------------------------------- the run

async function run(options: Options): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const dbName = `bench_campaigns_${options.rows}`;
  const url = databaseUrl(options.adminUrl, dbName);
  const loadAtStart = loadavg();
  const reused = options.reuse && (await loaded(options.adminUrl, dbName, options.rows));
  if (!reused) {
    await dropDatabase(options.adminUrl, dbName);
    await withClient(options.adminUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
  }
  const app: Booted = await boot(url, join(OUT_DIR, 'campaigns-data'), NOW);
  const client = new pg.Client({ connectionString: url, application_name: 'campaigns-bench' });
  await client.connect();
  try {
    let loadMs: number | null = null;
    if (reused) {
      log(`reusing ${dbName}`);
      await reset(client);
    } else {
      log(`loading ${options.rows} customers into ${dbName} (two feeds through the import)…`);
      loadMs = (await timed(() => app.get(DemoDataLoader).load(options.rows))).ms;
      log(`loaded in ${(loadMs / 1000).toFixed(1)} s`);
    }
    await client.query('VACUUM (ANALYZE) customers, customer_daily');

    log('preparing the segment, the do-not-contact list and the earlier campaigns…');
    const prepared = await prepare(app, client, BENCH_USER, { members: options.members, ...SHARES });
    const f = prepared.facts;
    log(`  ${f.members} members; ${f.membersNoCallConsent} without call consent; ${f.dncMembers} on the do-not-contact list; ${f.membersCapped} with a counted call in the cap window; ${f.attemptRows} attempts in all (${(f.prepareMs / 1000).toFixed(1)} s)`);
    if (f.members !== options.members) throw new Error(`the segment has ${f.members} members, not ${options.members}`);

    const campaigns = app.get(CampaignsService);
    const lifecycle = app.get(CampaignLifecycle);
    const capture = new StatementCapture(app.get(DataSource));
    const now = app.clock.now();
    const taken = async <T>(fn: () => Promise<T>) => {
      capture.start();
      try {
        return { ...(await timed(fn)), statements: [...capture.taken()] };
      } finally {
        capture.stop();
      }
    };

    const runs: Run[] = [];
    let whatIf: WhatIf | null = null;
    let lastId = '';
    const explained: Explained[] = [];
    for (let i = 1; i <= options.runs; i++) {
      const created = await campaigns.create(
        {
          name: `经营贷客户经理回访 #${i}`,
          segmentId: prepared.segmentId,
          purpose: 'marketing',
          entryMode: 'snapshot',
          holdoutPct: HOLDOUT_PCT,
          startsAt: now,
          endsAt: new Date(now.getTime() + 30 * DAY_MS),
          steps: [{ channel: CHANNEL, scriptId: prepared.agentScriptId, delayMinutes: 0, runIf: 'always' }],
        },
        BENCH_USER,
      );
      const load = loadavg()[0];
      const start = await taken(() => lifecycle.act(created.id, 'start', BENCH_USER));
      const plan = start.value.lastPlan as PlanResult;
      if (start.value.status !== 'running' || plan.planned + plan.skipped + plan.holdout !== f.members) {
        throw new Error(`run ${i}: ${start.value.status}, planned ${JSON.stringify(plan)} for ${f.members} members`);
      }
      const again = await taken(() => lifecycle.replan(created.id));
      if (again.value.planned + again.value.skipped + again.value.holdout !== 0) throw new Error(`run ${i}: planning again added ${JSON.stringify(again.value)}`);
      runs.push({ run: i, load, actMs: start.ms, plan, replanMs: again.ms, replan: again.value });
      log(`  run ${i}: act(start) ${start.ms.toFixed(0)} ms (plan ${plan.ms} ms): ${plan.planned} planned, ${plan.skipped} skipped, ${plan.holdout} holdout; again ${again.ms.toFixed(0)} ms (+${again.value.planned})`);

      const last = i === options.runs;
      if (last) {
        await client.query('CREATE TABLE bench_sql_decisions AS SELECT customer_id, state, due_at, reason, trace FROM contact_attempts WHERE campaign_id = $1 AND step_no = 1', [created.id]);
        log('  explaining the statements of planning again (rolled back)…');
        for (const s of pick(again.statements, (sql) => isWithdraw(sql) || isGate(sql))) explained.push(await explain(client, `planning again: ${title(s.sql)}`, s));
        for (const s of pick(start.statements, isCounts)) explained.push(await explain(client, 'after planning: the campaign view counts its attempts', s));
      }
      // the next run, and the row-at-a-time planner, find the attempts as they were before this run
      await client.query('DELETE FROM contact_attempts WHERE campaign_id = $1', [created.id]);
      if (!last) await lifecycle.act(created.id, 'cancel', BENCH_USER);
      await client.query('VACUUM (ANALYZE) contact_attempts');
      if (last) {
        log('  explaining the statements of the first planning (rolled back)…');
        for (const s of pick(start.statements, (sql) => isZones(sql) || isWithdraw(sql) || isGate(sql))) explained.unshift(await explain(client, `first planning: ${title(s.sql)}`, s));
        log('  replaying the gate statement with due_by materialized (rolled back)…');
        const [gate] = pick(start.statements, (sql) => isGate(sql) && sql.includes('FROM segment_memberships m'));
        whatIf = await materializedDueBy(client, gate);
        if (whatIf) log(`    as it is ${whatIf.asIsMs.map((x) => x.toFixed(0)).join(' / ')} ms, materialized ${whatIf.changedMs.map((x) => x.toFixed(0)).join(' / ')} ms, same result: ${whatIf.sameResult}`);
        await client.query('VACUUM (ANALYZE) contact_attempts');
        lastId = created.id;
      }
    }
    explained.sort((a, b) => order(a.title) - order(b.title));

    log(`row at a time${options.rowEvery > 1 ? ` (every ${options.rowEvery}th member)` : ''}…`);
    const campaign = await campaigns.find(lastId);
    const policy = app.get(ContactPolicyService);
    const settings = await policy.effective(campaign.policy);
    const rows = await planRowAtATime(
      app.get(DataSource),
      { campaign, channel: CHANNEL, settings, calendar: await policy.calendar(), now },
      options.rowEvery,
      (done, of) => log(`  ${done} / ${of}`),
    );
    log(`  ${rows.done} members in ${(rows.ms / 1000).toFixed(1)} s (${(rows.ms / rows.done).toFixed(2)} ms each)`);

    log('comparing the two planners member by member…');
    const parity = await compare(client, lastId, options.rowEvery > 1);
    log(`  ${parity.compared} compared: ${parity.decisionMismatches} decisions differ, ${parity.factMismatches} facts differ, ${parity.sqlOnly} SQL only, ${parity.rowOnly} row-at-a-time only`);
    const decided = await outcomes(client, new Date(Math.max(now.getTime(), campaign.startsAt.getTime())));

    for (const e of explained) writeFileSync(join(OUT_DIR, `campaigns-plan-${slug(e.title)}.txt`), `${e.sql}\n-- parameters: ${JSON.stringify(e.params)}\n\n${e.text}\n`);
    if (whatIf) writeFileSync(join(OUT_DIR, 'campaigns-plan-what-if-due-by-materialized.txt'), `${whatIf.change}\n\n${whatIf.text}\n`);

    return renderSection({
      when: new Date().toISOString().slice(0, 16).replace('T', ' '),
      loadAtStart,
      machine: await pgMachineLine(client),
      options: { rows: options.rows, members: options.members, runs: options.runs, rowEvery: options.rowEvery, reused },
      now: NOW,
      loadMs,
      data: f,
      shares: { ...SHARES, holdoutPct: HOLDOUT_PCT },
      runs,
      medianActMs: median(runs.map((r) => r.actMs)),
      medianPlanMs: median(runs.map((r) => r.plan.ms)),
      targetMs: TARGET_MS,
      rows,
      parity,
      outcomes: decided,
      plans: explained,
      whatIf,
    });
  } finally {
    await client.end();
    await app.close();
    if (!options.reuse) await dropDatabase(options.adminUrl, dbName);
  }
}

function title(sql: string): string {
  if (isGate(sql)) return sql.includes('FROM segment_memberships m') ? 'the gate statement, members (the main statement)' : 'the gate statement, retries';
  if (isZones(sql)) return 'the time zones';
  if (isWithdraw(sql)) return sql.includes("reason = 'consent'") ? 'withdraw: consent' : 'withdraw: do-not-contact';
  return sql.slice(0, 40);
}

function order(t: string): number {
  return ['first planning: the gate statement, members', 'first planning: the gate', 'first planning: the time', 'first planning: withdraw', 'planning again: withdraw', 'planning again: the gate', 'after planning'].findIndex((p) => t.startsWith(p));
}

function slug(t: string): string {
  return t.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const options = parseOptions(process.argv.slice(2));
runBench('campaigns', OUT_DIR, () => run(options), options.writeReadme);

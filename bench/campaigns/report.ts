import type { PlanResult } from '@app/contracts';
import type { DataFacts } from './data';
import type { Outcome, Parity, Side } from './parity';
import { type Explained, shortSql, type WhatIf } from './plans';
import type { RowResult } from './row-at-a-time';

export interface Run {
  run: number;
  /** The 1-minute load average just before the run (the machine is shared). */
  load: number;
  actMs: number;
  plan: PlanResult;
  replanMs: number;
  replan: PlanResult;
}

export interface Report {
  when: string;
  loadAtStart: number[];
  machine: string;
  options: { rows: number; members: number; runs: number; rowEvery: number; reused: boolean };
  now: string;
  loadMs: number | null;
  data: DataFacts;
  shares: { noConsentPct: number; dncPct: number; historyPct: number; holdoutPct: number };
  runs: Run[];
  medianActMs: number;
  medianPlanMs: number;
  targetMs: number;
  rows: RowResult;
  parity: Parity;
  outcomes: Outcome[];
  plans: Explained[];
  whatIf: WhatIf | null;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n >= 100 ? int(n) : n.toFixed(1));
const sec = (n: number): string => (n / 1000).toFixed(2);
const pct = (n: number, of: number): string => `${((100 * n) / of).toFixed(1)} %`;

const HEAD = `## Campaign planning (\`npm run bench:campaigns\`)

The issue asks: plan a campaign over a 100,000-member segment on PostgreSQL with the full policy
gate (caps included) in 10 s at most, in SQL; report it beside the time to plan the same set one
row at a time.

### Run it

\`\`\`bash
npm run bench:campaigns                        # 300,000 customers in a new database: about 6½ minutes
npm run bench:campaigns -- --reuse             # keep the database and, next time, skip the ~1-minute load
npm run bench:campaigns -- --rows 1000000 --members 100000
npm run bench:campaigns -- --row-every 10      # row at a time for every 10th member only (time extrapolated)
npm run bench:campaigns -- --runs 5 --no-readme
BENCH_DATABASE_URL=postgres://app:app@db:5432/postgres npm run bench:campaigns
\`\`\`

The script builds the server when its sources are newer and runs \`dist/bench/campaigns.bench.js\`.
The role of \`BENCH_DATABASE_URL\` needs \`CREATEDB\`. The database is \`bench_campaigns_<rows>\`:
without \`--reuse\` it is created afresh and dropped at the end; with \`--reuse\` it is kept and, when
it already holds both feeds, only the customers stay (every campaign, segment, script and list
table is emptied and built again). The section is also written to \`bench/out/campaigns-last.md\`,
and every plan to \`bench/out/campaigns-plan-*.txt\`.

### What is measured

- **Customers**: the real \`AppModule\` with only the clock swapped (frozen at Monday 2026-11-23
  10:00 Shanghai, 02:00 UTC: a workday, inside calling hours in Shanghai, 08:00 in Urumqi), then
  \`DemoDataLoader.load(rows)\`: the feed generator through the real import (as of T−30, then T),
  as the segments bench loads them. The generator's 乌鲁木齐 customers (新疆) get Asia/Urumqi from
  the import; the bench moves 1 % of the Shanghai customers to Asia/Hong_Kong with one UPDATE, so
  three zones are planned. Everything else is written by the bench as described here
  (\`bench/campaigns/data.ts\`): segments, scripts and campaigns through their services;
  memberships, list entries and past attempts set-based in SQL.
- **The segment**: created by \`SegmentsService.create\` (not nightly), its memberships inserted
  directly into \`segment_memberships\` with one refresh id (and a \`segment_refreshes\` row):
  exactly the requested number of customers, drawn by a hash of the id, 3 % of them without call
  consent (the generator's 25 % would make consent, not the caps, the main filter).
- **Do-not-contact list**: 2 % of all customers, one entry each, by rank mod 20: 13 in 20 close
  agent calls with no end (by customer, \`call\`/\`all\`/\`agent_call\`, or by phone number only), 2
  until a date within the campaign, 1 until after its end, 4 do not close them (SMS only, AI calls
  only, expired, removed). \`until\` falls at any minute of the day.
- **The bank's calendar**: two entries through \`ContactPolicyService.putEntry\`: Friday 2026-11-27
  a bank holiday (system upgrade), Saturday 2026-11-28 a make-up workday, so calls that the cap or
  a list entry pushes to that Friday move to the Saturday.
- **Earlier campaigns** (for the frequency cap, default 1 marketing call per 7 days): a running
  marketing **AI call** campaign started 2026-11-09 on 30 % of the members and 5 % of the other
  customers, its attempts written as two weeks of dialling would leave them: 35 % answered on a
  workday of the last two weeks, 10 % no answer with a retry still planned, 5 % busy then
  answered, 30 % planned (from last Friday's backlog to next Monday), 5 % on the line now, 5 %
  cancelled, 10 % answered more than a week ago; those without call consent skipped. Planned calls
  to listed customers are withdrawn, as an opt-out does. And a finished **SMS** campaign over half
  the customers who consent to SMS (delivered 2026-11-09–11): the call cap must not count it.
- **The SQL planner (a)**: a marketing campaign, one \`agent_call\` step with an agent script,
  snapshot entry, 5 % holdout, from T for 30 days, default policy; created by
  \`CampaignsService.create\`, then \`CampaignLifecycle.act(id, 'start')\`, which plans it
  (\`CampaignPlanner.plan\`: one transaction, the withdrawals, one gate statement for the members).
  *act ms* is that whole call (status, audit, planning, the campaign view); *plan ms* is
  \`PlanResult.ms\`, the planner's own time. Each run is a new campaign (new holdout seed); after
  each, its attempts are deleted and \`contact_attempts\` vacuumed, so every run and the
  row-at-a-time planner start from the same table.
- **Planning again (b)**: \`CampaignLifecycle.replan(id)\` right after each start: must add nothing.
- **Row at a time (c)**: the last run's campaign planned again from nothing by
  \`bench/campaigns/row-at-a-time.ts\`, as a naive service would: for each member (in id order),
  \`SELECT\` the customer, its do-not-contact entries (by customer or phone), its counted marketing
  calls since T−7 days, then the pure \`evaluatePolicy\` (with the holdout from \`holdoutBucket\`),
  then one \`INSERT\` of the attempt with its facts; four statements per member in autocommit,
  through the application's TypeORM \`DataSource\`. Settings and calendar are read once.
- **Parity (d)**: before its attempts are deleted, the SQL run's decisions are copied to a table;
  each member's state, due time and reason are then compared with the row-at-a-time planner's, and
  so are the facts both store (zone, holdout, do-not-contact, consent, when the cap frees).
- **Plans (e)**: the statements the planner sent (taken from TypeORM's logger hook with their
  parameters, as the segments bench does), each run under \`EXPLAIN (ANALYZE, BUFFERS)\` inside a
  transaction that is rolled back, in the state the run found: the first planning's statements
  after the run's attempts were deleted, planning again's before.`;

function dataSection(r: Report): string {
  const d = r.data;
  const zones = (z: Array<{ zone: string; n: number }>, of: number) => z.map((x) => `${x.zone} ${int(x.n)} (${pct(x.n, of)})`).join(', ');
  const load = r.loadMs === null ? 'reused from an earlier run (`--reuse`)' : `loaded in ${(r.loadMs / 1000).toFixed(0)} s through the import`;
  const history = d.attempts.map((a) => `| ${a.campaign} | ${a.state} | ${a.outcome ?? ''} | ${int(a.n)} |`);
  return [
    `${int(d.customers)} customers, ${load}; the rest of the data written in ${sec(d.prepareMs)} s. Zones of all customers: ${zones(d.customerZones, d.customers)}.`,
    '',
    `- **Segment**: ${int(d.members)} members; zones ${zones(d.memberZones, d.members)}; ${int(d.membersNoCallConsent)} (${pct(d.membersNoCallConsent, d.members)}) without call consent.`,
    `- **Do-not-contact**: ${int(d.dncEntries)} entries (${int(d.dncByPhone)} by phone only, ${int(d.dncWithUntil)} with an end, ${int(d.dncRemoved)} removed) touching ${int(d.dncMembers)} members (${pct(d.dncMembers, d.members)}); at T, ${int(d.dncBlockingForever)} members have an entry closing agent calls with no end and ${int(d.dncBlockingUntil)} one closing them until a later date.`,
    `- **Frequency cap**: ${int(d.membersWithHistory)} members (${pct(d.membersWithHistory, d.members)}) have attempts of the running AI call campaign; ${int(d.membersCapped)} (${pct(d.membersCapped, d.members)}) have a counted marketing call due after T−7 days (done and reached, on the line, or planned), so the cap holds them.`,
    `- **contact_attempts before planning**: ${int(d.attemptRows)} rows.`,
    '',
    '<details><summary>Attempts of the earlier campaigns</summary>',
    '',
    '| campaign | state | outcome | rows |',
    '|---|---|---|--:|',
    ...history,
    '',
    '</details>',
  ].join('\n');
}

function runTable(r: Report): string {
  const lines = r.runs.map(
    (x) => `| ${x.run} | ${x.load.toFixed(2)} | ${ms(x.actMs)} | ${ms(x.plan.ms)} | ${int(x.plan.planned)} | ${int(x.plan.skipped)} | ${int(x.plan.holdout)} | ${int(x.plan.withdrawn)} | ${ms(x.replanMs)} | ${int(x.replan.planned + x.replan.skipped + x.replan.holdout)} |`,
  );
  const med = (f: (x: Run) => number) => {
    const s = r.runs.map(f).sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  return [
    '| run | load avg before | (a) act(start) ms | (a) plan ms | planned | skipped | holdout | withdrawn | (b) plan again ms | (b) added |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...lines,
    `| **median** | | **${ms(r.medianActMs)}** | **${ms(r.medianPlanMs)}** | | | | | **${ms(med((x) => x.replanMs))}** | |`,
  ].join('\n');
}

function rowTable(r: Report): string {
  const x = r.rows;
  const sampled = x.done < x.members;
  const perRow = x.ms / x.done;
  const total = sampled ? perRow * x.members : x.ms;
  const speedup = total / r.medianPlanMs;
  return [
    '| | members | wall ms | per member ms | reads ms | policy ms | inserts ms | planned / skipped / holdout |',
    '|---|--:|--:|--:|--:|--:|--:|---|',
    `| (c) row at a time${sampled ? ` (every ${r.options.rowEvery}th member)` : ''} | ${int(x.done)} | ${int(x.ms)} | ${perRow.toFixed(3)} | ${int(x.readMs)} | ${int(x.policyMs)} | ${int(x.insertMs)} | ${int(x.counts.planned)} / ${int(x.counts.skipped)} / ${int(x.counts.holdout)} |`,
    ...(sampled ? [`| (c) extrapolated to all members | ${int(x.members)} | ${int(total)} | | | | | |`] : []),
    `| (a) SQL planner, median plan ms | ${int(r.data.members)} | ${int(r.medianPlanMs)} | ${(r.medianPlanMs / r.data.members).toFixed(4)} | | | | |`,
    '',
    `**Speed-up**: the SQL planner plans the ${int(r.data.members)} members ${speedup.toFixed(1)}× faster than row at a time (${sec(total)} s${sampled ? ', extrapolated' : ''} ÷ ${sec(r.medianPlanMs)} s median plan).`,
  ].join('\n');
}

function verdict(r: Report): string[] {
  const worst = Math.max(...r.runs.map((x) => x.actMs));
  const met = r.medianActMs <= r.targetMs && worst <= r.targetMs;
  const w = r.whatIf;
  const why = met || !w ? '' : ` The gate statement spends about half of it re-running one correlated subquery for every member (below); replayed with \`due_by\` materialized it took ${w.changedMs.map(sec).join(' / ')} s instead of ${w.asIsMs.map(sec).join(' / ')} s as it is.`;
  return [
    `- **Target ≤ ${sec(r.targetMs)} s**: ${met ? 'met' : '**MISSED**'} — act(start) median ${sec(r.medianActMs)} s, slowest ${sec(worst)} s; the planner's own time (PlanResult.ms) median ${sec(r.medianPlanMs)} s.${why}`,
    `- **Planning again** added ${r.runs.every((x) => x.replan.planned + x.replan.skipped + x.replan.holdout === 0) ? 'nothing in every run' : '**attempts**'} (median ${ms(median(r.runs.map((x) => x.replanMs)))} ms).`,
  ];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function sideText(s: Side): string {
  if (!s.state) return '—';
  const f = s.facts;
  const facts = f ? `; facts: dnc ${typeof f.dnc === 'string' ? f.dnc : `until ${f.dnc.until}`}, capFreeAt ${f.capFreeAt ?? '–'}, consent ${f.consent}, holdout ${f.holdout}` : '';
  return `${s.state}, due ${s.dueAt ?? '–'}, reason ${s.reason ?? '–'}${facts}`;
}

function paritySection(r: Report): string {
  const p = r.parity;
  const sampled = r.rows.done < r.rows.members;
  const ok = p.decisionMismatches === 0 && p.factMismatches === 0 && p.sqlOnly === 0 && p.rowOnly === 0;
  const lines = [
    `${int(p.compared)} members compared${sampled ? ' (the row-at-a-time sample)' : ' (every member)'}: ` +
      (ok
        ? '**every decision is the same** — state, due time and reason — and so are the stored facts (zone, holdout, do-not-contact, consent, cap).'
        : `**${int(p.decisionMismatches)} decisions differ**, ${int(p.factMismatches)} more differ in their stored facts only; ${int(p.sqlOnly)} decided by the SQL planner only, ${int(p.rowOnly)} by the row-at-a-time planner only.`),
  ];
  if (p.byFields.length) {
    lines.push('', '| differing fields | members |', '|---|--:|', ...p.byFields.map((b) => `| ${b.fields} | ${int(b.n)} |`));
    lines.push('', 'Examples:', '');
    for (const e of p.examples) lines.push(`- customer ${e.customerId} (${e.timeZone}, call consent ${e.consentCall}) — ${e.fields.join(', ')}:`, `  - SQL: ${sideText(e.sql)}`, `  - row at a time: ${sideText(e.row)}`);
  }
  lines.push('', 'What the SQL planner decided (last run):', '', '| state | reason | when due | members |', '|---|---|---|--:|');
  for (const o of r.outcomes) lines.push(`| ${o.state} | ${o.reason ?? ''} | ${o.when ?? ''} | ${int(o.n)} |`);
  return lines.join('\n');
}

function planSummary(r: Report): string {
  const lines = ['| statement (last run, under EXPLAIN ANALYZE) | execution ms | planning ms |', '|---|--:|--:|'];
  for (const p of r.plans) lines.push(`| ${p.title} | ${ms(p.executionMs)} | ${ms(p.planningMs)} |`);
  const gate = r.plans.find((p) => p.title.startsWith('first planning: the gate statement, members'));
  if (gate) {
    lines.push('', `**The gate statement's key nodes** (first planning, ${ms(gate.executionMs)} ms; nodes with at least 3 % of the time, inclusive of their children, all loops):`, '');
    lines.push('| node | ms | rows | loops | buffers |', '|---|--:|--:|--:|---|');
    for (const n of gate.nodes) lines.push(`| ${'&nbsp;&nbsp;'.repeat(n.depth)}${n.label} | ${ms(n.ms)} | ${int(n.rows)} | ${int(n.loops)} | ${n.buffers} |`);
    if (gate.triggers.length) {
      lines.push('', `Triggers (run for every inserted row, after the plan's nodes): ${gate.triggers.map((t) => `\`${t.name}\` ${ms(t.ms)} ms (${int(t.calls)} calls)`).join(', ')}.`);
    }
  }
  return lines.join('\n');
}

/** Where the gate statement's time goes, from its JSON plan, and the replay with due_by materialized. */
function whereTheTimeGoes(r: Report): string[] {
  const gate = r.plans.find((p) => p.title.startsWith('first planning: the gate statement, members'));
  if (!gate) return [];
  const out: string[] = [`The gate statement took ${ms(gate.executionMs)} ms under EXPLAIN ANALYZE (instrumentation adds to it). Of that:`];
  if (gate.subPlans.length) {
    const sum = gate.subPlans.reduce((a, x) => a + x.ms, 0);
    out.push(
      `- **${ms(sum)} ms (${pct(sum, gate.executionMs)}) in ${gate.subPlans.length} correlated subplan${gate.subPlans.length > 1 ? 's' : ''}** (${gate.subPlans.map((x) => `${x.name}: ${int(x.loops)} loops, ${ms(x.ms)} ms`).join('; ')}). ` +
        (gate.subPlans.length > 1
          ? "They are the same subquery: `due_by`'s `(SELECT min(GREATEST(w.ws, z.earliest)) FROM w WHERE …)`, the first allowed window for a (zone, earliest moment). `due_by` is referenced once, so PostgreSQL inlines it into the INSERT's SELECT; the INSERT refers to `db.due` four times (state, due_at twice, reason), and each reference evaluates the subquery again for every member row that reaches it, after the join, instead of once per distinct (zone, earliest), which is what the `SELECT DISTINCT` in `due_by` was meant to give."
          : ''),
    );
  }
  const g = gate.ctes.find((c) => c.name === 'g');
  if (g) out.push(`- ${ms(g.ms)} ms in CTE \`g\`: the candidates joined with their customer, do-not-contact entries (by customer and by phone) and the cap (the ${int(r.data.membersCapped)} capped members' latest counted call).`);
  if (gate.writeOwnMs !== null) out.push(`- ${ms(gate.writeOwnMs)} ms writing the ${int(r.data.members)} attempts (heap, the primary key, the unique key and three partial or plain indexes, the trace text) in the INSERT node itself.`);
  if (gate.triggers.length) out.push(`- ${ms(gate.triggers.reduce((a, t) => a + t.ms, 0))} ms in the foreign-key triggers, one check per row each: ${gate.triggers.map((t) => `\`${t.name.replace(' (foreign key)', '')}\` ${ms(t.ms)} ms`).join(', ')}.`);
  const again = r.plans.filter((p) => p.title.startsWith('planning again'));
  if (again.length) {
    const dnc = again.find((p) => p.title.endsWith('withdraw: do-not-contact'));
    const loops = dnc?.subPlans[0]?.loops;
    out.push(
      '',
      `**Planning again** (b) adds nothing yet took ${ms(median(r.runs.map((x) => x.replanMs)))} ms (median); under EXPLAIN its statements took ${again.map((p) => `${p.title.replace('planning again: ', '')} ${ms(p.executionMs)} ms`).join(', ')}.` +
        (dnc && loops ? ` The do-not-contact withdrawal tests every planned attempt of the campaign on its own: a correlated \`EXISTS\` run ${int(loops)} times (the customer by primary key, then a BitmapOr over \`ix_do_not_contact_customer\` and \`ix_do_not_contact_phone\`), right after planning when the table's statistics still expect one planned row. The campaign job re-plans every running campaign on each tick (every 5 minutes by default).` : ''),
    );
  }
  const w = r.whatIf;
  if (w) {
    out.push(
      '',
      `**The same statement with one change** (${w.change}; replayed by the bench in rolled-back transactions, in turns with the statement as it is; nothing in libs changed): ${w.changedMs.map(ms).join(' / ')} ms, against ${w.asIsMs.map(ms).join(' / ')} ms as it is; ` +
        (w.sameResult ? `the same attempts by state every time (${w.asIsResult}).` : `**different results**: ${w.asIsResult} vs ${w.changedResult}.`),
    );
  }
  return out;
}

function planDetails(r: Report): string {
  const whatIf = r.whatIf ? [`<details><summary>what if: the gate statement with ${r.whatIf.change.replace(/\`/g, '')} (bench replay, not the code)</summary>\n\n\`\`\`\n${r.whatIf.text}\n\`\`\`\n\n</details>`] : [];
  return [...r.plans
    .map((p) => {
      const params = p.params.length ? `\n-- parameters: ${p.params.map((v, i) => `$${i + 1} = ${JSON.stringify(v instanceof Date ? v.toISOString() : v)}`).join(', ')}` : '';
      return `<details><summary>${p.title}: ${shortSql(p.sql).replace(/[<>]/g, '')}</summary>\n\n\`\`\`sql\n${p.sql.replace(/\n\s+/g, '\n  ').trim()}${params.length > 4000 ? `${params.slice(0, 4000)} …` : params}\n\`\`\`\n\n\`\`\`\n${p.text}\n\`\`\`\n\n</details>`;
    }), ...whatIf]
    .join('\n\n');
}

export function renderSection(r: Report): string {
  const o = r.options;
  const flags = [`--rows ${o.rows}`, `--members ${o.members}`, `--runs ${o.runs}`, o.rowEvery > 1 ? `--row-every ${o.rowEvery}` : '', o.reused ? '--reuse' : ''].filter(Boolean).join(' ');
  return [
    HEAD,
    '',
    '### Results',
    '',
    `Last run ${r.when} UTC on ${r.machine}; \`${flags}\`; clock frozen at ${r.now} (Monday 10:00 Shanghai). Load average when the bench started: ${r.loadAtStart.map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min; the machine is shared with other work, so single runs vary).`,
    '',
    dataSection(r),
    '',
    '#### (a) SQL planner and (b) planning again',
    '',
    runTable(r),
    '',
    '#### (c) Row at a time',
    '',
    rowTable(r),
    '',
    '#### Verdict',
    '',
    ...verdict(r),
    '',
    '#### Where the planning time goes',
    '',
    ...whereTheTimeGoes(r),
    '',
    '#### (d) Parity: the SQL gate against the pure policy',
    '',
    paritySection(r),
    '',
    '#### (e) Plans',
    '',
    planSummary(r),
    '',
    planDetails(r),
  ].join('\n');
}

import type pg from 'pg';
import type { Statement } from '../segments/statements';

/** One node of an EXPLAIN (ANALYZE, FORMAT JSON) plan, as much as the summary needs. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'CTE Name'?: string;
  'Index Name'?: string;
  'Subplan Name'?: string;
  'Parent Relationship'?: string;
  'Join Type'?: string;
  Strategy?: string;
  'Actual Total Time': number;
  'Actual Rows': number;
  'Actual Loops': number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Temp Read Blocks'?: number;
  'Temp Written Blocks'?: number;
  Plans?: PlanNode[];
}

interface JsonPlan {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
  Triggers?: Array<{ 'Trigger Name': string; 'Constraint Name'?: string; Relation: string; Time: number; Calls: number }>;
}

export interface KeyNode {
  depth: number;
  label: string;
  /** Inclusive time of all loops, ms. */
  ms: number;
  rows: number;
  loops: number;
  buffers: string;
}

export interface Explained extends Statement {
  title: string;
  text: string;
  planningMs: number;
  executionMs: number;
  triggers: Array<{ name: string; ms: number; calls: number }>;
  nodes: KeyNode[];
  /** Correlated subqueries (SubPlan n): inclusive time and loops. */
  subPlans: Array<{ name: string; ms: number; loops: number }>;
  /** CTEs (as PostgreSQL ran them): inclusive time. */
  ctes: Array<{ name: string; ms: number; rows: number }>;
  /** The INSERT/UPDATE node's own time (its children's left out): writing rows and index entries. */
  writeOwnMs: number | null;
}

function label(n: PlanNode): string {
  const kind = [n.Strategy && n.Strategy !== 'Plain' ? n.Strategy : '', n['Node Type'], n['Join Type'] && n['Node Type'].includes('Join') ? `(${n['Join Type']})` : ''].filter(Boolean).join(' ');
  const on = n['Index Name'] ? ` using ${n['Index Name']}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}` : n['Relation Name'] ? ` on ${n['Relation Name']}` : n['CTE Name'] ? ` on ${n['CTE Name']}` : '';
  const sub = n['Subplan Name'] ? `[${n['Subplan Name']}] ` : '';
  return `${sub}${kind}${on}`;
}

/** Nodes whose inclusive time is at least `share` of the execution, in plan order, with their depth. */
function keyNodes(root: PlanNode, executionMs: number, share: number): KeyNode[] {
  const out: KeyNode[] = [];
  const walk = (n: PlanNode, depth: number) => {
    const ms = n['Actual Total Time'] * n['Actual Loops'];
    if (ms >= executionMs * share || depth === 0) {
      const buffers = [
        n['Shared Hit Blocks'] ? `hit ${n['Shared Hit Blocks']}` : '',
        n['Shared Read Blocks'] ? `read ${n['Shared Read Blocks']}` : '',
        n['Temp Written Blocks'] ? `temp written ${n['Temp Written Blocks']}` : '',
      ].filter(Boolean).join(', ');
      out.push({ depth, label: label(n), ms, rows: n['Actual Rows'] * n['Actual Loops'], loops: n['Actual Loops'], buffers });
    }
    for (const child of n.Plans ?? []) walk(child, depth + 1);
  };
  walk(root, 0);
  return out;
}

function collect(root: PlanNode): Pick<Explained, 'subPlans' | 'ctes' | 'writeOwnMs'> {
  const out: Pick<Explained, 'subPlans' | 'ctes' | 'writeOwnMs'> = { subPlans: [], ctes: [], writeOwnMs: null };
  const total = (n: PlanNode) => n['Actual Total Time'] * n['Actual Loops'];
  const walk = (n: PlanNode) => {
    const name = n['Subplan Name'] ?? '';
    if (name.startsWith('SubPlan')) out.subPlans.push({ name, ms: total(n), loops: n['Actual Loops'] });
    if (name.startsWith('CTE ')) out.ctes.push({ name: name.slice(4), ms: total(n), rows: n['Actual Rows'] * n['Actual Loops'] });
    if (n['Node Type'] === 'ModifyTable') {
      const inputs = (n.Plans ?? []).filter((c) => !c['Subplan Name']);
      out.writeOwnMs = total(n) - inputs.reduce((a, c) => a + total(c), 0);
    }
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(root);
  return out;
}

async function inTransaction<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    return await fn();
  } finally {
    await client.query('ROLLBACK');
  }
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of one statement, twice (text for reading, JSON for the summary),
 * each inside a transaction that is rolled back: the statement runs for real both times.
 */
export async function explain(client: pg.Client, title: string, s: Statement, share = 0.03): Promise<Explained> {
  const text = await inTransaction(client, async () =>
    (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params)).rows.map((r) => r['QUERY PLAN']).join('\n'),
  );
  const json = await inTransaction(client, async () => {
    const { rows } = await client.query<{ 'QUERY PLAN': JsonPlan[] | string }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.sql}`, s.params);
    const value = rows[0]['QUERY PLAN'];
    return (typeof value === 'string' ? JSON.parse(value) : value)[0] as JsonPlan;
  });
  return {
    ...s,
    title,
    text,
    planningMs: json['Planning Time'],
    executionMs: json['Execution Time'],
    triggers: (json.Triggers ?? []).map((t) => ({ name: t['Constraint Name'] ? `${t['Constraint Name']} (foreign key)` : t['Trigger Name'], ms: t.Time, calls: t.Calls })),
    nodes: keyNodes(json.Plan, json['Execution Time'], share),
    ...collect(json.Plan),
  };
}

/** Runs a statement for real inside a transaction that is rolled back: wall time and its rows. */
export async function replay(client: pg.Client, s: Statement): Promise<{ ms: number; rows: unknown[] }> {
  return inTransaction(client, async () => {
    const started = performance.now();
    const { rows } = await client.query(s.sql, s.params);
    return { ms: performance.now() - started, rows };
  });
}

export interface WhatIf {
  change: string;
  /** Each replay's wall time, as it is and changed, taken in turns. */
  asIsMs: number[];
  changedMs: number[];
  sameResult: boolean;
  asIsResult: string;
  changedResult: string;
  text: string;
}

/**
 * The gate statement replayed as it is and with one change the bench suggests (nothing in libs is
 * changed): `due_by` materialized, so its correlated subquery runs once per distinct (zone,
 * earliest) instead of once per reference per member. Replayed in turns, `times` each, rolled
 * back; the changed one explained.
 */
export async function materializedDueBy(client: pg.Client, gate: Statement, times = 2): Promise<WhatIf | null> {
  const changed = { sql: gate.sql.replace('due_by AS (', 'due_by AS MATERIALIZED ('), params: gate.params };
  if (changed.sql === gate.sql) return null;
  const result = (rows: unknown[]) =>
    JSON.stringify([...(rows as Array<{ state: string; n: string }>)].sort((a, b) => a.state.localeCompare(b.state)).map((r) => `${r.state} ${r.n}`)).replace(/[[\]"]/g, '').replace(/,/g, ', ');
  const asIs: Array<{ ms: number; rows: unknown[] }> = [];
  const after: Array<{ ms: number; rows: unknown[] }> = [];
  for (let i = 0; i < times; i++) {
    asIs.push(await replay(client, gate));
    after.push(await replay(client, changed));
  }
  const text = await inTransaction(client, async () =>
    (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${changed.sql}`, changed.params)).rows.map((r) => r['QUERY PLAN']).join('\n'),
  );
  const results = new Set([...asIs, ...after].map((x) => result(x.rows)));
  return {
    change: '`due_by AS (` → `due_by AS MATERIALIZED (`',
    asIsMs: asIs.map((x) => x.ms),
    changedMs: after.map((x) => x.ms),
    sameResult: results.size === 1,
    asIsResult: result(asIs[0].rows),
    changedResult: result(after[0].rows),
    text,
  };
}

/** A statement's first words, for a table row. */
export function shortSql(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 110 ? `${flat.slice(0, 107)}…` : flat;
}

/**
 * Parity: the SQL planner's decisions (saved in bench_sql_decisions before its attempts were
 * removed) against the row-at-a-time planner's, member by member: state, due time and reason,
 * and the facts each stored (time zone, holdout, do-not-contact, consent, when the cap frees).
 */
import type pg from 'pg';
import { normalizeFacts, type PlanFacts, type RawPlanFacts } from '@app/campaigns';

export interface Side {
  state: string | null;
  dueAt: string | null;
  reason: string | null;
  facts: PlanFacts | null;
}

export interface Mismatch {
  customerId: number;
  timeZone: string;
  consentCall: boolean;
  sql: Side;
  row: Side;
  fields: string[];
}

export interface Parity {
  compared: number;
  /** Members only one side decided on. */
  sqlOnly: number;
  rowOnly: number;
  /** Members whose state, due time or reason differ. */
  decisionMismatches: number;
  /** Members whose decisions agree but whose stored facts differ. */
  factMismatches: number;
  byFields: Array<{ fields: string; n: number }>;
  examples: Mismatch[];
}

export interface Outcome {
  state: string;
  reason: string | null;
  /** For planned attempts: due at the campaign's start, or later and why. */
  when: string | null;
  n: number;
}

interface Row {
  customer_id: string;
  time_zone: string;
  consent_call: boolean;
  s_state: string | null;
  s_due: Date | null;
  s_reason: string | null;
  s_trace: string | null;
  b_state: string | null;
  b_due: Date | null;
  b_reason: string | null;
  b_trace: string | null;
}

const side = (state: string | null, due: Date | null, reason: string | null, trace: string | null): Side => ({
  state,
  dueAt: due ? due.toISOString() : null,
  reason,
  facts: trace ? normalizeFacts(JSON.parse(trace) as RawPlanFacts) : null,
});

function factDiffs(a: PlanFacts | null, b: PlanFacts | null): string[] {
  if (!a || !b) return ['facts'];
  const out: string[] = [];
  for (const key of ['from', 'timeZone', 'holdout', 'consent', 'capFreeAt'] as const) if (a[key] !== b[key]) out.push(`facts.${key}`);
  if (JSON.stringify(a.dnc) !== JSON.stringify(b.dnc)) out.push('facts.dnc');
  return out;
}

/** Compares every member the row-at-a-time planner decided on (and, unless sampled, every member the SQL planner decided on). */
export async function compare(client: pg.Client, campaignId: string, sampled: boolean, maxExamples = 8): Promise<Parity> {
  const { rows } = await client.query<Row>(
    `WITH b AS (SELECT customer_id, state, due_at, reason, trace FROM contact_attempts WHERE campaign_id = $1 AND step_no = 1)
     SELECT COALESCE(s.customer_id, b.customer_id) AS customer_id, c.time_zone, c.consent_call,
       s.state AS s_state, s.due_at AS s_due, s.reason AS s_reason, s.trace AS s_trace,
       b.state AS b_state, b.due_at AS b_due, b.reason AS b_reason, b.trace AS b_trace
     FROM bench_sql_decisions s ${sampled ? 'RIGHT' : 'FULL'} JOIN b ON b.customer_id = s.customer_id
     JOIN customers c ON c.id = COALESCE(s.customer_id, b.customer_id)
     ORDER BY 1`,
    [campaignId],
  );
  const parity: Parity = { compared: rows.length, sqlOnly: 0, rowOnly: 0, decisionMismatches: 0, factMismatches: 0, byFields: [], examples: [] };
  const byFields = new Map<string, number>();
  for (const r of rows) {
    if (r.b_state === null) parity.sqlOnly++;
    if (r.s_state === null) parity.rowOnly++;
    const sql = side(r.s_state, r.s_due, r.s_reason, r.s_trace);
    const row = side(r.b_state, r.b_due, r.b_reason, r.b_trace);
    const decision = (['state', 'dueAt', 'reason'] as const).filter((k) => sql[k] !== row[k]);
    const fields = [...decision, ...factDiffs(sql.facts, row.facts)];
    if (!fields.length) continue;
    if (decision.length) parity.decisionMismatches++;
    else parity.factMismatches++;
    const key = fields.join(', ');
    byFields.set(key, (byFields.get(key) ?? 0) + 1);
    // the first examples of each kind of difference
    if (parity.examples.length < maxExamples && parity.examples.filter((e) => e.fields.join(', ') === key).length < 3) {
      parity.examples.push({ customerId: Number(r.customer_id), timeZone: r.time_zone, consentCall: r.consent_call, sql, row, fields });
    }
  }
  parity.byFields = [...byFields].map(([fields, n]) => ({ fields, n })).sort((a, b) => b.n - a.n);
  return parity;
}

/** What the SQL planner decided, by state and reason; planned attempts by when they are due and what made them wait. */
export async function outcomes(client: pg.Client, from: Date): Promise<Outcome[]> {
  const { rows } = await client.query<{ state: string; reason: string | null; when: string | null; n: string }>(
    `SELECT state, reason,
       CASE WHEN state <> 'planned' THEN NULL
            WHEN due_at = $1 THEN 'at the start'
            WHEN trace::json->>'capFreeAt' IS NOT NULL AND trace::json->>'dncUntil' IS NOT NULL THEN 'later: cap and do-not-contact end'
            WHEN trace::json->>'capFreeAt' IS NOT NULL THEN 'later: frequency cap'
            WHEN trace::json->>'dncUntil' IS NOT NULL THEN 'later: do-not-contact end'
            ELSE 'later: calling hours in the customer''s zone' END AS when,
       count(*) AS n
     FROM bench_sql_decisions GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [from],
  );
  return rows.map((r) => ({ state: r.state, reason: r.reason, when: r.when, n: Number(r.n) }));
}

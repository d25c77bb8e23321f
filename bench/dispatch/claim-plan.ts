/**
 * The dispatcher's claim statement (AttemptClaims.claimDue, copied as of this commit) explained
 * on a freshly planned campaign, in a transaction rolled back: with the statistics taken just
 * before planning (as autovacuum leaves them until it analyzes the table again), then after ANALYZE; beside the same claim written with a materialized CTE (the locked
 * ids taken once, then joined), which no row estimate can turn into a rescan per row; and the
 * claim as it is with an index in its own order (created in the transaction, rolled back).
 */
import type pg from 'pg';

export interface ClaimPlan {
  variant: string;
  stats: 'analyzed before planning' | 'after ANALYZE';
  /** The plan's join node, e.g. "Nested Loop Semi Join", "Hash Semi Join". */
  join: string;
  /** Wall time of EXPLAIN ANALYZE, or null when it ran past the timeout. */
  ms: number | null;
  rows: number | null;
  text: string;
}

const CURRENT = `UPDATE contact_attempts SET state = 'in_flight', lease_owner = $1, lease_expires_at = $2, claimed_at = $3, updated_at = $3
  WHERE state = 'planned' AND id IN (
    SELECT id FROM contact_attempts WHERE state = 'planned' AND due_at <= $3 AND campaign_id = $4 AND channel = $5
    ORDER BY due_at, id LIMIT $6 FOR UPDATE SKIP LOCKED)
  RETURNING id, campaign_id, step_no, customer_id, channel, purpose, attempt_no, send_tries`;

const CTE = `WITH due AS MATERIALIZED (
    SELECT id FROM contact_attempts WHERE state = 'planned' AND due_at <= $3 AND campaign_id = $4 AND channel = $5
    ORDER BY due_at, id LIMIT $6 FOR UPDATE SKIP LOCKED)
  UPDATE contact_attempts a SET state = 'in_flight', lease_owner = $1, lease_expires_at = $2, claimed_at = $3, updated_at = $3
    FROM due WHERE a.id = due.id AND a.state = 'planned'
  RETURNING a.id, a.campaign_id, a.step_no, a.customer_id, a.channel, a.purpose, a.attempt_no, a.send_tries`;

export const CLAIM_SQL = { current: CURRENT, cte: CTE };

/** An index the claim can read in its own order: the campaign's due attempts of a channel, oldest first. */
export const CLAIM_INDEX = "CREATE INDEX bench_claim_due ON contact_attempts (campaign_id, channel, due_at, id) WHERE state = 'planned'";

async function explain(client: pg.Client, variant: string, sql: string, stats: ClaimPlan['stats'], params: unknown[], timeoutMs: number, index = false): Promise<ClaimPlan> {
  await client.query('BEGIN');
  try {
    // created inside the transaction, so the rollback drops it again
    if (index) await client.query(CLAIM_INDEX);
    await client.query(`SET LOCAL statement_timeout = ${timeoutMs}`);
    const plain = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
    const planText = plain.rows.map((r) => r['QUERY PLAN']).join('\n');
    const join = /(Nested Loop Semi Join|Hash Semi Join|Merge Semi Join|Nested Loop|Hash Join|Merge Join)/.exec(planText)?.[1] ?? 'none';
    const started = performance.now();
    try {
      const analyzed = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, TIMING OFF) ${sql}`, params);
      const text = analyzed.rows.map((r) => r['QUERY PLAN']).join('\n');
      const rows = Number(/^Update on .*actual rows=(\d+)/m.exec(text)?.[1] ?? /actual rows=(\d+)/.exec(text)?.[1] ?? NaN);
      return { variant, stats, join, ms: performance.now() - started, rows: Number.isNaN(rows) ? null : rows, text };
    } catch (error) {
      if (!String(error).includes('statement timeout')) throw error;
      return { variant, stats, join, ms: null, rows: null, text: `${planText}\n-- EXPLAIN ANALYZE cancelled after ${timeoutMs} ms` };
    }
  } finally {
    await client.query('ROLLBACK');
  }
}

/** Both statements with the statistics of before planning, then ANALYZE contact_attempts, then both again and with an index. */
export async function claimPlans(client: pg.Client, campaignId: string, channel: string, limit: number, timeoutMs: number): Promise<ClaimPlan[]> {
  const now = new Date();
  const params = ['bench-explain', new Date(now.getTime() + 120_000), now, campaignId, channel, limit];
  const plans: ClaimPlan[] = [];
  for (const [variant, sql] of Object.entries(CLAIM_SQL)) plans.push(await explain(client, variant, sql, 'analyzed before planning', params, timeoutMs));
  await client.query('ANALYZE contact_attempts');
  for (const [variant, sql] of Object.entries(CLAIM_SQL)) plans.push(await explain(client, variant, sql, 'after ANALYZE', params, timeoutMs));
  plans.push(await explain(client, 'current, with an index on (campaign_id, channel, due_at, id) WHERE planned', CURRENT, 'after ANALYZE', params, timeoutMs, true));
  return plans;
}

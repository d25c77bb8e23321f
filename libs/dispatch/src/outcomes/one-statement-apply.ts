import type { EntityManager } from 'typeorm';
import type { AttemptOutcome, Channel } from '@app/contracts';
import type { Pool } from 'pg';
import { jsonRows } from '@app/core';

/** One carrier event of a batch as the statement reads it (PostgreSQL). */
export interface StatementEvent {
  /** Its place in the batch. */
  idx: number;
  /** The attempt when known (the caller's hint or the callback URL's ref); else found by the carrier id. */
  id: number | null;
  pid: string;
  kind: string;
  status: string;
  rnk: number;
  outcome: AttemptOutcome | null;
  /** ISO instant. */
  at: string;
  duration: number | null;
  detail: string | null;
  source: string;
  raw: string;
  /** The timeline's line for an SMS or an AI call, and for an agent call (the channel is the attempt's). */
  sum_a: string | null;
  sum_b: string | null;
}

/** What became of each event stored now (the rest were duplicates). */
export interface StatementRow {
  idx: number;
  id: number | null;
  applied: boolean;
  campaign_id: string | null;
  channel: Channel | null;
  outcome: AttemptOutcome | null;
  at: string | Date;
}

const BATCH_SQL = `WITH r AS (
       SELECT * FROM ${jsonRows('postgres', { idx: 'int', id: 'bigint', pid: 'text', kind: 'text', status: 'text', rnk: 'int', outcome: 'text', at: 'timestamptz', duration: 'int', detail: 'text', source: 'text', raw: 'text', sum_a: 'text', sum_b: 'text' })}
     ), v AS (
       SELECT r.idx, COALESCE(r.id, (SELECT a.id FROM contact_attempts a WHERE a.provider_id = r.pid LIMIT 1)) AS id, r.pid, r.kind, r.status, r.rnk, r.outcome, r.at, r.duration, r.detail, r.source, r.raw, r.sum_a, r.sum_b FROM r
     ), ins AS (
       INSERT INTO provider_events (provider_id, kind, status, at, attempt_id, source, raw)
       SELECT DISTINCT ON (pid, status) pid, kind, status, at, id, source, raw FROM v ORDER BY pid, status, idx
       ON CONFLICT (provider_id, status) DO NOTHING RETURNING provider_id, status
     ), fresh AS (
       SELECT DISTINCT ON (v.pid, v.status) v.* FROM v JOIN ins ON ins.provider_id = v.pid AND ins.status = v.status ORDER BY v.pid, v.status, v.idx
     ), cur AS (
       SELECT a.id, a.customer_id, a.campaign_id, a.channel, a.step_no, a.attempt_no, a.state, a.provider_id, a.provider_rank
         FROM contact_attempts a WHERE a.id IN (SELECT id FROM fresh WHERE id IS NOT NULL) ORDER BY a.id FOR UPDATE
     ), open AS (
       SELECT f.*, c.customer_id, c.campaign_id, c.channel, c.step_no, c.attempt_no, c.provider_id AS held
         FROM fresh f JOIN cur c ON c.id = f.id
        WHERE c.state IN ('planned', 'in_flight', 'done', 'review') AND f.rnk > c.provider_rank
     ), ok AS (
       -- the first of them (by rank, then batch order) names the call or message; later ones must name the same
       SELECT o.* FROM open o
        WHERE o.pid = COALESCE(o.held, (SELECT x.pid FROM open x WHERE x.id = o.id ORDER BY x.rnk, x.idx LIMIT 1))
     ), last AS (
       SELECT DISTINCT ON (id) * FROM ok ORDER BY id, rnk DESC
     ), moved AS (
       UPDATE contact_attempts a SET provider_status = l.status, provider_rank = l.rnk, provider_id = l.pid,
           state = CASE WHEN l.outcome IS NULL THEN 'in_flight' ELSE 'done' END,
           outcome = COALESCE(l.outcome, a.outcome),
           outcome_at = CASE WHEN l.outcome IS NULL THEN a.outcome_at ELSE l.at END,
           duration_seconds = COALESCE(l.duration, a.duration_seconds),
           detail = COALESCE(l.detail, a.detail),
           lease_owner = CASE WHEN l.outcome IS NULL THEN a.lease_owner END,
           lease_expires_at = CASE WHEN l.outcome IS NULL THEN COALESCE(a.lease_expires_at, CAST(:leaseUntil AS timestamptz)) END,
           updated_at = :now
         FROM last l WHERE a.id = l.id
       RETURNING a.id
     ), lines AS (
       INSERT INTO contact_events (customer_id, at, channel, kind, summary, campaign_id, attempt_id, actor_name, detail)
       SELECT o.customer_id, o.at, o.channel, 'contact_outcome', CASE WHEN o.channel = 'agent_call' THEN o.sum_b ELSE o.sum_a END, o.campaign_id, o.id, NULL,
              json_build_object('outcome', o.outcome, 'providerId', o.pid, 'stepNo', o.step_no, 'attemptNo', o.attempt_no, 'durationSeconds', o.duration, 'campaignName', k.name)::text
         FROM ok o JOIN moved m ON m.id = o.id LEFT JOIN campaigns k ON k.id = o.campaign_id
        WHERE o.outcome IS NOT NULL
        ORDER BY o.id, o.rnk
     )
     -- (a data-modifying WITH runs whether or not it is read)
     SELECT f.idx, f.id, (m.id IS NOT NULL AND o.idx IS NOT NULL) AS applied, o.campaign_id, o.channel, o.outcome, o.at
       FROM fresh f LEFT JOIN ok o ON o.idx = f.idx LEFT JOIN moved m ON m.id = o.id`;

/**
 * A batch of carrier events in ONE statement, atomic by itself (no BEGIN/COMMIT round trips): the
 * events stored once each in key order (duplicates dropped), each attempt locked in id order, its
 * fresh events taken in rank order — each moves it only when it ranks above what it has and names
 * the same call or message — the attempt written once with the highest, and a timeline line for
 * every event with an outcome. Exactly what AttemptOutcomes does event by event.
 */
export async function applyInOneStatement(em: EntityManager, events: StatementEvent[], now: Date, leaseUntil: Date): Promise<StatementRow[]> {
  const [text, values] = em.connection.driver.escapeQueryWithParameters(BATCH_SQL, { rows: JSON.stringify(events), now, leaseUntil: leaseUntil.toISOString() });
  // a named (prepared) statement: planned once per connection, not once per batch
  const pool = (em.connection.driver as unknown as { master: Pool }).master;
  const result = await pool.query<StatementRow>({ name: 'attempt-outcomes-batch', text, values });
  return result.rows;
}

import type { EntityManager } from 'typeorm';
import { isPostgres, jsonInstant, jsonRows, returning } from '@app/core';

export interface ProviderEventRow {
  providerId: string;
  kind: string;
  status: string;
  at: Date;
  attemptId: number | null;
  /** A callback, our own lookup at the carrier, or a customer's inbound SMS. */
  source: 'callback' | 'lookup' | 'inbound';
  raw: Record<string, unknown>;
}

/** The key a carrier event is stored once under. */
export function eventKey(providerId: string, status: string): string {
  return `${providerId}\u0000${status}`;
}

/**
 * Stores carrier events once per (call or message, status), in one statement: answers the keys
 * stored now, so the rest were already there (duplicates). Rows go in key order, so two
 * instances storing overlapping batches wait for each other instead of deadlocking.
 */
export async function recordProviderEvents(em: EntityManager, events: ProviderEventRow[]): Promise<Set<string>> {
  if (!events.length) return new Set();
  const dialect = isPostgres(em) ? 'postgres' : 'sqlite';
  const rows = events
    .map((e) => ({ pid: e.providerId, kind: e.kind, status: e.status, at: jsonInstant(dialect, e.at), attempt_id: e.attemptId, source: e.source, raw: JSON.stringify(e.raw) }))
    .sort((a, b) => (a.pid === b.pid ? (a.status < b.status ? -1 : 1) : a.pid < b.pid ? -1 : 1));
  const inserted = await returning<{ provider_id: string; status: string }>(
    em,
    // WHERE true: SQLite reads ON CONFLICT after a bare SELECT as part of a join
    `INSERT INTO provider_events (provider_id, kind, status, at, attempt_id, source, raw)
       SELECT v.pid, v.kind, v.status, v.at, v.attempt_id, v.source, v.raw
         FROM ${jsonRows(dialect, { pid: 'text', kind: 'text', status: 'text', at: 'timestamptz', attempt_id: 'bigint', source: 'text', raw: 'text' })}
        WHERE true
     ON CONFLICT (provider_id, status) DO NOTHING RETURNING provider_id, status`,
    { rows: JSON.stringify(rows) },
  );
  return new Set(inserted.map((r) => eventKey(r.provider_id, r.status)));
}

/** Stores one carrier event: false when it was already there (a duplicate). */
export async function recordProviderEvent(em: EntityManager, e: ProviderEventRow): Promise<boolean> {
  return (await recordProviderEvents(em, [e])).size > 0;
}

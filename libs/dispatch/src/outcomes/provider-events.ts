import type { EntityManager } from 'typeorm';
import { returning } from '@app/core';

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

/** Stores a carrier event once per (call or message, status): false when it was already there (a duplicate). */
export async function recordProviderEvent(runner: EntityManager, e: ProviderEventRow): Promise<boolean> {
  const inserted = await returning(
    runner,
    `INSERT INTO provider_events (provider_id, kind, status, at, attempt_id, source, raw) VALUES (:pid, :kind, :status, :at, :attemptId, :source, :raw)
      ON CONFLICT (provider_id, status) DO NOTHING RETURNING id`,
    { pid: e.providerId, kind: e.kind, status: e.status, at: e.at, attemptId: e.attemptId, source: e.source, raw: JSON.stringify(e.raw) },
  );
  return inserted.length > 0;
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Channel, PolicyRule, Purpose } from '@app/contracts';
import { type Dialect, execute, isPostgres, jsonInstant, jsonRows, query, returning, toDate, WriteGate } from '@app/core';

export interface ClaimedAttempt {
  id: number;
  campaignId: string;
  stepNo: number;
  customerId: number;
  channel: Channel;
  purpose: Purpose;
  attemptNo: number;
  sendTries: number;
}

export interface ExpiredAttempt {
  id: number;
  channel: Channel;
  customerId: number;
  providerId: string | null;
  claimedAt: Date | null;
}

interface ClaimRow {
  id: number;
  campaign_id: string;
  step_no: number;
  customer_id: number;
  channel: Channel;
  purpose: Purpose;
  attempt_no: number;
  send_tries: number;
}

/** Receipts of SMS older than this are not asked for any more. */
const RECEIPT_MAX_AGE_MS = 72 * 3_600_000;

/**
 * The attempts table as the outbox. Claims take due attempts under a lease (FOR UPDATE SKIP
 * LOCKED on PostgreSQL, so several dispatchers never take the same one; SQLite's one process
 * serializes through the write gate); every later change is one statement per batch, and only
 * touches attempts this dispatcher still holds.
 */
@Injectable()
export class AttemptClaims {
  private readonly dialect: Dialect;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteGate,
  ) {
    this.dialect = isPostgres(dataSource) ? 'postgres' : 'sqlite';
  }

  /**
   * `IN (the picked ids)`, the pick run once. On PostgreSQL an `IN (SELECT … LIMIT n FOR UPDATE SKIP
   * LOCKED)` may be planned as a semi-join that rescans the pick for each row it updates; a rescan
   * skips the rows this very statement has just updated and takes the next ones, so more than n
   * rows were claimed (found when an agent-call campaign with one free agent claimed four).
   * `= ANY(ARRAY(…))` is an init plan: evaluated once.
   */
  private inPicked(pick: string): string {
    return this.dialect === 'postgres' ? `= ANY(ARRAY(${pick}))` : `IN (${pick})`;
  }

  private get skipLocked(): string {
    return this.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  }

  /** The campaign of a planned attempt, or null when it is not planned (any more). */
  async plannedCampaign(attemptId: number): Promise<string | null> {
    const [row] = await query<{ campaign_id: string }>(this.dataSource, "SELECT campaign_id FROM contact_attempts WHERE id = :attemptId AND state = 'planned'", { attemptId });
    return row?.campaign_id ?? null;
  }

  async inFlightByCampaign(): Promise<Map<string, number>> {
    const rows = await query<{ campaign_id: string; n: number }>(this.dataSource, "SELECT campaign_id, count(*) AS n FROM contact_attempts WHERE state = 'in_flight' GROUP BY campaign_id");
    return new Map(rows.map((r) => [r.campaign_id, Number(r.n)]));
  }

  /**
   * Due planned attempts of a campaign's channel, oldest due first, now in flight under this
   * owner's lease: at most `limit`, and never more than `maxInFlight` of the campaign in flight.
   * A callback assigned to an agent is not taken: that agent's desk dials it (`claimOne`).
   * The room is counted in the claiming transaction under a lock per campaign (PostgreSQL; SQLite's
   * write gate serializes), so two dispatchers claiming at once never overshoot the campaign's limit.
   */
  async claimDue(campaignId: string, channel: Channel, limit: number, maxInFlight: number, owner: string, now: Date, leaseUntil: Date): Promise<ClaimedAttempt[]> {
    if (limit <= 0) return [];
    const pg = this.dialect === 'postgres';
    const room = `(SELECT ${pg ? 'GREATEST' : 'max'}(0, ${pg ? 'LEAST' : 'min'}(:limit, :maxInFlight - count(*))) FROM contact_attempts WHERE campaign_id = :campaignId AND state = 'in_flight')`;
    const rows = await this.writes.run(() =>
      this.dataSource.transaction(async (em) => {
        // held to the commit: the next claimer of this campaign counts this one's claims
        if (pg) await query(em, "SELECT pg_advisory_xact_lock(hashtext('claim:' || :campaignId))", { campaignId });
        return returning<ClaimRow>(
          em,
          `UPDATE contact_attempts SET state = 'in_flight', lease_owner = :owner, lease_expires_at = :leaseUntil, claimed_at = :now, updated_at = :now
            WHERE state = 'planned' AND id ${this.inPicked(`
              SELECT id FROM contact_attempts WHERE state = 'planned' AND due_at <= :now AND campaign_id = :campaignId AND channel = :channel AND assigned_agent_id IS NULL
              ORDER BY due_at, id LIMIT ${room}${this.skipLocked}`)}
            RETURNING id, campaign_id, step_no, customer_id, channel, purpose, attempt_no, send_tries`,
          { campaignId, channel, limit, maxInFlight, owner, now, leaseUntil },
        );
      }),
    );
    return rows.map(toClaimed);
  }

  /** One planned attempt, claimed now whatever its due time (an agent's preview, dialled when they press dial). */
  async claimOne(attemptId: number, owner: string, now: Date, leaseUntil: Date): Promise<ClaimedAttempt | null> {
    const [row] = await this.writes.run(() =>
      returning<ClaimRow>(
        this.dataSource,
        `UPDATE contact_attempts SET state = 'in_flight', lease_owner = :owner, lease_expires_at = :leaseUntil, claimed_at = :now, updated_at = :now
          WHERE id = :attemptId AND state = 'planned'
          RETURNING id, campaign_id, step_no, customer_id, channel, purpose, attempt_no, send_tries`,
        { attemptId, owner, now, leaseUntil },
      ),
    );
    return row ? toClaimed(row) : null;
  }

  /** Planned attempts as the send-time check reads them (those no longer planned are left out). */
  async planned(ids: number[]): Promise<ClaimedAttempt[]> {
    if (!ids.length) return [];
    const rows = await query<ClaimRow>(
      this.dataSource,
      "SELECT id, campaign_id, step_no, customer_id, channel, purpose, attempt_no, send_tries FROM contact_attempts WHERE id IN (:...ids) AND state = 'planned'",
      { ids },
    );
    return rows.map(toClaimed);
  }

  /** A planned attempt the contact policy moves before anyone claimed it: to a later moment, or cancelled for good. */
  async movePlanned(attemptId: number, now: Date, change: { dueAt: Date; detail: string } | { reason: PolicyRule; detail: string }): Promise<boolean> {
    const [set, params] =
      'dueAt' in change ? ['due_at = :dueAt', { dueAt: change.dueAt }] : ["state = 'cancelled', reason = :reason", { reason: change.reason }];
    const sql = `UPDATE contact_attempts SET ${set}, detail = :detail, updated_at = :now WHERE id = :attemptId AND state = 'planned'`;
    return (await this.writes.run(() => execute(this.dataSource, sql, { attemptId, now, detail: change.detail, ...params }))) === 1;
  }

  /** In-flight attempts whose lease ran out (their dispatcher died, or no final callback came): now this owner's to reconcile. */
  async claimExpired(limit: number, owner: string, now: Date, leaseUntil: Date): Promise<ExpiredAttempt[]> {
    const rows = await this.writes.run(() =>
      returning<{ id: number; channel: Channel; customer_id: number; provider_id: string | null; claimed_at: unknown }>(
        this.dataSource,
        `UPDATE contact_attempts SET lease_owner = :owner, lease_expires_at = :leaseUntil, updated_at = :now
          WHERE state = 'in_flight' AND id ${this.inPicked(`
            SELECT id FROM contact_attempts WHERE state = 'in_flight' AND lease_expires_at < :now ORDER BY lease_expires_at LIMIT :limit${this.skipLocked}`)}
          RETURNING id, channel, customer_id, provider_id, claimed_at`,
        { limit, owner, now, leaseUntil },
      ),
    );
    return rows.map((r) => ({ id: Number(r.id), channel: r.channel, customerId: Number(r.customer_id), providerId: r.provider_id, claimedAt: toDate(r.claimed_at) }));
  }

  /**
   * SMS left at `sent` whose next receipt check is due (waitMs after they left, then 4× and 16× as
   * long, three lookups at most; none older than three days), each counted as asked before it is:
   * one instance asks, and never about the same message twice in one round.
   */
  async claimReceiptChecks(limit: number, now: Date, waitMs: number): Promise<Array<{ id: number; providerId: string }>> {
    const due = (checks: number) => new Date(now.getTime() - waitMs * 4 ** checks);
    const rows = await this.writes.run(() =>
      returning<{ id: number; provider_id: string }>(
        this.dataSource,
        `UPDATE contact_attempts SET receipt_checks = receipt_checks + 1, updated_at = :now
          WHERE outcome = 'sent' AND id ${this.inPicked(`
            SELECT id FROM contact_attempts
             WHERE channel = 'sms' AND state = 'done' AND outcome = 'sent' AND provider_id IS NOT NULL AND sent_at > :oldest
               AND (receipt_checks = 0 AND sent_at < :due0 OR receipt_checks = 1 AND sent_at < :due1 OR receipt_checks = 2 AND sent_at < :due2)
             ORDER BY sent_at LIMIT :limit${this.skipLocked}`)}
          RETURNING id, provider_id`,
        { limit, now, oldest: new Date(now.getTime() - RECEIPT_MAX_AGE_MS), due0: due(0), due1: due(1), due2: due(2) },
      ),
    );
    return rows.map((r) => ({ id: Number(r.id), providerId: r.provider_id }));
  }

  /**
   * Renews this owner's lease on attempts about to be sent, answering those it still holds: one
   * whose lease ran out may have been reconciled by another dispatcher, and is not sent again.
   */
  async renew(owner: string, ids: number[], now: Date, leaseUntil: Date): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const rows = await this.writes.run(() =>
      returning<{ id: number }>(
        this.dataSource,
        `UPDATE contact_attempts SET lease_expires_at = :leaseUntil, updated_at = :now
          WHERE id IN (:...ids) AND state = 'in_flight' AND lease_owner = :owner RETURNING id`,
        { ids, owner, now, leaseUntil },
      ),
    );
    return new Set(rows.map((r) => Number(r.id)));
  }

  /** The carrier accepted: its id and status (a callback that came first keeps its higher status). */
  markSent(owner: string, now: Date, provider: string, rows: Array<{ id: number; providerId: string; status: string; rank: number }>): Promise<number> {
    const greatest = this.dialect === 'postgres' ? 'GREATEST' : 'max';
    return this.batch(
      `UPDATE contact_attempts SET provider_id = COALESCE(contact_attempts.provider_id, v.pid), provider = :provider, sent_at = :now, send_tries = contact_attempts.send_tries + 1,
          provider_status = CASE WHEN contact_attempts.provider_rank < v.rnk THEN v.status ELSE contact_attempts.provider_status END,
          provider_rank = ${greatest}(contact_attempts.provider_rank, v.rnk), updated_at = :now
        FROM ${jsonRows(this.dialect, { id: 'bigint', pid: 'text', status: 'text', rnk: 'int' })}
        WHERE contact_attempts.id = v.id AND (contact_attempts.lease_owner = :owner OR contact_attempts.provider_id = v.pid)`,
      rows.map((r) => ({ id: r.id, pid: r.providerId, status: r.status, rnk: r.rank })),
      { owner, now, provider },
    );
  }

  /** Back to planned at a later moment: the carrier refused for now, or the policy moved it. */
  reschedule(owner: string, now: Date, rows: Array<{ id: number; dueAt: Date; detail: string; tried: boolean }>): Promise<number> {
    return this.batch(
      `UPDATE contact_attempts SET state = 'planned', due_at = v.due, detail = v.detail, send_tries = contact_attempts.send_tries + v.tried,
          lease_owner = NULL, lease_expires_at = NULL, updated_at = :now
        FROM ${jsonRows(this.dialect, { id: 'bigint', due: 'timestamptz', detail: 'text', tried: 'int' })}
        WHERE contact_attempts.id = v.id AND contact_attempts.state = 'in_flight' AND contact_attempts.lease_owner = :owner`,
      rows.map((r) => ({ id: r.id, due: jsonInstant(this.dialect, r.dueAt), detail: r.detail, tried: r.tried ? 1 : 0 })),
      { owner, now },
    );
  }

  /** The policy refuses it now for good (an opt-out or a withdrawn consent since planning). */
  cancel(owner: string, now: Date, rows: Array<{ id: number; reason: PolicyRule; detail: string }>): Promise<number> {
    return this.batch(
      `UPDATE contact_attempts SET state = 'cancelled', reason = v.reason, detail = v.detail, lease_owner = NULL, lease_expires_at = NULL, updated_at = :now
        FROM ${jsonRows(this.dialect, { id: 'bigint', reason: 'text', detail: 'text' })}
        WHERE contact_attempts.id = v.id AND contact_attempts.state = 'in_flight' AND contact_attempts.lease_owner = :owner`,
      rows,
      { owner, now },
    );
  }

  /** Failed for good (an invalid number, the carrier refusing too often): done, outcome failed. */
  fail(owner: string, now: Date, rows: Array<{ id: number; detail: string; tried: boolean }>): Promise<Array<{ id: number; customer_id: number; campaign_id: string; channel: Channel; step_no: number; attempt_no: number }>> {
    if (!rows.length) return Promise.resolve([]);
    return this.writes.run(() =>
      returning(
        this.dataSource,
        `UPDATE contact_attempts SET state = 'done', outcome = 'failed', outcome_at = :now, detail = v.detail, send_tries = contact_attempts.send_tries + v.tried,
            lease_owner = NULL, lease_expires_at = NULL, updated_at = :now
          FROM ${jsonRows(this.dialect, { id: 'bigint', detail: 'text', tried: 'int' })}
          WHERE contact_attempts.id = v.id AND contact_attempts.state = 'in_flight' AND contact_attempts.lease_owner = :owner
          RETURNING contact_attempts.id, contact_attempts.customer_id, contact_attempts.campaign_id, contact_attempts.channel, contact_attempts.step_no, contact_attempts.attempt_no`,
        { rows: JSON.stringify(rows.map((r) => ({ id: r.id, detail: r.detail, tried: r.tried ? 1 : 0 }))), owner, now },
      ),
    );
  }

  /** Kept in flight with a note (the carrier's answer was lost): reconciled once the short lease runs out. */
  hold(owner: string, now: Date, rows: Array<{ id: number; detail: string; tried: boolean }>, until: Date): Promise<number> {
    return this.batch(
      `UPDATE contact_attempts SET detail = v.detail, send_tries = contact_attempts.send_tries + v.tried, lease_expires_at = :until, updated_at = :now
        FROM ${jsonRows(this.dialect, { id: 'bigint', detail: 'text', tried: 'int' })}
        WHERE contact_attempts.id = v.id AND contact_attempts.state = 'in_flight' AND contact_attempts.lease_owner = :owner`,
      rows.map((r) => ({ id: r.id, detail: r.detail, tried: r.tried ? 1 : 0 })),
      { owner, now, until },
    );
  }

  /** For a person to decide: what became of it cannot be told. */
  review(owner: string, now: Date, rows: Array<{ id: number; detail: string }>): Promise<number> {
    return this.batch(
      `UPDATE contact_attempts SET state = 'review', detail = v.detail, lease_owner = NULL, lease_expires_at = NULL, updated_at = :now
        FROM ${jsonRows(this.dialect, { id: 'bigint', detail: 'text' })}
        WHERE contact_attempts.id = v.id AND contact_attempts.state = 'in_flight' AND contact_attempts.lease_owner = :owner`,
      rows,
      { owner, now },
    );
  }

  /** The provider ids among these that some attempt already holds. */
  async heldProviderIds(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await query<{ provider_id: string }>(this.dataSource, 'SELECT provider_id FROM contact_attempts WHERE provider_id IN (:...ids)', { ids });
    return new Set(rows.map((r) => r.provider_id));
  }

  /** Takes a claimed attempt's provider id found by looking it up, if no attempt holds it yet. */
  adopt(owner: string, now: Date, id: number, providerId: string): Promise<number> {
    return this.writes.run(() =>
      execute(
        this.dataSource,
        `UPDATE contact_attempts SET provider_id = :providerId, updated_at = :now WHERE id = :id AND state = 'in_flight' AND lease_owner = :owner AND provider_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM contact_attempts o WHERE o.provider_id = :providerId)`,
        { id, providerId, owner, now },
      ),
    );
  }

  private batch(sql: string, rows: Array<Record<string, unknown>>, params: Record<string, unknown>): Promise<number> {
    if (!rows.length) return Promise.resolve(0);
    return this.writes.run(() => execute(this.dataSource, sql, { ...params, rows: JSON.stringify(rows) }));
  }
}

function toClaimed(r: ClaimRow): ClaimedAttempt {
  return {
    id: Number(r.id),
    campaignId: r.campaign_id,
    stepNo: Number(r.step_no),
    customerId: Number(r.customer_id),
    channel: r.channel,
    purpose: r.purpose,
    attemptNo: Number(r.attempt_no),
    sendTries: Number(r.send_tries),
  };
}

import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import type { AttemptOutcome, Channel } from '@app/contracts';
import { AppConfig, Clock, type Dialect, GroupCommit, isPostgres, jsonInstant, jsonRows, query, returning, WriteGate } from '@app/core';
import { type ProviderEvent, statusRank } from '@app/telephony';
import { DirtyCampaigns } from './dirty-campaigns';
import { applyInOneStatement, type StatementEvent } from './one-statement-apply';
import { outcomeOf, outcomeSummary } from './outcome-rules';
import { eventKey, recordProviderEvents } from './provider-events';
import { type OutcomeRecord, TimelineWriter } from './timeline-writer';

/** How a provider event reached us. */
export type EventSource = 'callback' | 'lookup';
/** `unchanged`: stored, but the attempt already had this status or a later one. */
export type ApplyResult = 'applied' | 'unchanged' | 'duplicate' | 'unknown';

interface Pending {
  event: ProviderEvent;
  source: EventSource;
  hint: number | null;
}

interface Move {
  id: number;
  pid: string;
  status: string;
  rnk: number;
  outcome: AttemptOutcome | null;
  at: string;
  duration: number | null;
  detail: string | null;
}

/** An attempt as the batch found it. */
interface Current {
  id: number;
  customer_id: number;
  campaign_id: string;
  channel: Channel;
  step_no: number;
  attempt_no: number;
  state: string;
  provider_id: string | null;
  provider_rank: number;
}

/** A call attempt's call is over (answered and hung up, or never answered): announced after its commit. */
export const CALL_ENDED = 'dispatch.call-ended';

export interface CallEnded {
  attemptId: number;
  campaignId: string;
  channel: Channel;
  outcome: AttemptOutcome;
  at: Date;
}

/** The states a carrier's status may still move. */
const MOVABLE = new Set(['planned', 'in_flight', 'done', 'review']);

/**
 * Carrier events become attempt states, in batches: events that arrive while a batch is being
 * written wait and go together in the next transaction (group commit), so under load a callback
 * costs a share of five statements rather than five. Idempotent: each (call or message, status)
 * is stored once (a unique key), so a duplicate callback changes nothing. Monotonic: an attempt
 * only takes a status ranked above the one it has. An outcome lands on the attempt and the
 * customer's timeline in the same transaction, and marks the campaign for planning its next
 * steps and retries. A batch that fails is applied again one event at a time, so one bad event
 * fails only its own webhook (which the carrier retries).
 */
@Injectable()
export class AttemptOutcomes {
  private readonly logger = new Logger(AttemptOutcomes.name);
  private readonly dialect: Dialect;
  /**
   * At most 250 events a transaction, two transactions in flight: each locks its attempts in id
   * order and stores its events in key order, so two never deadlock on each other.
   */
  private readonly batches = new GroupCommit<Pending, ApplyResult>((batch) => this.write(batch), {
    maxBatch: 250,
    maxWriting: 2,
    onBatchFailure: (size, error) => this.logger.warn(`a batch of ${size} carrier events failed (${(error as Error).message}); applying them one by one`),
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteGate,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly timeline: TimelineWriter,
    private readonly dirty: DirtyCampaigns,
    private readonly events: EventEmitter2,
  ) {
    this.dialect = isPostgres(dataSource) ? 'postgres' : 'sqlite';
  }

  /** Applies one event; answers once its batch is committed. `attemptId` when the caller knows it (a lookup, the answered-call webhook). */
  apply(event: ProviderEvent, source: EventSource, attemptId: number | null = null): Promise<ApplyResult> {
    return this.batches.add({ event, source, hint: attemptId });
  }

  /** One batch in one transaction; the calls it ended are announced once it is committed. */
  private async write(batch: Pending[]): Promise<ApplyResult[]> {
    const ended: CallEnded[] = [];
    const results = this.dialect === 'postgres' ? await this.applyInOne(batch, ended) : await this.writes.run(() => this.dataSource.transaction((em) => this.applyIn(em, batch, ended)));
    for (const call of ended) this.events.emit(CALL_ENDED, call);
    return results;
  }

  /** PostgreSQL: the whole batch in one statement (one round trip, atomic by itself). */
  private async applyInOne(batch: Pending[], ended: CallEnded[]): Promise<ApplyResult[]> {
    const now = this.clock.now();
    const events: StatementEvent[] = batch.map(({ event: e, source, hint }, idx) => {
      const outcome = outcomeOf(e.kind, e.status);
      const duration = outcome ? (e.durationSeconds ?? null) : null;
      const detail = outcome && e.errorCode ? `运营商错误码 ${e.errorCode}` : null;
      return {
        idx,
        id: hint ?? refId(e.ref),
        pid: e.providerId,
        kind: e.kind,
        status: e.status,
        rnk: statusRank(e.kind, e.status),
        outcome,
        at: e.at.toISOString(),
        duration,
        detail,
        source,
        raw: JSON.stringify(e.raw),
        sum_a: outcome ? outcomeSummary(e.kind === 'sms' ? 'sms' : 'ai_call', outcome, duration, detail) : null,
        sum_b: outcome && e.kind === 'call' ? outcomeSummary('agent_call', outcome, duration, detail) : null,
      };
    });
    const rows = await applyInOneStatement(this.dataSource.manager, events, now, new Date(now.getTime() + this.config.DISPATCH_LEASE_SECONDS * 1000));
    const results: ApplyResult[] = batch.map(() => 'duplicate');
    for (const r of rows) {
      results[r.idx] = r.applied ? 'applied' : r.id === null ? 'unknown' : 'unchanged';
      if (!r.applied || !r.outcome || !r.campaign_id || !r.channel) continue;
      this.dirty.mark(r.campaign_id);
      if (r.channel !== 'sms') ended.push({ attemptId: Number(r.id), campaignId: r.campaign_id, channel: r.channel, outcome: r.outcome, at: new Date(r.at) });
    }
    return results;
  }

  /** SQLite: the batch in one transaction of a few statements, the attempts' rows read and moved in code. */
  private async applyIn(em: EntityManager, batch: Pending[], ended: CallEnded[]): Promise<ApplyResult[]> {
    const results: ApplyResult[] = batch.map(() => 'duplicate');
    const ids = await this.attemptIds(em, batch);

    // the first of equal events in the batch is the one stored; the rest are duplicates already
    const first = new Map<string, number>();
    batch.forEach((p, i) => {
      const key = eventKey(p.event.providerId, p.event.status);
      if (!first.has(key)) first.set(key, i);
    });
    const candidates = [...first.values()];
    const stored = await recordProviderEvents(
      em,
      candidates.map((i) => {
        const { event, source } = batch[i];
        return { providerId: event.providerId, kind: event.kind, status: event.status, at: event.at, attemptId: ids[i], source, raw: event.raw };
      }),
    );

    // the fresh events of each attempt, lowest rank first: the order a carrier sends them in
    const fresh = new Map<number, Array<{ index: number; move: Move }>>();
    for (const i of candidates) {
      const { event } = batch[i];
      if (!stored.has(eventKey(event.providerId, event.status))) continue;
      const id = ids[i];
      results[i] = id === null ? 'unknown' : 'unchanged';
      if (id !== null) fresh.set(id, [...(fresh.get(id) ?? []), { index: i, move: this.moveOf(id, event) }]);
    }
    if (!fresh.size) return results;

    // each attempt as it stands, locked until the commit: its events are applied to it in rank
    // order, each only when it ranks above what the attempt has, exactly as if they came one by one
    const current = await this.current(em, [...fresh.keys()]);
    const moves: Move[] = [];
    const lines: OutcomeRecord[] = [];
    for (const [id, events] of fresh) {
      const row = current.get(id);
      if (!row) continue;
      let rank = Number(row.provider_rank);
      let last: Move | null = null;
      for (const { index, move } of events.sort((a, b) => a.move.rnk - b.move.rnk)) {
        if (!MOVABLE.has(row.state) || move.rnk <= rank) continue;
        if (row.provider_id && row.provider_id !== move.pid) {
          this.logger.error(`attempt ${id} holds ${row.provider_id} but the carrier reports ${move.pid} (${move.status}) for it`);
          continue;
        }
        results[index] = 'applied';
        rank = move.rnk;
        last = move;
        if (move.outcome) lines.push(this.line(row, move, batch[index].event));
      }
      if (last) moves.push(last);
    }
    const moved = new Set((await this.move(em, moves.sort((a, b) => a.id - b.id))).map((m) => Number(m.id)));
    await this.timeline.record(
      em,
      lines.filter((l) => moved.has(l.attemptId)),
    );
    for (const l of lines) {
      if (!moved.has(l.attemptId)) continue;
      this.dirty.mark(l.campaignId);
      if (l.channel !== 'sms') ended.push({ attemptId: l.attemptId, campaignId: l.campaignId, channel: l.channel, outcome: l.outcome, at: l.at });
    }
    return results;
  }

  private async current(em: EntityManager, ids: number[]): Promise<Map<number, Current>> {
    const rows = await query<Current>(
      em,
      `SELECT id, customer_id, campaign_id, channel, step_no, attempt_no, state, provider_id, provider_rank FROM contact_attempts WHERE id IN (:...ids) ORDER BY id${this.dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
      { ids },
    );
    return new Map(rows.map((r) => [Number(r.id), r]));
  }

  private line(row: Current, move: Move, event: ProviderEvent): OutcomeRecord {
    return {
      attemptId: Number(row.id),
      customerId: Number(row.customer_id),
      campaignId: row.campaign_id,
      channel: row.channel,
      stepNo: Number(row.step_no),
      attemptNo: Number(row.attempt_no),
      outcome: move.outcome as AttemptOutcome,
      at: event.at,
      providerId: move.pid,
      durationSeconds: move.duration,
      detail: move.detail,
    };
  }

  /** The attempt of each event: the caller's hint, the ref of the callback URL, or the attempt holding that call or message. */
  private async attemptIds(em: EntityManager, batch: Pending[]): Promise<Array<number | null>> {
    const ids = batch.map((p) => p.hint ?? refId(p.event.ref));
    const unknown = [...new Set(batch.filter((_, i) => ids[i] === null).map((p) => p.event.providerId))];
    if (!unknown.length) return ids;
    const rows = await query<{ id: number; provider_id: string }>(em, 'SELECT id, provider_id FROM contact_attempts WHERE provider_id IN (:...unknown)', { unknown });
    const held = new Map(rows.map((r) => [r.provider_id, Number(r.id)]));
    return ids.map((id, i) => id ?? held.get(batch[i].event.providerId) ?? null);
  }

  private moveOf(id: number, event: ProviderEvent): Move {
    const outcome = outcomeOf(event.kind, event.status);
    return {
      id,
      pid: event.providerId,
      status: event.status,
      rnk: statusRank(event.kind, event.status),
      outcome,
      at: jsonInstant(this.dialect, event.at),
      // what only a final status brings
      duration: outcome ? (event.durationSeconds ?? null) : null,
      detail: outcome && event.errorCode ? `运营商错误码 ${event.errorCode}` : null,
    };
  }

  /** Each attempt takes its status only when it ranks higher than what it has: callbacks never move it back. */
  private move(em: EntityManager, moves: Move[]): Promise<Array<{ id: number }>> {
    if (!moves.length) return Promise.resolve([]);
    const now = this.clock.now();
    const a = 'contact_attempts';
    return returning<{ id: number }>(
      em,
      `UPDATE contact_attempts SET provider_status = v.status, provider_rank = v.rnk, provider_id = v.pid,
          state = CASE WHEN v.outcome IS NULL THEN 'in_flight' ELSE 'done' END,
          outcome = COALESCE(v.outcome, ${a}.outcome),
          outcome_at = CASE WHEN v.outcome IS NULL THEN ${a}.outcome_at ELSE v.at END,
          duration_seconds = COALESCE(v.duration, ${a}.duration_seconds),
          detail = COALESCE(v.detail, ${a}.detail),
          lease_owner = CASE WHEN v.outcome IS NULL THEN ${a}.lease_owner END,
          lease_expires_at = CASE WHEN v.outcome IS NULL THEN COALESCE(${a}.lease_expires_at, :leaseUntil) END,
          updated_at = :now
        FROM ${jsonRows(this.dialect, { id: 'bigint', pid: 'text', status: 'text', rnk: 'int', outcome: 'text', at: 'timestamptz', duration: 'int', detail: 'text' })}
        WHERE ${a}.id = v.id AND ${a}.provider_rank < v.rnk AND (${a}.provider_id IS NULL OR ${a}.provider_id = v.pid)
          AND ${a}.state IN ('planned', 'in_flight', 'done', 'review')
        RETURNING ${a}.id`,
      { rows: JSON.stringify(moves), now, leaseUntil: new Date(now.getTime() + this.config.DISPATCH_LEASE_SECONDS * 1000) },
    );
  }
}

function refId(ref: string | null): number | null {
  return ref && /^\d+$/.test(ref) ? Number(ref) : null;
}

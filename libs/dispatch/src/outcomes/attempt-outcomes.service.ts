import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AttemptOutcome, Channel } from '@app/contracts';
import { AppConfig, Clock, query, returning, WriteGate } from '@app/core';
import { type ProviderEvent, statusRank } from '@app/telephony';
import { DirtyCampaigns } from './dirty-campaigns';
import { outcomeOf } from './outcome-rules';
import { recordProviderEvent } from './provider-events';
import { TimelineWriter } from './timeline-writer';

/** How a provider event reached us. */
export type EventSource = 'callback' | 'lookup';
export type ApplyResult = 'applied' | 'unchanged' | 'duplicate' | 'unknown';

interface Moved {
  id: number;
  customer_id: number;
  campaign_id: string;
  channel: Channel;
  step_no: number;
  attempt_no: number;
  provider_id: string;
}

// the attempt takes the status only when it ranks higher than what it has: callbacks never move it back
const GUARD = `WHERE id = :id AND provider_rank < :rank AND (provider_id IS NULL OR provider_id = :pid)
  AND state IN ('planned', 'in_flight', 'done', 'review')
  RETURNING id, customer_id, campaign_id, channel, step_no, attempt_no, provider_id`;

const PROGRESS_SQL = `UPDATE contact_attempts SET provider_status = :status, provider_rank = :rank, provider_id = :pid, state = 'in_flight',
    lease_expires_at = COALESCE(lease_expires_at, :leaseUntil), updated_at = :now ${GUARD}`;

const OUTCOME_SQL = `UPDATE contact_attempts SET provider_status = :status, provider_rank = :rank, provider_id = :pid, state = 'done',
    outcome = :outcome, outcome_at = :at, duration_seconds = COALESCE(:duration, duration_seconds), detail = COALESCE(:detail, detail),
    lease_owner = NULL, lease_expires_at = NULL, updated_at = :now ${GUARD}`;

/**
 * Carrier events become attempt states. Idempotent: each (call or message, status) is stored once
 * (a unique key), so a duplicate callback changes nothing. Monotonic: an attempt only takes a
 * status ranked above the one it has. An outcome lands on the attempt and the customer's timeline
 * in the same transaction, and marks the campaign for planning its next steps and retries.
 */
@Injectable()
export class AttemptOutcomes {
  private readonly logger = new Logger(AttemptOutcomes.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteGate,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly timeline: TimelineWriter,
    private readonly dirty: DirtyCampaigns,
  ) {}

  apply(event: ProviderEvent, source: EventSource, attemptId: number | null = null): Promise<ApplyResult> {
    return this.writes.run(() => this.dataSource.transaction((em) => this.applyIn(em, event, source, attemptId)));
  }

  private async applyIn(em: EntityManager, event: ProviderEvent, source: EventSource, hint: number | null): Promise<ApplyResult> {
    const now = this.clock.now();
    const id = hint ?? refId(event.ref) ?? (await this.attemptOf(em, event.providerId));
    if (!(await recordProviderEvent(em, { providerId: event.providerId, kind: event.kind, status: event.status, at: event.at, attemptId: id, source, raw: event.raw }))) return 'duplicate';
    if (id === null) return 'unknown';
    const outcome = outcomeOf(event.kind, event.status);
    const params = {
      id,
      pid: event.providerId,
      status: event.status,
      rank: statusRank(event.kind, event.status),
      outcome,
      at: event.at,
      duration: event.durationSeconds ?? null,
      detail: event.errorCode ? `运营商错误码 ${event.errorCode}` : null,
      now,
      leaseUntil: new Date(now.getTime() + this.config.DISPATCH_LEASE_SECONDS * 1000),
    };
    const [moved] = await returning<Moved>(em, outcome ? OUTCOME_SQL : PROGRESS_SQL, params);
    if (!moved) {
      await this.warnIfForeign(em, id, event);
      return 'unchanged';
    }
    if (outcome) await this.recordOutcome(em, moved, outcome, event, params.detail);
    return 'applied';
  }

  private async recordOutcome(em: EntityManager, m: Moved, outcome: AttemptOutcome, event: ProviderEvent, detail: string | null): Promise<void> {
    await this.timeline.record(em, [
      {
        attemptId: Number(m.id),
        customerId: Number(m.customer_id),
        campaignId: m.campaign_id,
        channel: m.channel,
        stepNo: Number(m.step_no),
        attemptNo: Number(m.attempt_no),
        outcome,
        at: event.at,
        providerId: m.provider_id,
        durationSeconds: event.durationSeconds ?? null,
        detail,
      },
    ]);
    this.dirty.mark(m.campaign_id);
  }

  private async attemptOf(em: EntityManager, providerId: string): Promise<number | null> {
    const [row] = await query<{ id: number }>(em, 'SELECT id FROM contact_attempts WHERE provider_id = :providerId', { providerId });
    return row ? Number(row.id) : null;
  }

  /** A callback for an attempt that holds another call or message: two were created for one attempt. */
  private async warnIfForeign(em: EntityManager, id: number, event: ProviderEvent): Promise<void> {
    const [row] = await query<{ provider_id: string | null }>(em, 'SELECT provider_id FROM contact_attempts WHERE id = :id', { id });
    if (row?.provider_id && row.provider_id !== event.providerId) {
      this.logger.error(`attempt ${id} holds ${row.provider_id} but the carrier reports ${event.providerId} (${event.status}) for it`);
    }
  }
}

function refId(ref: string | null): number | null {
  return ref && /^\d+$/.test(ref) ? Number(ref) : null;
}

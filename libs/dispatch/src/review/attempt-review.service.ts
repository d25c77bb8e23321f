import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AttemptOutcome, Channel } from '@app/contracts';
import { AuditService, branchCondition, branchScopeOf, Clock, type Principal, query, returning, WriteGate } from '@app/core';
import { DispatchErrorCode, DispatchException } from '../dispatch.exception';
import { DirtyCampaigns } from '../outcomes/dirty-campaigns';
import { outcomesOf, providerKindOf } from '../outcomes/outcome-rules';
import { TimelineWriter } from '../outcomes/timeline-writer';
import type { ResolveAttemptDto } from './resolve-attempt.dto';

interface Resolved {
  id: number;
  customer_id: number;
  channel: Channel;
  step_no: number;
  attempt_no: number;
  provider_id: string | null;
}

/**
 * An attempt the carrier could not account for after a crash is never redialled by itself: a
 * supervisor finds out what happened (the carrier's records, the customer) and records it. The
 * outcome then counts like any other: the timeline, the next step, and the policy's retries (a
 * `no_answer` is retried as the policy says, so "redial" is simply stating it was not reached).
 * A supervisor of one branch resolves only attempts on that branch's customers (others: not found).
 */
@Injectable()
export class AttemptReview {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteGate,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly timeline: TimelineWriter,
    private readonly dirty: DirtyCampaigns,
  ) {}

  async resolve(campaignId: string, attemptId: number, dto: ResolveAttemptDto, by: Principal): Promise<{ id: number; state: 'done'; outcome: AttemptOutcome }> {
    const now = this.clock.now();
    const inScope = branchCondition(branchScopeOf(by), 'c.branch_code');
    const [current] = await query<{ channel: Channel; state: string }>(
      this.dataSource,
      `SELECT a.channel, a.state FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE a.id = :attemptId AND a.campaign_id = :campaignId AND ${inScope.sql}`,
      { attemptId, campaignId, ...inScope.params },
    );
    if (!current) throw new DispatchException(DispatchErrorCode.AttemptNotFound, `attempt ${attemptId} of campaign ${campaignId} not found`);
    const allowed = outcomesOf(providerKindOf(current.channel));
    if (!allowed.includes(dto.outcome)) {
      throw new DispatchException(DispatchErrorCode.InvalidResolution, `outcome: ${current.channel === 'sms' ? 'an SMS' : 'a call'} ends as one of ${allowed.join(', ')}`, [{ field: 'outcome', message: `must be one of ${allowed.join(', ')}` }]);
    }
    const detail = `人工复核（${by.username}）${dto.note ? `：${dto.note}` : ''}`;
    const resolved = await this.writes.run(() =>
      this.dataSource.transaction(async (em) => {
        const [row] = await returning<Resolved>(
          em,
          `UPDATE contact_attempts SET state = 'done', outcome = :outcome, outcome_at = :now, detail = COALESCE(detail || '；', '') || :detail, updated_at = :now
            WHERE id = :id AND campaign_id = :campaignId AND state = 'review'
            -- what reconciliation found stays readable before the person's finding
            RETURNING id, customer_id, channel, step_no, attempt_no, provider_id`,
          { id: attemptId, campaignId, outcome: dto.outcome, now, detail },
        );
        if (!row) return null;
        await this.timeline.record(em, [
          { attemptId, customerId: Number(row.customer_id), campaignId, channel: row.channel, stepNo: Number(row.step_no), attemptNo: Number(row.attempt_no), outcome: dto.outcome, at: now, providerId: row.provider_id, durationSeconds: null, detail },
        ]);
        return row;
      }),
    );
    if (!resolved) throw new DispatchException(DispatchErrorCode.NotUnderReview, `attempt ${attemptId} is ${current.state}, not under review`);
    this.dirty.mark(campaignId);
    await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'attempt.resolve', targetType: 'contact_attempt', targetId: String(attemptId), detail: { campaignId, outcome: dto.outcome, note: dto.note ?? null } });
    return { id: attemptId, state: 'done', outcome: dto.outcome };
  }
}

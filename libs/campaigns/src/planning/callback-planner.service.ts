import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Channel } from '@app/contracts';
import { Clock, query, returning, WriteGate } from '@app/core';
import { ContactEvent } from '@app/customers';

export interface CallbackRequest {
  campaignId: string;
  stepNo: number;
  customerId: number;
  channel: Channel;
  /** When the customer asked to be called; the dispatcher still moves it into the contact window. */
  at: Date;
  /** Why, for the attempt's trace and the timeline: "客户要求明天下午三点回电". */
  reason: string;
  /** Who planned it: the AI, or the agent's name. */
  by: string;
  /** The agent who promised it: only their desk dials it (the dispatcher's passes leave it). */
  assignedAgentId?: string;
}

/**
 * A callback the customer asked for: one more attempt of the same campaign step, due when they
 * asked. It goes through the dispatcher like any attempt (one an agent promised, through that
 * agent's desk), so the policy is checked again when it
 * is sent (calling hours move it to the next window, an opt-out since then cancels it).
 */
@Injectable()
export class CallbackPlanner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteGate,
    private readonly clock: Clock,
  ) {}

  async schedule(r: CallbackRequest): Promise<{ attemptId: number; attemptNo: number }> {
    const now = this.clock.now();
    return this.writes.run(() =>
      this.dataSource.transaction(async (em) => {
        const [last] = await query<{ n: number | null; purpose: string; time_zone: string }>(
          em,
          `SELECT max(a.attempt_no) AS n, max(a.purpose) AS purpose, max(c.time_zone) AS time_zone
             FROM contact_attempts a JOIN customers c ON c.id = a.customer_id
            WHERE a.campaign_id = :campaignId AND a.step_no = :stepNo AND a.customer_id = :customerId`,
          { campaignId: r.campaignId, stepNo: r.stepNo, customerId: r.customerId },
        );
        if (!last || last.n === null) throw new Error(`customer ${r.customerId} has no attempt at step ${r.stepNo} of campaign ${r.campaignId}`);
        const attemptNo = Number(last.n) + 1;
        const trace = JSON.stringify({ from: r.at.toISOString(), timeZone: last.time_zone, holdout: false, dncForever: 0, dncUntil: null, consent: true, capFreeAt: null, callback: r.reason });
        const [row] = await returning<{ id: number }>(
          em,
          `INSERT INTO contact_attempts (campaign_id, step_no, customer_id, channel, purpose, attempt_no, state, due_at, reason, trace, detail, assigned_agent_id, planned_at, updated_at)
           VALUES (:campaignId, :stepNo, :customerId, :channel, :purpose, :attemptNo, 'planned', :at, NULL, :trace, :detail, :agentId, :now, :now) RETURNING id`,
          { ...r, purpose: last.purpose, attemptNo, trace, detail: `回电：${r.reason}`, agentId: r.assignedAgentId ?? null, now },
        );
        await em.insert(ContactEvent, { customerId: r.customerId, at: now, channel: r.channel, kind: 'callback_planned', summary: `已预约回电（${r.by}）：${r.reason}`, campaignId: r.campaignId, attemptId: Number(row.id), actorName: r.by, detail: { dueAt: r.at.toISOString(), attemptNo } });
        return { attemptId: Number(row.id), attemptNo };
      }),
    );
  }
}

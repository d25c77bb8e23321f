import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { DeskCallbackItem } from '@app/contracts';
import { type BranchScope, branchCondition, Clock, query } from '@app/core';
import { maskPhone } from '@app/scripts';
import { callbackReason, DeskViews } from '../desk/desk-views.service';
import { DeskCallRecord } from '../store/desk.entities';

/** At most this many callbacks are listed: an agent's are a handful, a center's a day's worth. */
const LISTED = 200;

/**
 * The callbacks agents promised and have not made yet, soonest first, each with the call it was
 * promised on: an agent sees their own, supervisors and admins those of the branches they see.
 */
@Injectable()
export class DeskCallbacks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: DeskViews,
    private readonly clock: Clock,
  ) {}

  async list(filter: { agentId?: string; scope: BranchScope }): Promise<DeskCallbackItem[]> {
    const branch = branchCondition(filter.scope, 'c.branch_code');
    const rows = await query<{ id: number; due_at: string | Date; detail: string | null; campaign_id: string; campaign_name: string; agent_id: string; customer_id: number; customer_no: string; company_name: string; legal_rep_name: string; phone: string; branch_code: string }>(
      this.dataSource,
      `SELECT a.id, a.due_at, a.detail, a.campaign_id, k.name AS campaign_name, a.assigned_agent_id AS agent_id,
              c.id AS customer_id, c.customer_no, c.company_name, c.legal_rep_name, c.phone, c.branch_code
         FROM contact_attempts a JOIN customers c ON c.id = a.customer_id JOIN campaigns k ON k.id = a.campaign_id
        WHERE a.state = 'planned' AND a.assigned_agent_id IS NOT NULL${filter.agentId ? ' AND a.assigned_agent_id = :agentId' : ''} AND ${branch.sql}
        ORDER BY a.due_at, a.id LIMIT ${LISTED}`,
      { agentId: filter.agentId, ...branch.params },
    );
    const earlier = new Map<number, DeskCallRecord>();
    if (rows.length) {
      const calls = await this.dataSource.getRepository(DeskCallRecord).find({ where: { callbackAttemptId: In(rows.map((r) => Number(r.id))) }, order: { id: 'ASC' } });
      for (const call of calls) earlier.set(call.callbackAttemptId!, call);
    }
    const now = this.clock.now().getTime();
    return Promise.all(
      rows.map(async (r) => {
        const dueAt = new Date(r.due_at);
        const call = earlier.get(Number(r.id));
        return {
          attemptId: Number(r.id),
          dueAt: dueAt.toISOString(),
          due: dueAt.getTime() <= now,
          reason: callbackReason(r.detail),
          campaignId: r.campaign_id,
          campaignName: r.campaign_name,
          agentId: r.agent_id,
          agentName: await this.views.agentName(r.agent_id),
          customer: { id: Number(r.customer_id), customerNo: r.customer_no, companyName: r.company_name, legalRepName: r.legal_rep_name, phoneMasked: maskPhone(r.phone), branchCode: r.branch_code },
          earlier: call ? await this.views.earlierCall(call) : null,
        };
      }),
    );
  }
}

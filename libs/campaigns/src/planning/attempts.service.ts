import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AttemptOutcome, AttemptState, Channel, ContactAttemptView, Page, PolicyRule, Purpose } from '@app/contracts';
import { type BranchScope, branchCondition, query, toDate } from '@app/core';
import type { AttemptsQuery } from '../campaigns/campaign.dto';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ContactPolicyService } from '../contact-policy/contact-policy.service';
import { evaluatePolicy } from '../policy/contact-policy';
import { normalizeFacts, type RawPlanFacts, replayInput } from './plan-facts';

interface AttemptRow {
  id: number;
  step_no: number;
  channel: Channel;
  purpose: Purpose;
  customer_id: number;
  customer_no: string;
  company_name: string;
  branch_code: string;
  attempt_no: number;
  state: AttemptState;
  due_at: unknown;
  reason: PolicyRule | null;
  outcome: AttemptOutcome | null;
  outcome_at: unknown;
  provider_id: string | null;
  provider_status: string | null;
  sent_at: unknown;
  duration_seconds: number | null;
  detail: string | null;
  send_tries: number;
  trace: string;
  planned_at: unknown;
}

/**
 * A campaign's attempts, each with the policy trace of its decision (replayed from the facts
 * planning stored); a user of one branch sees only the attempts on that branch's customers.
 */
@Injectable()
export class AttemptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly policy: ContactPolicyService,
  ) {}

  async page(campaignId: string, q: AttemptsQuery, scope: BranchScope): Promise<Page<ContactAttemptView>> {
    const campaign = await this.campaigns.find(campaignId);
    const inScope = branchCondition(scope, 'c.branch_code');
    const params: Record<string, unknown> = { campaignId, limit: q.pageSize, offset: q.offset, state: q.state, stepNo: q.stepNo, customerNo: q.customerNo, outcome: q.outcome, channel: q.channel, ...inScope.params };
    const filter = [
      'a.campaign_id = :campaignId',
      inScope.sql,
      q.state ? 'a.state = :state' : '',
      q.stepNo ? 'a.step_no = :stepNo' : '',
      q.customerNo ? 'c.customer_no = :customerNo' : '',
      q.outcome ? 'a.outcome = :outcome' : '',
      q.channel ? 'a.channel = :channel' : '',
    ].filter(Boolean).join(' AND ');
    const [{ n }] = await query<{ n: number }>(this.dataSource, `SELECT count(*) AS n FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE ${filter}`, params);
    const rows = await query<AttemptRow>(
      this.dataSource,
      `SELECT a.id, a.step_no, a.channel, a.purpose, a.customer_id, c.customer_no, c.company_name, c.branch_code, a.attempt_no, a.state, a.due_at, a.reason, a.outcome, a.outcome_at, a.provider_id, a.provider_status, a.sent_at, a.duration_seconds, a.detail, a.send_tries, a.trace, a.planned_at
        FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE ${filter} ORDER BY a.step_no, a.id LIMIT :limit OFFSET :offset`,
      params,
    );
    const settings = await this.policy.effective(campaign.policy);
    const calendar = await this.policy.calendar();
    const items = rows.map((r): ContactAttemptView => {
      const facts = normalizeFacts(JSON.parse(r.trace) as RawPlanFacts);
      const dueAt = toDate(r.due_at);
      // a planned attempt shows why its moment is allowed; a refused one why it was refused
      const replay = replayInput(dueAt && r.state !== 'skipped' && r.state !== 'holdout' ? { ...facts, from: dueAt.toISOString() } : facts, {
        settings,
        calendar,
        channel: r.channel,
        purpose: r.purpose,
        attemptNo: Number(r.attempt_no),
        campaignWindow: { startsAt: campaign.startsAt, endsAt: campaign.endsAt },
      });
      return {
        id: Number(r.id),
        campaignId,
        stepNo: Number(r.step_no),
        channel: r.channel,
        customerId: Number(r.customer_id),
        customerNo: r.customer_no,
        companyName: r.company_name,
        branchCode: r.branch_code,
        attemptNo: Number(r.attempt_no),
        state: r.state,
        dueAt: dueAt?.toISOString() ?? null,
        reason: r.reason,
        outcome: r.outcome,
        outcomeAt: toDate(r.outcome_at)?.toISOString() ?? null,
        providerId: r.provider_id,
        providerStatus: r.provider_status,
        sentAt: toDate(r.sent_at)?.toISOString() ?? null,
        durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
        detail: r.detail,
        sendTries: Number(r.send_tries),
        trace: evaluatePolicy(replay).trace,
        plannedAt: (toDate(r.planned_at) as Date).toISOString(),
      };
    });
    return { items, total: Number(n), page: q.page, pageSize: q.pageSize };
  }
}

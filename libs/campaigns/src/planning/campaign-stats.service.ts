import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AttemptState, BranchStats, CampaignStats, Channel, GroupConversion, PolicyRule, StepStats } from '@app/contracts';
import { query } from '@app/core';
import { CampaignsService } from '../campaigns/campaigns.service';

/** Converted: left the campaign's segment after the campaign took the customer in (the dormant account transacted…). */
const CONVERTED = `EXISTS (SELECT 1 FROM segment_memberships m WHERE m.segment_id = :segmentId AND m.customer_id = a.customer_id AND m.exited_at > a.planned_at)`;

function conversion(customers: number, converted: number): GroupConversion {
  return { customers, converted, rate: customers ? Math.round((converted / customers) * 10_000) / 10_000 : 0 };
}

/** A campaign's results, all counted in SQL: per step, per branch, and the treated group against the control group. */
@Injectable()
export class CampaignStatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
  ) {}

  async stats(id: string): Promise<CampaignStats> {
    const campaign = await this.campaigns.find(id);
    const params = { id, segmentId: campaign.segmentId };
    const byStep = new Map<number, StepStats>();
    const step = (no: number, channel: Channel) => {
      if (!byStep.has(no)) byStep.set(no, { stepNo: no, channel, byState: {}, byOutcome: {}, byReason: {} });
      return byStep.get(no) as StepStats;
    };
    const rows = await query<{ step_no: number; channel: Channel; state: AttemptState; outcome: string | null; reason: PolicyRule | null; n: number }>(
      this.dataSource,
      'SELECT a.step_no, a.channel, a.state, a.outcome, a.reason, count(*) AS n FROM contact_attempts a WHERE a.campaign_id = :id GROUP BY a.step_no, a.channel, a.state, a.outcome, a.reason ORDER BY a.step_no',
      params,
    );
    for (const r of rows) {
      const s = step(Number(r.step_no), r.channel);
      const n = Number(r.n);
      s.byState[r.state] = (s.byState[r.state] ?? 0) + n;
      if (r.outcome) s.byOutcome[r.outcome] = (s.byOutcome[r.outcome] ?? 0) + n;
      if (r.reason) s.byReason[r.reason] = (s.byReason[r.reason] ?? 0) + n;
    }
    const first = "a.campaign_id = :id AND a.step_no = 1 AND a.attempt_no = 1";
    const branches = await query<{ branch_code: string; members: number; planned: number; skipped: number; done: number; converted: number }>(
      this.dataSource,
      `SELECT c.branch_code, count(*) AS members,
          sum(CASE WHEN a.state IN ('planned', 'in_flight') THEN 1 ELSE 0 END) AS planned,
          sum(CASE WHEN a.state IN ('skipped', 'cancelled') THEN 1 ELSE 0 END) AS skipped,
          sum(CASE WHEN a.state = 'done' THEN 1 ELSE 0 END) AS done,
          sum(CASE WHEN a.state <> 'holdout' AND ${CONVERTED} THEN 1 ELSE 0 END) AS converted
        FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE ${first} GROUP BY c.branch_code ORDER BY c.branch_code`,
      params,
    );
    const groups = await query<{ grp: string; customers: number; converted: number }>(
      this.dataSource,
      `SELECT CASE WHEN a.state = 'holdout' THEN 'holdout' ELSE 'treated' END AS grp, count(*) AS customers, sum(CASE WHEN ${CONVERTED} THEN 1 ELSE 0 END) AS converted
        FROM contact_attempts a WHERE ${first} AND a.state NOT IN ('skipped', 'cancelled') GROUP BY CASE WHEN a.state = 'holdout' THEN 'holdout' ELSE 'treated' END`,
      params,
    );
    const group = (name: string) => {
      const g = groups.find((r) => r.grp === name);
      return conversion(Number(g?.customers ?? 0), Number(g?.converted ?? 0));
    };
    const treated = group('treated');
    const holdout = group('holdout');
    return {
      campaignId: id,
      steps: [...byStep.values()],
      branches: branches.map((b): BranchStats => ({ branchCode: b.branch_code, members: Number(b.members), planned: Number(b.planned), skipped: Number(b.skipped), done: Number(b.done), converted: Number(b.converted) })),
      treated,
      holdout,
      upliftPts: Math.round((treated.rate - holdout.rate) * 10_000) / 100,
    };
  }
}

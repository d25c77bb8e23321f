import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AttemptState, BranchStats, CampaignStats, Channel, PolicyRule, StepStats } from '@app/contracts';
import { type BranchScope, query } from '@app/core';
import { CampaignsService } from '../campaigns/campaigns.service';
import { conversion, endingsByRow, upliftPts } from './results-math';
import { CONVERTED, type EndingRow, endingsSql, FIRST_ATTEMPT, funnelSql, type FunnelRow, scopedAttempts } from './results-sql';

interface BranchRow {
  branch_code: string;
  members: number;
  planned: number;
  skipped: number;
  done: number;
  treated: number;
  converted: number;
  reached: number;
  holdout: number;
  holdout_converted: number;
}

/**
 * A campaign's results, all counted in SQL: per step (states, outcomes, refusals, the funnel and
 * how answered calls ended), per branch, and the treated group against the control group; a user
 * of one branch counts only that branch's customers.
 */
@Injectable()
export class CampaignStatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
  ) {}

  async stats(id: string, scope: BranchScope): Promise<CampaignStats> {
    const campaign = await this.campaigns.find(id);
    const attempts = scopedAttempts(scope);
    const params = { id, segmentId: campaign.segmentId, ...attempts.params };
    const funnel = funnelSql(scope, false);
    const endings = endingsSql(scope, false);
    const [counted, funnels, ended, branches] = await Promise.all([
      query<{ step_no: number; channel: Channel; state: AttemptState; outcome: string | null; reason: PolicyRule | null; n: number }>(
        this.dataSource,
        `SELECT a.step_no, a.channel, a.state, a.outcome, a.reason, count(*) AS n FROM ${attempts.from} WHERE ${attempts.where} GROUP BY a.step_no, a.channel, a.state, a.outcome, a.reason ORDER BY a.step_no`,
        params,
      ),
      query<FunnelRow>(this.dataSource, funnel.sql, params),
      query<EndingRow>(this.dataSource, endings.sql, params),
      this.branches(params, scope),
    ]);
    // a step's agent callbacks after an AI handover are a row of their own: rows are keyed by step and channel
    const key = (r: { step_no: number; channel: string }) => `${Number(r.step_no)}:${r.channel}`;
    const endingsOfRow = endingsByRow(ended);
    const steps = funnels.map(
      (f): StepStats => ({
        stepNo: Number(f.step_no),
        channel: f.channel as Channel,
        agentCallbacks: Number(f.agent_callbacks) === 1,
        byState: {},
        byOutcome: {},
        byReason: {},
        funnel: { targeted: Number(f.targeted), sent: Number(f.sent), reached: Number(f.reached), converted: Number(f.converted) },
        endings: endingsOfRow(f),
      }),
    );
    const byStep = new Map(steps.map((s) => [`${s.stepNo}:${s.channel}`, s]));
    // a few rows per step: the grouped counts folded into each step's maps
    for (const r of counted) {
      const s = byStep.get(key(r));
      if (!s) continue;
      const n = Number(r.n);
      s.byState[r.state] = (s.byState[r.state] ?? 0) + n;
      if (r.outcome) s.byOutcome[r.outcome] = (s.byOutcome[r.outcome] ?? 0) + n;
      if (r.reason) s.byReason[r.reason] = (s.byReason[r.reason] ?? 0) + n;
    }
    const sum = (pick: (b: BranchStats) => number) => branches.reduce((total, b) => total + pick(b), 0);
    const treated = conversion(sum((b) => b.treated), sum((b) => b.converted));
    const holdout = conversion(sum((b) => b.holdout), sum((b) => b.holdoutConverted));
    return { campaignId: id, steps, branches, treated, holdout, upliftPts: upliftPts(treated, holdout) };
  }

  /** Each customer once (its first step's first attempt), by branch. */
  private async branches(params: Record<string, string>, scope: BranchScope): Promise<BranchStats[]> {
    const { from, where } = scopedAttempts(scope, true);
    const treated = "a.state NOT IN ('holdout', 'skipped', 'cancelled')";
    // the customers reached at any step, joined once rather than asked per row
    const reachedSet = `LEFT JOIN (SELECT DISTINCT customer_id FROM contact_attempts WHERE campaign_id = :id AND outcome IN ('answered', 'delivered')) r ON r.customer_id = a.customer_id`;
    const rows = await query<BranchRow>(
      this.dataSource,
      `SELECT c.branch_code, count(*) AS members,
          sum(CASE WHEN a.state IN ('planned', 'in_flight') THEN 1 ELSE 0 END) AS planned,
          sum(CASE WHEN a.state IN ('skipped', 'cancelled') THEN 1 ELSE 0 END) AS skipped,
          sum(CASE WHEN a.state = 'done' THEN 1 ELSE 0 END) AS done,
          sum(CASE WHEN ${treated} THEN 1 ELSE 0 END) AS treated,
          sum(CASE WHEN ${treated} AND ${CONVERTED} THEN 1 ELSE 0 END) AS converted,
          sum(CASE WHEN ${treated} AND r.customer_id IS NOT NULL THEN 1 ELSE 0 END) AS reached,
          sum(CASE WHEN a.state = 'holdout' THEN 1 ELSE 0 END) AS holdout,
          sum(CASE WHEN a.state = 'holdout' AND ${CONVERTED} THEN 1 ELSE 0 END) AS holdout_converted
        FROM ${from} ${reachedSet} WHERE ${where} AND ${FIRST_ATTEMPT} GROUP BY c.branch_code ORDER BY c.branch_code`,
      params,
    );
    return rows.map(
      (b): BranchStats => ({
        branchCode: b.branch_code,
        members: Number(b.members),
        planned: Number(b.planned),
        skipped: Number(b.skipped),
        done: Number(b.done),
        treated: Number(b.treated),
        converted: Number(b.converted),
        reached: Number(b.reached),
        holdout: Number(b.holdout),
        holdoutConverted: Number(b.holdout_converted),
      }),
    );
  }
}

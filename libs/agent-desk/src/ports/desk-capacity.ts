import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CampaignPacing } from '@app/contracts';
import { query } from '@app/core';
import { AgentCapacity } from '@app/dispatch';
import { dialsAllowed } from '../pacing/dial-pacing';
import { SERVED_BRANCH } from '../routing/router';

/** How long a campaign's branches (of its customers still to call) are kept before they are read again. */
const BRANCHES_TTL_MS = 60_000;

/**
 * The AgentCapacity port of dispatch: how many agent calls a campaign may dial now, by its pacing
 * mode, the agents free who may take its calls (connected, available, not already promised to a
 * waiting call; the center's staff, or of a branch among its customers'), the calls still ringing,
 * and for predictive pacing the campaign's answer and abandon rates so far.
 */
@Injectable()
export class DeskCapacity extends AgentCapacity {
  private readonly branches = new Map<string, { at: number; codes: string[] }>();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** The branches of the customers a campaign still has agent calls planned for (read at most once a minute). */
  private async branchesOf(campaignId: string): Promise<string[]> {
    const known = this.branches.get(campaignId);
    if (known && Date.now() - known.at < BRANCHES_TTL_MS) return known.codes;
    const rows = await query<{ branch_code: string }>(
      this.dataSource,
      `SELECT DISTINCT c.branch_code FROM contact_attempts a JOIN customers c ON c.id = a.customer_id
        WHERE a.campaign_id = :campaignId AND a.channel = 'agent_call' AND a.state = 'planned' AND a.assigned_agent_id IS NULL`,
      { campaignId },
    );
    const codes = rows.map((r) => r.branch_code);
    for (const [id, kept] of this.branches) if (Date.now() - kept.at >= BRANCHES_TTL_MS) this.branches.delete(id);
    this.branches.set(campaignId, { at: Date.now(), codes });
    return codes;
  }

  /**
   * `inFlight` counts every channel of the campaign; the calls still ringing are counted here
   * instead: its agent calls in flight that reached no agent yet (an answered call has a desk call,
   * even in the moment between the agent's disposition and the carrier's final callback).
   */
  async dialsAllowed(campaignId: string, pacing: CampaignPacing): Promise<number> {
    if (pacing.mode === 'preview') return 0;
    // a branch's agents take only their branch's customers: free agents of other branches dial nothing here
    const branches = await this.branchesOf(campaignId);
    const ofBranch = branches.length ? ` OR u.branch_code IN (:...branches)` : '';
    const [free] = await query<{ agents: number; waiting: number }>(
      this.dataSource,
      `SELECT (SELECT count(*) FROM agent_states a JOIN users u ON u.id = a.agent_id
                WHERE a.presence = 'available' AND a.disconnected_at IS NULL AND a.call_id IS NULL AND (${SERVED_BRANCH} IS NULL${ofBranch})) AS agents,
              (SELECT count(*) FROM desk_calls WHERE state = 'waiting') AS waiting`,
      { branches },
    );
    const freeAgents = Number(free.agents) - Number(free.waiting);
    if (freeAgents <= 0) return 0;
    const [calls] = await query<{ answered: number; abandoned: number; live: number }>(
      this.dataSource,
      `SELECT count(*) AS answered,
              coalesce(sum(CASE WHEN state = 'abandoned' THEN 1 ELSE 0 END), 0) AS abandoned,
              coalesce(sum(CASE WHEN state IN ('waiting', 'connected') THEN 1 ELSE 0 END), 0) AS live
         FROM desk_calls WHERE campaign_id = :campaignId AND kind = 'outbound'`,
      { campaignId },
    );
    const [attempts] = await query<{ ended: number; ringing: number }>(
      this.dataSource,
      `SELECT coalesce(sum(CASE WHEN a.outcome IS NOT NULL THEN 1 ELSE 0 END), 0) AS ended,
              coalesce(sum(CASE WHEN a.state = 'in_flight' AND NOT EXISTS (SELECT 1 FROM desk_calls d WHERE d.attempt_id = a.id) THEN 1 ELSE 0 END), 0) AS ringing
         FROM contact_attempts a WHERE a.campaign_id = :campaignId AND a.channel = 'agent_call' AND (a.state = 'in_flight' OR a.outcome IS NOT NULL)`,
      { campaignId },
    );
    return dialsAllowed({
      pacing,
      freeAgents,
      ringing: Number(attempts.ringing),
      // dialled and done ringing: ended, or answered and still up
      stats: { dialled: Number(attempts.ended) + Number(calls.live), answered: Number(calls.answered), abandoned: Number(calls.abandoned) },
    });
  }
}

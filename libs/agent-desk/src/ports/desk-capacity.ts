import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CampaignPacing } from '@app/contracts';
import { query } from '@app/core';
import { AgentCapacity } from '@app/dispatch';
import { dialsAllowed } from '../pacing/dial-pacing';

/**
 * The AgentCapacity port of dispatch: how many agent calls a campaign may dial now, by its pacing
 * mode, the agents free (connected, available, not already promised to a waiting call), the calls
 * still ringing, and for predictive pacing the campaign's answer and abandon rates so far.
 */
@Injectable()
export class DeskCapacity extends AgentCapacity {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async dialsAllowed(campaignId: string, pacing: CampaignPacing, inFlight: number): Promise<number> {
    if (pacing.mode === 'preview') return 0;
    const [free] = await query<{ agents: number; waiting: number }>(
      this.dataSource,
      `SELECT (SELECT count(*) FROM agent_states WHERE presence = 'available' AND disconnected_at IS NULL AND call_id IS NULL) AS agents,
              (SELECT count(*) FROM desk_calls WHERE state = 'waiting') AS waiting`,
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
    const [ended] = await query<{ n: number }>(this.dataSource, "SELECT count(*) AS n FROM contact_attempts WHERE campaign_id = :campaignId AND channel = 'agent_call' AND outcome IS NOT NULL", { campaignId });
    const live = Number(calls.live);
    return dialsAllowed({
      pacing,
      freeAgents,
      ringing: Math.max(0, inFlight - live),
      stats: { dialled: Number(ended.n) + live, answered: Number(calls.answered), abandoned: Number(calls.abandoned) },
    });
  }
}

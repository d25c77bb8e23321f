import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AgentPresence, type Wallboard as WallboardView, type WallboardCampaign } from '@app/contracts';
import { AppConfig, type BranchScope, branchCondition, Clock, EVERY_BRANCH, query, startOfLocalDay } from '@app/core';
import { PRESENCES } from '../presence/presence';

/** Campaign progress is counted at most this often (its counts read every attempt of the campaigns). */
const CAMPAIGNS_EVERY_MS = 5000;

/**
 * What supervisors watch: every agent's state and time in it, calls in progress, the queue, today's
 * answered and abandoned agent calls, and the running campaigns' progress. Read from the database,
 * so each instance's wallboard shows the agents of every instance.
 */
@Injectable()
export class Wallboard {
  private campaigns: { at: number; rows: WallboardCampaign[] } = { at: 0, rows: [] };

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * The wallboard as a supervisor of `scope` sees it: a branch's supervisor, that branch's agents
   * and the calls of its customers (campaign progress stays whole: counts, not customers).
   */
  async snapshot(scope: BranchScope = EVERY_BRANCH): Promise<WallboardView> {
    const now = this.clock.now();
    const agentsIn = branchCondition(scope, 'u.branch_code');
    const callsIn = branchCondition(scope, 'branch_code');
    const agents = await query<{ agent_id: string; username: string; display_name: string | null; branch_code: string | null; presence: AgentPresence; presence_since: string | Date; disconnected_at: unknown; call_id: number | null; company_name: string | null }>(
      this.dataSource,
      `SELECT a.agent_id, u.username, u.display_name, u.branch_code, a.presence, a.presence_since, a.disconnected_at, a.call_id, c.company_name
         FROM agent_states a JOIN users u ON u.id = a.agent_id
         LEFT JOIN desk_calls d ON d.id = a.call_id LEFT JOIN customers c ON c.id = d.customer_id
        WHERE (u.role = 'agent' OR a.presence <> 'offline') AND ${agentsIn.sql}
        ORDER BY u.username`,
      agentsIn.params,
    );
    const [calls] = await query<{ in_progress: number; waiting: number; oldest: string | Date | null }>(
      this.dataSource,
      `SELECT coalesce(sum(CASE WHEN state = 'connected' THEN 1 ELSE 0 END), 0) AS in_progress,
              coalesce(sum(CASE WHEN state IN ('waiting', 'offered') THEN 1 ELSE 0 END), 0) AS waiting,
              min(CASE WHEN state IN ('waiting', 'offered') THEN waiting_since END) AS oldest
         FROM desk_calls WHERE state IN ('waiting', 'offered', 'connected') AND ${callsIn.sql}`,
      callsIn.params,
    );
    const [today] = await query<{ connected: number; answered: number; abandoned: number; handled: number; handoffs: number; handoffs_missed: number }>(
      this.dataSource,
      `SELECT coalesce(sum(CASE WHEN connected_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS connected,
              coalesce(sum(CASE WHEN kind = 'outbound' THEN 1 ELSE 0 END), 0) AS answered,
              coalesce(sum(CASE WHEN kind = 'outbound' AND state = 'abandoned' THEN 1 ELSE 0 END), 0) AS abandoned,
              coalesce(sum(CASE WHEN state = 'done' THEN 1 ELSE 0 END), 0) AS handled,
              coalesce(sum(CASE WHEN kind = 'ai_handoff' THEN 1 ELSE 0 END), 0) AS handoffs,
              coalesce(sum(CASE WHEN kind = 'ai_handoff' AND state = 'withdrawn' THEN 1 ELSE 0 END), 0) AS handoffs_missed
         FROM desk_calls WHERE waiting_since >= :since AND ${callsIn.sql}`,
      { since: startOfLocalDay(now, this.config.DEFAULT_TIME_ZONE), ...callsIn.params },
    );
    const presenceCounts = Object.fromEntries(PRESENCES.map((p) => [p, 0])) as Record<AgentPresence, number>;
    for (const a of agents) presenceCounts[a.presence] += 1;
    const answered = Number(today.answered);
    const abandoned = Number(today.abandoned);
    return {
      at: now.toISOString(),
      agents: agents.map((a) => ({
        agentId: a.agent_id,
        name: a.display_name || a.username,
        branchCode: a.branch_code,
        presence: a.presence,
        since: new Date(a.presence_since).toISOString(),
        connected: a.disconnected_at === null,
        callId: a.call_id === null ? null : Number(a.call_id),
        companyName: a.company_name,
      })),
      presenceCounts,
      callsInProgress: Number(calls.in_progress),
      queue: { waiting: Number(calls.waiting), longestWaitSeconds: calls.oldest ? Math.max(0, Math.round((now.getTime() - new Date(calls.oldest).getTime()) / 1000)) : 0 },
      today: { connected: Number(today.connected), answered, abandoned, abandonRatePct: answered ? Math.round((1000 * abandoned) / answered) / 10 : 0, handled: Number(today.handled), handoffs: Number(today.handoffs), handoffsMissed: Number(today.handoffs_missed) },
      campaigns: await this.campaignProgress(),
    };
  }

  private async campaignProgress(): Promise<WallboardCampaign[]> {
    if (Date.now() - this.campaigns.at < CAMPAIGNS_EVERY_MS) return this.campaigns.rows;
    const rows = await query<{ id: string; name: string; status: string; total: number; done: number; in_flight: number; planned: number }>(
      this.dataSource,
      `SELECT c.id, c.name, c.status, count(a.id) AS total,
              coalesce(sum(CASE WHEN a.state IN ('done', 'skipped', 'cancelled', 'holdout') THEN 1 ELSE 0 END), 0) AS done,
              coalesce(sum(CASE WHEN a.state = 'in_flight' THEN 1 ELSE 0 END), 0) AS in_flight,
              coalesce(sum(CASE WHEN a.state = 'planned' THEN 1 ELSE 0 END), 0) AS planned
         FROM campaigns c LEFT JOIN contact_attempts a ON a.campaign_id = c.id
        WHERE c.status IN ('running', 'paused')
        GROUP BY c.id, c.name, c.status ORDER BY c.name`,
    );
    this.campaigns = {
      at: Date.now(),
      rows: rows.map((r) => ({ id: r.id, name: r.name, status: r.status, total: Number(r.total), done: Number(r.done), inFlight: Number(r.in_flight), planned: Number(r.planned) })),
    };
    return this.campaigns.rows;
  }
}

import { type BranchScope, branchCondition } from '@app/core';
import type { EndingKind } from './results-math';

/** Converted: left the campaign's segment after the campaign took the customer in (the dormant account transacted…). */
export const CONVERTED = `EXISTS (SELECT 1 FROM segment_memberships m WHERE m.segment_id = :segmentId AND m.customer_id = a.customer_id AND m.exited_at > a.planned_at)`;
const REACHED = `a.outcome IN ('answered', 'delivered')`;

/** Each customer once: the first step's first attempt decides the control group and the policy's refusal. */
export const FIRST_ATTEMPT = 'a.step_no = 1 AND a.attempt_no = 1';

/**
 * The attempts of campaign `:id` that the viewer may see: the customers are joined only when a
 * branch must be matched (or `withCustomers` asks for their columns).
 */
export function scopedAttempts(scope: BranchScope, withCustomers = false): { from: string; where: string; params: Record<string, string> } {
  const inScope = branchCondition(scope, 'c.branch_code');
  const join = withCustomers || scope.branchCode !== null ? ' JOIN customers c ON c.id = a.customer_id' : '';
  return { from: `contact_attempts a${join}`, where: `a.campaign_id = :id AND ${inScope.sql}`, params: inScope.params };
}

export interface FunnelRow {
  branch_code?: string;
  step_no: number;
  channel: string;
  targeted: number;
  sent: number;
  reached: number;
  converted: number;
  pending: number;
  skipped: number;
  holdout: number;
  holdout_converted: number;
  /** 1: the agent callbacks promised after the step's AI calls were handed over (see StepStats.agentCallbacks). */
  agent_callbacks: number;
}

/**
 * Per step (and per branch with `byBranch`), in customers, one grouped query: the funnel
 * planned (the policy let them be contacted) → sent → reached → converted, what is still to send, what the policy refused, and the
 * control group (on the first step only, where it is drawn). Calls of another channel than the
 * step's own (an agent's callback after an AI handover) are a row of their own, after the step's.
 */
export function funnelSql(scope: BranchScope, byBranch: boolean): { sql: string; params: Record<string, string> } {
  const { from, where, params } = scopedAttempts(scope, byBranch);
  const keys = byBranch ? 'c.branch_code, a.step_no, a.channel' : 'a.step_no, a.channel';
  const customers = (condition: string) => `count(DISTINCT CASE WHEN ${condition} THEN a.customer_id END)`;
  return {
    sql: `SELECT ${keys},
        ${customers("a.state NOT IN ('holdout', 'skipped', 'cancelled')")} AS targeted,
        ${customers('a.sent_at IS NOT NULL')} AS sent,
        ${customers(REACHED)} AS reached,
        ${customers(`${REACHED} AND ${CONVERTED}`)} AS converted,
        ${customers("a.state IN ('planned', 'in_flight', 'review')")} AS pending,
        ${customers("a.state IN ('skipped', 'cancelled')")} AS skipped,
        ${customers("a.state = 'holdout'")} AS holdout,
        ${customers(`a.state = 'holdout' AND ${CONVERTED}`)} AS holdout_converted,
        max(CASE WHEN s.channel <> a.channel THEN 1 ELSE 0 END) AS agent_callbacks
      FROM ${from} LEFT JOIN campaign_steps s ON s.campaign_id = a.campaign_id AND s.step_no = a.step_no
      WHERE ${where} GROUP BY ${keys} ORDER BY ${byBranch ? 'c.branch_code, ' : ''}a.step_no, agent_callbacks, a.channel`,
    params,
  };
}

export interface EndingRow {
  branch_code?: string;
  step_no: number;
  channel: string;
  kind: EndingKind;
  /** A ConversationOutcome (kind `ai`) or a Disposition (kind `agent`); null: answered, nothing recorded yet. */
  code: string | null;
  customers: number;
}

/**
 * How answered calls ended, per step (and per branch with `byBranch`), in customers, one grouped
 * query over three sources: an AI call's own outcome (its conversation: a handed-over call stays
 * `handed_off`, though the agent's disposition overwrites the attempt's), what the agent recorded
 * for an AI call put through to them (its desk call, counted on the AI step), and an agent call's
 * disposition. Read-only over the conversations and desk tables, which this lib may not import.
 */
export function endingsSql(scope: BranchScope, byBranch: boolean): { sql: string; params: Record<string, string> } {
  const { from, where, params } = scopedAttempts(scope, byBranch);
  const keys = byBranch ? 'c.branch_code, a.step_no, a.channel' : 'a.step_no, a.channel';
  const endings = `SELECT x.id AS attempt_id, 'ai' AS kind, v.outcome AS code
        FROM contact_attempts x LEFT JOIN conversations v ON v.attempt_id = x.id
        WHERE x.campaign_id = :id AND x.channel = 'ai_call' AND x.outcome = 'answered'
      UNION ALL
      SELECT d.attempt_id, 'agent', d.disposition FROM desk_calls d WHERE d.campaign_id = :id AND d.kind = 'ai_handoff' AND d.state = 'done'
      UNION ALL
      SELECT x.id, 'agent', x.disposition FROM contact_attempts x WHERE x.campaign_id = :id AND x.channel = 'agent_call' AND x.outcome = 'answered'`;
  return {
    sql: `SELECT ${keys}, e.kind, e.code, count(DISTINCT a.customer_id) AS customers
      FROM ${from} JOIN (${endings}) e ON e.attempt_id = a.id
      WHERE ${where} GROUP BY ${keys}, e.kind, e.code`,
    params,
  };
}

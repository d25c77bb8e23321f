import { type BranchScope, branchCondition } from '@app/core';

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
}

/**
 * Per step (and per branch with `byBranch`), in customers, one grouped query: the funnel
 * planned (the policy let them be contacted) → sent → reached → converted, what is still to send, what the policy refused, and the
 * control group (on the first step only, where it is drawn).
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
        ${customers(`a.state = 'holdout' AND ${CONVERTED}`)} AS holdout_converted
      FROM ${from} WHERE ${where} GROUP BY ${keys} ORDER BY ${keys}`,
    params,
  };
}

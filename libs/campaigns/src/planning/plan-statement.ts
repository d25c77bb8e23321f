import { channelClass, type Channel, type ContactPolicySettings, type Purpose, RETRY_OUTCOMES, type RetryOutcome } from '@app/contracts';
import type { ContactWindow } from '../policy/contact-policy';
import { holdoutBucketSql } from './holdout';
import { activeDncSql, channelsOfClass, COUNTED_CONTACT_SQL, dncChannelsCovering, UNREACHED_SQL } from './policy-sql';

export type Dialect = 'postgres' | 'sqlite';

/** Where a step's candidates come from, as SQL yielding `customer_id, attempt_no, base_at`. */
export interface CandidateSource {
  kind: 'members' | 'next_step' | 'retry';
  sql: string;
  params: Record<string, unknown>;
}

export interface StepContext {
  dialect: Dialect;
  campaignId: string;
  segmentId: string;
  stepNo: number;
  channel: Channel;
  purpose: Purpose;
  settings: ContactPolicySettings;
  holdoutPct: number;
  holdoutSeed: number;
}

const sql = (dialect: Dialect) => ({
  greatest: (...xs: string[]) => (dialect === 'postgres' ? `GREATEST(${xs.join(', ')})` : `max(${xs.join(', ')})`),
  plusMinutes: (at: string, minutes: string) =>
    dialect === 'postgres' ? `(${at} + make_interval(mins => CAST(${minutes} AS integer)))` : `strftime('%Y-%m-%d %H:%M:%f', ${at}, '+' || (${minutes}) || ' minutes')`,
  timestamp: (param: string) => (dialect === 'postgres' ? `CAST(${param} AS timestamptz)` : param),
  json: (pairs: Array<[string, string]>) =>
    dialect === 'postgres' ? `json_build_object(${pairs.map(([k, v]) => `'${k}', ${v}`).join(', ')})::text` : `json_object(${pairs.map(([k, v]) => `'${k}', ${v}`).join(', ')})`,
  bool: (expr: string) => (dialect === 'postgres' ? `(${expr})` : `(CASE WHEN ${expr} THEN 1 ELSE 0 END)`),
});

/** Members of the segment not yet planned for step 1: those at the campaign's start (snapshot) or now (continuous). */
export function membersSource(dialect: Dialect, snapshotAt: Date | null): CandidateSource {
  return {
    kind: 'members',
    sql: `SELECT m.customer_id, 1 AS attempt_no, ${sql(dialect).timestamp(':from')} AS base_at FROM segment_memberships m
      WHERE m.segment_id = :segmentId AND m.exited_at IS NULL${snapshotAt ? ' AND m.entered_at <= :snapshotAt' : ''}
        AND NOT EXISTS (SELECT 1 FROM contact_attempts x WHERE x.campaign_id = :campaignId AND x.step_no = :stepNo AND x.customer_id = m.customer_id)`,
    params: snapshotAt ? { snapshotAt } : {},
  };
}

/** The retry outcomes the settings retry, and the SQL of "this attempt will still be retried". */
function retryable(settings: ContactPolicySettings): { outcomes: RetryOutcome[]; sql: string } {
  const outcomes = RETRY_OUTCOMES.filter((o) => settings.retryMinutes[o] !== null);
  return { outcomes, sql: outcomes.length ? `(a.outcome IN (:...retryOutcomes) AND a.attempt_no < :maxAttempts)` : '(1 = 0)' };
}

/** A customer's last attempt at a step, finished. */
const LAST_DONE = `a.campaign_id = :campaignId AND a.step_no = :prevStep AND a.state = 'done'
  AND NOT EXISTS (SELECT 1 FROM contact_attempts n WHERE n.campaign_id = a.campaign_id AND n.step_no = a.step_no AND n.customer_id = a.customer_id AND n.attempt_no > a.attempt_no)`;

/**
 * Customers whose previous step ended (no retry left) in a way that calls for this step, due
 * its delay after that outcome.
 */
export function nextStepSource(dialect: Dialect, settings: ContactPolicySettings, runIf: 'always' | 'reached' | 'not_reached', delayMinutes: number, prevStep: number): CandidateSource {
  const s = sql(dialect);
  const retry = retryable(settings);
  const unreached = `a.outcome IN (${UNREACHED_SQL})`;
  const condition = { always: `NOT ${retry.sql}`, reached: `a.outcome IS NOT NULL AND NOT (${unreached})`, not_reached: `${unreached} AND NOT ${retry.sql}` }[runIf];
  return {
    kind: 'next_step',
    sql: `SELECT a.customer_id, 1 AS attempt_no, ${s.plusMinutes('a.outcome_at', ':delayMinutes')} AS base_at FROM contact_attempts a
      WHERE ${LAST_DONE} AND ${condition}
        AND NOT EXISTS (SELECT 1 FROM contact_attempts x WHERE x.campaign_id = :campaignId AND x.step_no = :stepNo AND x.customer_id = a.customer_id)`,
    params: { prevStep, delayMinutes, retryOutcomes: retry.outcomes, maxAttempts: settings.maxAttempts },
  };
}

/** The next attempt at a step after a busy line, no answer…, its wait after that outcome. */
export function retrySource(dialect: Dialect, settings: ContactPolicySettings, stepNo: number): CandidateSource | null {
  const retry = retryable(settings);
  if (!retry.outcomes.length) return null;
  const s = sql(dialect);
  const wait = `CASE a.outcome ${retry.outcomes.map((o) => `WHEN '${o}' THEN ${Number(settings.retryMinutes[o])}`).join(' ')} END`;
  return {
    kind: 'retry',
    sql: `SELECT a.customer_id, a.attempt_no + 1 AS attempt_no, ${s.plusMinutes('a.outcome_at', wait)} AS base_at FROM contact_attempts a
      WHERE ${LAST_DONE} AND ${retry.sql}`,
    params: { prevStep: stepNo, retryOutcomes: retry.outcomes, maxAttempts: settings.maxAttempts },
  };
}

/**
 * The one statement that gates a step's candidates through the contact policy and writes their
 * attempts: holdout, do-not-contact (by customer or phone), consent, frequency caps across all
 * campaigns, then the first allowed window in the customer's zone at or after the earliest
 * moment. `windows` are the policy's windows per zone, computed by the pure module.
 */
export function gateStatement(ctx: StepContext, source: CandidateSource, windows: Array<{ zone: string } & ContactWindow>): { sql: string; params: Record<string, unknown> } {
  const s = sql(ctx.dialect);
  const pg = ctx.dialect === 'postgres';
  const cls = channelClass(ctx.channel);
  const marketing = ctx.purpose === 'marketing';
  const cap = ctx.settings.caps[cls];
  const params: Record<string, unknown> = {
    ...source.params,
    campaignId: ctx.campaignId,
    segmentId: ctx.segmentId,
    stepNo: ctx.stepNo,
    channel: ctx.channel,
    purpose: ctx.purpose,
    dncChannels: dncChannelsCovering(ctx.channel),
    classChannels: channelsOfClass(ctx.channel),
    capMax: cap.max,
    capDays: cap.days * 24 * 60,
    holdoutSeed: ctx.holdoutSeed,
    holdoutPct: ctx.holdoutPct,
  };
  const values = windows.map((w, i) => {
    Object.assign(params, { [`wz${i}`]: w.zone, [`ws${i}`]: w.start, [`we${i}`]: w.end });
    return `(${pg ? `CAST(:wz${i} AS varchar)` : `:wz${i}`}, ${s.timestamp(`:ws${i}`)}, ${s.timestamp(`:we${i}`)})`;
  });
  // no window at all: a VALUES list needs a row, so one that matches nothing
  const windowRows = values.length ? values.join(', ') : `(${pg ? 'CAST(NULL AS varchar)' : 'NULL'}, ${s.timestamp(':from')}, ${s.timestamp(':from')})`;
  const holdout = source.kind === 'members' && ctx.holdoutPct > 0 ? `${holdoutBucketSql('k.customer_id')} < :holdoutPct` : '1 = 0';
  const consent = marketing ? `cu.${cls === 'sms' ? 'consent_sms' : 'consent_call'} = :yes` : '1 = 1';
  params.yes = true;
  const dnc = activeDncSql(!marketing);
  const caps = marketing
    ? `, cap AS (
        SELECT r.customer_id, ${s.plusMinutes('r.due_at', ':capDays')} AS free_at FROM (
          SELECT a.customer_id, a.due_at, row_number() OVER (PARTITION BY a.customer_id ORDER BY a.due_at DESC) AS rn
          FROM contact_attempts a WHERE a.customer_id IN (SELECT customer_id FROM cand) AND a.channel IN (:...classChannels)
            AND ${COUNTED_CONTACT_SQL} AND a.due_at > :capSince) r
        WHERE r.rn = :capMax)`
    : '';
  const body = `WITH cand AS MATERIALIZED (${source.sql}),
    w(zone, ws, we) AS (VALUES ${windowRows}),
    dn AS (
      -- per customer: one without end wins, else the last end; the decisive entry's channel, scope and reason go into the trace
      SELECT y.customer_id, y.forever, y.until, y.channel, y.scope, y.reason FROM (
        SELECT x.customer_id, max(x.forever) OVER (PARTITION BY x.customer_id) AS forever, max(x.until) OVER (PARTITION BY x.customer_id) AS until, x.channel, x.scope, x.reason,
          row_number() OVER (PARTITION BY x.customer_id ORDER BY x.forever DESC, x.until DESC) AS rn FROM (
          SELECT k.customer_id, CASE WHEN d.until IS NULL THEN 1 ELSE 0 END AS forever, d.until, d.channel, d.scope, d.reason FROM cand k JOIN do_not_contact d ON d.customer_id = k.customer_id WHERE ${dnc}
          UNION ALL
          SELECT k.customer_id, CASE WHEN d.until IS NULL THEN 1 ELSE 0 END AS forever, d.until, d.channel, d.scope, d.reason FROM cand k JOIN customers pc ON pc.id = k.customer_id JOIN do_not_contact d ON d.phone = pc.phone WHERE ${dnc}
        ) x) y WHERE y.rn = 1)${caps},
    g AS MATERIALIZED (
      SELECT k.customer_id, k.attempt_no, cu.time_zone, ${s.greatest('k.base_at', s.timestamp(':from'))} AS base_at,
        ${s.bool(holdout)} AS holdout, ${s.bool(consent)} AS consent,
        COALESCE(dn.forever, 0) AS dnc_forever, dn.until AS dnc_until, dn.channel AS dnc_channel, dn.scope AS dnc_scope, dn.reason AS dnc_reason, ${marketing ? 'cap.free_at' : s.timestamp('NULL')} AS cap_free_at
      FROM cand k JOIN customers cu ON cu.id = k.customer_id
      LEFT JOIN dn ON dn.customer_id = k.customer_id${marketing ? ' LEFT JOIN cap ON cap.customer_id = k.customer_id' : ''}),
    e AS (SELECT g.*, ${s.greatest('g.base_at', 'COALESCE(g.cap_free_at, g.base_at)', 'COALESCE(g.dnc_until, g.base_at)')} AS earliest FROM g),
    -- materialized: the insert reads due four times; inlined, the window lookup would run four times per customer
    due_by AS MATERIALIZED (
      SELECT z.time_zone, z.earliest, (SELECT min(${s.greatest('w.ws', 'z.earliest')}) FROM w WHERE w.zone = z.time_zone AND w.we > z.earliest) AS due
      FROM (SELECT DISTINCT time_zone, earliest FROM e) z)`;
  const refused = `e.holdout = ${pg ? 'true' : '1'} OR e.dnc_forever = 1 OR e.consent = ${pg ? 'false' : '0'} OR db.due IS NULL`;
  const insert = `INSERT INTO contact_attempts (campaign_id, step_no, customer_id, channel, purpose, attempt_no, state, due_at, reason, trace, planned_at, updated_at)
    SELECT :campaignId, :stepNo, e.customer_id, :channel, :purpose, e.attempt_no,
      CASE WHEN e.holdout = ${pg ? 'true' : '1'} THEN 'holdout' WHEN ${refused} THEN 'skipped' ELSE 'planned' END,
      CASE WHEN ${refused} THEN NULL ELSE db.due END,
      CASE WHEN e.holdout = ${pg ? 'true' : '1'} THEN 'holdout' WHEN e.dnc_forever = 1 THEN 'do_not_contact' WHEN e.consent = ${pg ? 'false' : '0'} THEN 'consent' WHEN db.due IS NULL THEN 'campaign_window' END,
      ${s.json([
        ['from', 'e.base_at'],
        ['timeZone', 'e.time_zone'],
        ['holdout', 'e.holdout'],
        ['dncForever', 'e.dnc_forever'],
        ['dncUntil', 'e.dnc_until'],
        ['dncChannel', 'e.dnc_channel'],
        ['dncScope', 'e.dnc_scope'],
        ['dncReason', 'e.dnc_reason'],
        ['consent', 'e.consent'],
        ['capFreeAt', 'e.cap_free_at'],
      ])},
      :now, :now
    FROM e JOIN due_by db ON db.time_zone = e.time_zone AND db.earliest = e.earliest
    WHERE true
    ON CONFLICT (campaign_id, step_no, customer_id, attempt_no) DO NOTHING`;
  const text = pg ? `${body}, ins AS (${insert} RETURNING state) SELECT state, count(*) AS n FROM ins GROUP BY state` : `${body} ${insert} RETURNING state`;
  return { sql: text, params };
}

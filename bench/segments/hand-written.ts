import { addDays } from '@app/segments';

/**
 * The bench's yardstick: each segment's predicate as a person would write it in psql, with its
 * dates and amounts as literals for the day at hand, and the same refresh diff as the service
 * runs, as one statement. Every predicate picks exactly the customers of the compiled rule (the
 * bench checks the two membership sets are equal).
 */
export interface HandWritten {
  /** `customers c` and any history join. */
  from: string;
  where: string;
}

/** Literal SQL dates relative to the bank's day; `history` is the feed the look-back compares with. */
export interface Day {
  asOf: string;
  history30: string | null;
}

const date = (d: string): string => `DATE '${d}'`;
const back = (day: Day, days: number): string => date(addDays(day.asOf, -days));

export const CUSTOM_BRANCHES = ['BR001', 'BR002', 'BR006', 'BR007'];

export const HAND_WRITTEN: Record<string, (day: Day) => HandWritten> = {
  new_account: (day) => ({ from: 'customers c', where: `c.opened_at BETWEEN ${back(day, 30)} AND ${date(day.asOf)}` }),
  dormant: (day) => ({
    from: 'customers c',
    where: `(c.last_txn_at <= ${back(day, 180)} OR (c.last_txn_at IS NULL AND c.opened_at <= ${back(day, 180)}))`,
  }),
  points_expiring: (day) => ({
    from: 'customers c',
    where: `c.points_balance > 0 AND c.points_expire_at BETWEEN ${date(day.asOf)} AND ${date(addDays(day.asOf, 30))}`,
  }),
  near_upgrade: () => ({
    from: 'customers c',
    where: 'c.tier < 5 AND c.avg_daily_balance_fen * 10 >= c.next_tier_threshold_fen * 8 AND c.avg_daily_balance_fen < c.next_tier_threshold_fen',
  }),
  key_slipping: (day) => ({
    from: `customers c LEFT JOIN customer_daily h ON h.customer_id = c.id AND h.feed_date = ${day.history30 ? date(day.history30) : 'NULL'}`,
    where: `c.tier >= 3 AND (c.last_txn_at <= ${back(day, 30)} OR (h.avg_daily_balance_fen > 0 AND c.avg_daily_balance_fen * 10 <= h.avg_daily_balance_fen * 7))`,
  }),
  online_banking_inactive: (day) => ({ from: 'customers c', where: `NOT c.online_banking_activated AND c.opened_at <= ${back(day, 7)}` }),
  custom: (day) => ({
    from: 'customers c',
    where: [
      'c.tier >= 2',
      'NOT c.has_loan',
      'c.avg_daily_balance_fen >= 20000000',
      `c.branch_code IN (${CUSTOM_BRANCHES.map((b) => `'${b}'`).join(', ')})`,
      `(NOT c.mobile_banking_active OR c.last_txn_at <= ${back(day, 60)})`,
    ].join(' AND '),
  }),
};

/** The service's diff (segment-refresh.service.ts, diffPostgres) with literals in place of parameters. */
export function handRefreshSql(sql: HandWritten, segmentId: string, refreshId: string, now: Date): string {
  const at = `TIMESTAMPTZ '${now.toISOString()}'`;
  return `WITH matching AS MATERIALIZED (
  SELECT c.id FROM ${sql.from} WHERE ${sql.where}
), diff AS MATERIALIZED (
  SELECT coalesce(matching.id, cur.customer_id) AS customer_id, matching.id IS NOT NULL AS entering
  FROM matching FULL JOIN (
    SELECT customer_id FROM segment_memberships WHERE segment_id = '${segmentId}' AND exited_at IS NULL
  ) cur ON cur.customer_id = matching.id
  WHERE matching.id IS NULL OR cur.customer_id IS NULL
), exited AS (
  UPDATE segment_memberships m SET exited_at = ${at}, exited_refresh_id = '${refreshId}'
  FROM diff
  WHERE NOT diff.entering AND m.segment_id = '${segmentId}' AND m.customer_id = diff.customer_id AND m.exited_at IS NULL
  RETURNING 1
), entered AS (
  INSERT INTO segment_memberships (segment_id, customer_id, version, entered_at, entered_refresh_id)
  SELECT '${segmentId}', diff.customer_id, 1, ${at}, '${refreshId}' FROM diff
  WHERE diff.entering
  RETURNING 1
)
SELECT (SELECT count(*) FROM matching) AS members, (SELECT count(*) FROM entered) AS entered, (SELECT count(*) FROM exited) AS exited`;
}

export function handCountSql(sql: HandWritten): string {
  return `SELECT count(*) AS n FROM ${sql.from} WHERE ${sql.where}`;
}

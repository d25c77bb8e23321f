import type { QueryRunner } from 'typeorm';
import { isPostgres, query } from '@app/core';
import { STORED_COLUMNS } from './feed-columns';
import { STAGING_TABLE } from './import-staging';

export interface MergeResult {
  imported: number;
  updated: number;
  unchanged: number;
  duplicates: { line: number; customerNo: string; firstLine: number }[];
}

/** Keep this many days of per-customer daily history (DESIGN §4). */
export const DAILY_HISTORY_DAYS = 90;

/** ISO date minus N days. */
export function minusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * Merges the staging table into `customers` and `customer_daily` in one transaction, as a few
 * set-based statements: later duplicates of a customer number are refused, counts come from one
 * join, the upsert touches only rows whose values changed. Column names come from STORED_COLUMNS,
 * never from the file; every value is a bound parameter.
 */
export async function mergeStaging(qr: QueryRunner, options: { asOf: string; now: Date; keepAbsent: ReadonlySet<string> }): Promise<MergeResult> {
  const pg = isPostgres(qr);
  const distinct = pg ? 'IS DISTINCT FROM' : 'IS NOT';
  const date = (param: string) => (pg ? `CAST(:${param} AS date)` : `:${param}`);
  const instant = (param: string) => (pg ? `CAST(:${param} AS timestamptz)` : `:${param}`);
  // optional columns the file did not have keep what the customer had
  const merged = STORED_COLUMNS.filter((c) => !options.keepAbsent.has(c.column)).map((c) => c.column);
  const compared = merged.filter((c) => c !== 'customer_no');
  const all = STORED_COLUMNS.map((c) => c.column);

  await qr.startTransaction();
  try {
    if (pg) await qr.query(`SELECT pg_advisory_xact_lock(hashtext('customer-import'))`);
    const duplicates = await query<{ line: number; customer_no: string; first_line: number }>(
      qr,
      `SELECT s.line AS line, s.customer_no AS customer_no, f.first_line AS first_line
         FROM ${STAGING_TABLE} s
         JOIN (SELECT customer_no, MIN(line) AS first_line FROM ${STAGING_TABLE} GROUP BY customer_no HAVING COUNT(*) > 1) f
           ON f.customer_no = s.customer_no
        WHERE s.line > f.first_line
        ORDER BY s.line`,
    );
    if (duplicates.length) {
      await qr.query(
        `DELETE FROM ${STAGING_TABLE} WHERE line IN (
           SELECT s.line FROM ${STAGING_TABLE} s
            JOIN (SELECT customer_no, MIN(line) AS first_line FROM ${STAGING_TABLE} GROUP BY customer_no HAVING COUNT(*) > 1) f
              ON f.customer_no = s.customer_no
           WHERE s.line > f.first_line)`,
      );
    }

    const [counts] = await query<{ total: number; imported: number; updated: number }>(
      qr,
      `SELECT COUNT(*) AS total,
              COALESCE(SUM(CASE WHEN c.id IS NULL THEN 1 ELSE 0 END), 0) AS imported,
              COALESCE(SUM(CASE WHEN c.id IS NOT NULL AND (${compared.map((col) => `c.${col}`).join(', ')}) ${distinct} (${compared.map((col) => `s.${col}`).join(', ')}) THEN 1 ELSE 0 END), 0) AS updated
         FROM ${STAGING_TABLE} s LEFT JOIN customers c ON c.customer_no = s.customer_no`,
    );

    await query(
      qr,
      `INSERT INTO customers (${all.join(', ')}, last_feed_date, created_at, updated_at)
       SELECT ${all.join(', ')}, ${date('asOf')}, ${instant('now')}, ${instant('now')} FROM ${STAGING_TABLE} WHERE true
       ON CONFLICT (customer_no) DO UPDATE SET
         ${compared.map((col) => `${col} = excluded.${col}`).join(', ')}, last_feed_date = excluded.last_feed_date, updated_at = excluded.updated_at
       WHERE (${compared.map((col) => `customers.${col}`).join(', ')}) ${distinct} (${compared.map((col) => `excluded.${col}`).join(', ')})`,
      { asOf: options.asOf, now: options.now },
    );

    const daily = ['avg_daily_balance_fen', 'last_txn_at', 'points_balance', 'tier'];
    await query(
      qr,
      `INSERT INTO customer_daily (customer_id, feed_date, ${daily.join(', ')})
       SELECT c.id, ${date('asOf')}, ${daily.map((col) => `s.${col}`).join(', ')}
         FROM ${STAGING_TABLE} s JOIN customers c ON c.customer_no = s.customer_no WHERE true
       ON CONFLICT (customer_id, feed_date) DO UPDATE SET ${daily.map((col) => `${col} = excluded.${col}`).join(', ')}
       WHERE (${daily.map((col) => `customer_daily.${col}`).join(', ')}) ${distinct} (${daily.map((col) => `excluded.${col}`).join(', ')})`,
      { asOf: options.asOf },
    );
    await query(qr, `DELETE FROM customer_daily WHERE feed_date < ${date('cutoff')}`, { cutoff: minusDays(options.asOf, DAILY_HISTORY_DAYS) });
    await qr.commitTransaction();

    const total = Number(counts.total);
    const imported = Number(counts.imported);
    const updated = Number(counts.updated);
    return {
      imported,
      updated,
      unchanged: total - imported - updated,
      duplicates: duplicates.map((d) => ({ line: Number(d.line), customerNo: d.customer_no, firstLine: Number(d.first_line) })),
    };
  } catch (error) {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    throw error;
  }
}

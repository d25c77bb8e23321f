import type { QueryRunner } from 'typeorm';
import { execute, isPostgres, query } from '@app/core';
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

/** Room for the merge's hash joins and the duplicate check over a million staged rows (the default 4MB spills to disk). */
const MERGE_WORK_MEM = '128MB';

export interface MergeOptions {
  asOf: string;
  now: Date;
  keepAbsent: ReadonlySet<string>;
  /** Rows in the staging table. */
  staged: number;
  /** The staged customer numbers are known to be all different (they came in ascending order). */
  distinct: boolean;
}

/**
 * Merges the staging table into `customers` and `customer_daily` in one transaction, as a few
 * set-based statements: later duplicates of a customer number are refused (looked for only when the
 * numbers did not come in ascending order), changed customers are
 * updated and new ones inserted (the two counts are the statements' row counts), then the day's
 * history row is written. Column names come from STORED_COLUMNS, never from the file; every value
 * is a bound parameter. New customers are inserted without ON CONFLICT: only imports create
 * customers and they hold the import lock (PostgreSQL) or the only connection (SQLite).
 */
export async function mergeStaging(qr: QueryRunner, options: MergeOptions): Promise<MergeResult> {
  const pg = isPostgres(qr);
  await qr.startTransaction();
  try {
    if (pg) {
      await qr.query(`SELECT pg_advisory_xact_lock(hashtext('customer-import'))`);
      await qr.query(`SET LOCAL work_mem = '${MERGE_WORK_MEM}'`);
    }
    const duplicates = options.distinct ? [] : await removeDuplicates(qr);
    const updated = await execute(qr, updateChangedCustomers(pg, options.keepAbsent), { asOf: options.asOf, now: options.now });
    const imported = await execute(qr, insertNewCustomers(pg), { asOf: options.asOf, now: options.now });
    await execute(qr, updateChangedDaily(pg), { asOf: options.asOf });
    await execute(qr, insertNewDaily(pg), { asOf: options.asOf });
    await query(qr, `DELETE FROM customer_daily WHERE feed_date < ${date(pg, 'cutoff')}`, { cutoff: minusDays(options.asOf, DAILY_HISTORY_DAYS) });
    await qr.commitTransaction();
    return { imported, updated, unchanged: options.staged - duplicates.length - imported - updated, duplicates };
  } catch (error) {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    throw error;
  }
}

function date(pg: boolean, param: string): string {
  return pg ? `CAST(:${param} AS date)` : `:${param}`;
}

function instant(pg: boolean, param: string): string {
  return pg ? `CAST(:${param} AS timestamptz)` : `:${param}`;
}

/** `(a.x, a.y) IS DISTINCT FROM (b.x, b.y)` in the database's dialect. */
function differs(pg: boolean, columns: readonly string[], left: string, right: string): string {
  return `(${columns.map((c) => `${left}.${c}`).join(', ')}) ${pg ? 'IS DISTINCT FROM' : 'IS NOT'} (${columns.map((c) => `${right}.${c}`).join(', ')})`;
}

const DUPLICATE_LINES = `SELECT s.line AS line, s.customer_no AS customer_no, f.first_line AS first_line
   FROM ${STAGING_TABLE} s
   JOIN (SELECT customer_no, MIN(line) AS first_line FROM ${STAGING_TABLE} GROUP BY customer_no HAVING COUNT(*) > 1) f
     ON f.customer_no = s.customer_no
  WHERE s.line > f.first_line`;

/** Later lines of a customer number already in the file are refused and taken out of staging. */
async function removeDuplicates(qr: QueryRunner): Promise<MergeResult['duplicates']> {
  const rows = await query<{ line: number; customer_no: string; first_line: number }>(qr, `${DUPLICATE_LINES} ORDER BY s.line`);
  if (rows.length) await qr.query(`DELETE FROM ${STAGING_TABLE} WHERE line IN (SELECT line FROM (${DUPLICATE_LINES}) d)`);
  return rows.map((d) => ({ line: Number(d.line), customerNo: d.customer_no, firstLine: Number(d.first_line) }));
}

/** Optional columns the file did not have keep what the customer had, so they are neither compared nor set. */
function comparedColumns(keepAbsent: ReadonlySet<string>): string[] {
  return STORED_COLUMNS.map((c) => c.column).filter((c) => c !== 'customer_no' && !keepAbsent.has(c));
}

function updateChangedCustomers(pg: boolean, keepAbsent: ReadonlySet<string>): string {
  const compared = comparedColumns(keepAbsent);
  return `UPDATE customers SET ${compared.map((c) => `${c} = s.${c}`).join(', ')}, last_feed_date = ${date(pg, 'asOf')}, updated_at = ${instant(pg, 'now')}
            FROM ${STAGING_TABLE} s
           WHERE customers.customer_no = s.customer_no AND ${differs(pg, compared, 'customers', 's')}`;
}

function insertNewCustomers(pg: boolean): string {
  const all = STORED_COLUMNS.map((c) => c.column);
  return `INSERT INTO customers (${all.join(', ')}, last_feed_date, created_at, updated_at)
          SELECT ${all.map((c) => `s.${c}`).join(', ')}, ${date(pg, 'asOf')}, ${instant(pg, 'now')}, ${instant(pg, 'now')}
            FROM ${STAGING_TABLE} s
           WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_no = s.customer_no)`;
}

const DAILY = ['avg_daily_balance_fen', 'last_txn_at', 'points_balance', 'tier'];

function updateChangedDaily(pg: boolean): string {
  return `UPDATE customer_daily SET ${DAILY.map((c) => `${c} = s.${c}`).join(', ')}
            FROM ${STAGING_TABLE} s JOIN customers c ON c.customer_no = s.customer_no
           WHERE customer_daily.customer_id = c.id AND customer_daily.feed_date = ${date(pg, 'asOf')}
             AND ${differs(pg, DAILY, 'customer_daily', 's')}`;
}

function insertNewDaily(pg: boolean): string {
  return `INSERT INTO customer_daily (customer_id, feed_date, ${DAILY.join(', ')})
          SELECT c.id, ${date(pg, 'asOf')}, ${DAILY.map((c) => `s.${c}`).join(', ')}
            FROM ${STAGING_TABLE} s JOIN customers c ON c.customer_no = s.customer_no
           WHERE NOT EXISTS (SELECT 1 FROM customer_daily d WHERE d.customer_id = c.id AND d.feed_date = ${date(pg, 'asOf')})`;
}

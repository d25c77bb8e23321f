import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

type Runner = DataSource | EntityManager | QueryRunner;

function dataSourceOf(runner: Runner): DataSource {
  return (runner as EntityManager | QueryRunner).dataSource ?? (runner as DataSource);
}

function queryRunnerOf(runner: Runner): QueryRunner | undefined {
  // an EntityManager also has release() in TypeORM 1.x; only a QueryRunner starts transactions
  if (typeof (runner as QueryRunner).startTransaction === 'function') return runner as QueryRunner;
  return (runner as EntityManager).queryRunner;
}

export function isPostgres(runner: Runner): boolean {
  return dataSourceOf(runner).options.type === 'postgres';
}

/**
 * Raw SQL with named parameters (`:name`, `:...list`) on either database. The driver escapes
 * every value (Dates become UTC strings on SQLite, booleans 0/1): nothing is spliced into SQL.
 */
export async function query<T = Record<string, unknown>>(runner: Runner, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const [text, values] = dataSourceOf(runner).driver.escapeQueryWithParameters(sql, params);
  const result: unknown = await runner.query(text, values);
  return Array.isArray(result) ? (result as T[]) : [];
}

/** A statement's structured result, on the caller's query runner or a borrowed one. */
async function structured(runner: Runner, sql: string, params: Record<string, unknown>): Promise<{ affected?: number; records: unknown[] }> {
  const ds = dataSourceOf(runner);
  const [text, values] = ds.driver.escapeQueryWithParameters(sql, params);
  const existing = queryRunnerOf(runner);
  const qr = existing ?? ds.createQueryRunner();
  try {
    return await qr.query(text, values, true);
  } finally {
    if (!existing) await qr.release();
  }
}

/** Affected row count of an UPDATE/DELETE on either driver. */
export async function execute(runner: Runner, sql: string, params: Record<string, unknown> = {}): Promise<number> {
  return (await structured(runner, sql, params)).affected ?? 0;
}

/**
 * The rows an `INSERT/UPDATE … RETURNING` answered, on either driver (TypeORM's plain query()
 * answers `[rows, count]` for a PostgreSQL UPDATE).
 */
export async function returning<T = Record<string, unknown>>(runner: Runner, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return ((await structured(runner, sql, params)).records ?? []) as T[];
}

/** An instant as it reads back from a raw query: a Date on PostgreSQL, a UTC string on SQLite. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : text.replace(' ', 'T') + 'Z');
}

/** A calendar date column as YYYY-MM-DD, whatever the driver returned. */
export function toDateOnly(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const y = value.getFullYear();
    return `${y}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  }
  return String(value).slice(0, 10);
}

/** Whether a failed write broke a unique index (PostgreSQL 23505, SQLite's UNIQUE constraint). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string; message?: string }; message?: string } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.driverError?.message ?? e?.message ?? '');
}

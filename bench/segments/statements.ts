import type pg from 'pg';
import type { DataSource } from 'typeorm';

/** One statement as the services sent it to the driver: `$n` text and the parameter values. */
export interface Statement {
  sql: string;
  params: unknown[];
}

export interface Explained extends Statement {
  plan: string;
  /** The indexes the plan reads, in order of first use. */
  indexes: string[];
}

/**
 * Records the statements the application sends while switched on, through TypeORM's logger hook
 * (called for every query, whatever the logging level), so the bench explains the exact SQL and
 * parameters of the services rather than a copy of them.
 */
export class StatementCapture {
  private on = false;
  private list: Statement[] = [];

  constructor(dataSource: DataSource) {
    const logger = dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      if (this.on) this.list.push({ sql: query, params: Array.isArray(parameters) ? [...(parameters as unknown[])] : [] });
      return original(query, parameters, runner);
    };
  }

  start(): void {
    this.list = [];
    this.on = true;
  }

  stop(): void {
    this.on = false;
  }

  taken(): Statement[] {
    return this.list;
  }
}

const INDEX_USE = /(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) ("[^"]+"|\w+)/g;

export function indexesOf(plan: string): string[] {
  return [...new Set([...plan.matchAll(INDEX_USE)].map((m) => m[1].replaceAll('"', '')))];
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement; writes happen inside a transaction that is rolled back. */
export async function explainAll(client: pg.Client, statements: Statement[], options: { rollback: boolean }): Promise<Explained[]> {
  const out: Explained[] = [];
  for (const s of statements) {
    if (options.rollback) await client.query('BEGIN');
    try {
      const result = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
      const plan = result.rows.map((r) => r['QUERY PLAN']).join('\n');
      out.push({ ...s, plan, indexes: indexesOf(plan) });
    } finally {
      if (options.rollback) await client.query('ROLLBACK');
    }
  }
  return out;
}

import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, QueryRunner } from 'typeorm';
import { STORED_COLUMNS, type FeedRow } from './feed-columns';

/**
 * The per-import staging table that validated rows stream into (COPY on PostgreSQL, prepared
 * batch inserts on SQLite), so the merge into `customers` is a few set-based statements and the
 * process never holds the file in memory.
 */
export interface ImportStaging {
  readonly queryRunner: QueryRunner;
  add(row: FeedRow): Promise<void>;
  /** All rows are written; the staging table is ready to merge. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

export const STAGING_TABLE = 'import_staging';

function stagingDdl(pg: boolean): string {
  const types = { text: 'text', date: pg ? 'date' : 'text', bigint: pg ? 'bigint' : 'integer', int: 'integer', bool: pg ? 'boolean' : 'integer' } as const;
  const cols = STORED_COLUMNS.map((c) => `${c.column} ${types[c.sqlType]}`).join(', ');
  return `CREATE TEMP TABLE ${STAGING_TABLE} (line integer NOT NULL, ${cols})`;
}

function jsonOrValue(row: FeedRow, key: (typeof STORED_COLUMNS)[number]['key']): unknown {
  const value = row[key];
  return Array.isArray(value) ? JSON.stringify(value) : value;
}

/** COPY text format: tab separated, \N for NULL, backslash escapes. */
function copyLine(row: FeedRow): string {
  let line = String(row.line);
  for (const { key } of STORED_COLUMNS) {
    const value = jsonOrValue(row, key);
    line += '\t';
    if (value === null || value === undefined) line += '\\N';
    else if (typeof value === 'boolean') line += value ? 't' : 'f';
    else if (typeof value === 'number') line += String(value);
    else line += (value as string).replace(/[\\\t\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r'));
  }
  return line + '\n';
}

class PostgresStaging implements ImportStaging {
  private copy!: Writable;
  private copyDone!: Promise<unknown>;
  private buffer = '';

  constructor(readonly queryRunner: QueryRunner) {}

  async open(): Promise<void> {
    const client = (await this.queryRunner.connect()) as PoolClient;
    await this.queryRunner.query(`DROP TABLE IF EXISTS ${STAGING_TABLE}`);
    await this.queryRunner.query(stagingDdl(true));
    this.copy = client.query(copyFrom(`COPY ${STAGING_TABLE} (line, ${STORED_COLUMNS.map((c) => c.column).join(', ')}) FROM STDIN`));
    this.copyDone = new Promise((resolve, reject) => {
      this.copy.on('finish', resolve);
      this.copy.on('error', reject);
    });
  }

  async add(row: FeedRow): Promise<void> {
    this.buffer += copyLine(row);
    if (this.buffer.length >= 64 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk && !this.copy.write(chunk)) await once(this.copy, 'drain');
  }

  async finish(): Promise<void> {
    await this.flush();
    this.copy.end();
    await this.copyDone;
    await this.queryRunner.query(`ANALYZE ${STAGING_TABLE}`);
  }

  async close(): Promise<void> {
    if (!this.queryRunner.isReleased) {
      await this.queryRunner.query(`DROP TABLE IF EXISTS ${STAGING_TABLE}`).catch(() => undefined);
      await this.queryRunner.release();
    }
  }
}

interface SqliteDatabase {
  prepare(sql: string): { run(...params: unknown[]): unknown };
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  exec(sql: string): unknown;
}

const SQLITE_BATCH = 1000;

class SqliteStaging implements ImportStaging {
  private rows: FeedRow[] = [];
  private insertMany!: (rows: FeedRow[]) => void;

  constructor(
    readonly queryRunner: QueryRunner,
    private readonly db: SqliteDatabase,
  ) {}

  open(): void {
    this.db.exec(`DROP TABLE IF EXISTS temp.${STAGING_TABLE}`);
    this.db.exec(stagingDdl(false));
    const names = STORED_COLUMNS.map((c) => c.column);
    const insert = this.db.prepare(`INSERT INTO ${STAGING_TABLE} (line, ${names.join(', ')}) VALUES (${['?', ...names.map(() => '?')].join(', ')})`);
    this.insertMany = this.db.transaction((rows: FeedRow[]) => {
      for (const row of rows) {
        insert.run(row.line, ...STORED_COLUMNS.map(({ key }) => {
          const value = jsonOrValue(row, key);
          return typeof value === 'boolean' ? (value ? 1 : 0) : value;
        }));
      }
    });
  }

  async add(row: FeedRow): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= SQLITE_BATCH) {
      this.insertMany(this.rows);
      this.rows = [];
      // let HTTP requests in between batches: better-sqlite3 is synchronous
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async finish(): Promise<void> {
    if (this.rows.length) this.insertMany(this.rows);
    this.rows = [];
    this.db.exec(`CREATE INDEX temp.ix_${STAGING_TABLE}_customer_no ON ${STAGING_TABLE} (customer_no)`);
  }

  async close(): Promise<void> {
    this.db.exec(`DROP TABLE IF EXISTS temp.${STAGING_TABLE}`);
    if (!this.queryRunner.isReleased) await this.queryRunner.release();
  }
}

export async function openStaging(dataSource: DataSource): Promise<ImportStaging> {
  const queryRunner = dataSource.createQueryRunner();
  if (dataSource.options.type === 'postgres') {
    const staging = new PostgresStaging(queryRunner);
    await staging.open();
    return staging;
  }
  const db = (dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
  const staging = new SqliteStaging(queryRunner, db);
  staging.open();
  return staging;
}

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
  /** Rows added so far. */
  readonly rows: number;
  /** Queues a row; `drain` now and then lets the database catch up. */
  add(row: FeedRow): void;
  /** Waits while the database is behind (back-pressure); called once per batch of rows. */
  drain(): Promise<void>;
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

const STORED_KEYS = STORED_COLUMNS.map((c) => c.key);
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyText(value: string): string {
  // most values need no escaping; testing first saves a replace per value
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (ch) => COPY_ESCAPES[ch]) : value;
}

/** COPY text format: tab separated, \N for NULL, backslash escapes. */
function copyLine(row: FeedRow): string {
  let line = String(row.line);
  for (const key of STORED_KEYS) {
    const value = row[key];
    if (value === null || value === undefined) line += '\t\\N';
    else if (typeof value === 'string') line += '\t' + copyText(value);
    else if (typeof value === 'boolean') line += value ? '\tt' : '\tf';
    else if (typeof value === 'number') line += '\t' + String(value);
    else line += '\t' + copyText(JSON.stringify(value));
  }
  return line + '\n';
}

/** Copy data goes out in buffers of this size: few writes, and no long strings for the GC to copy. */
const COPY_CHUNK = 1024 * 1024;
/** A UTF-8 character takes at most 3 bytes per UTF-16 unit. */
const MAX_BYTES_PER_UNIT = 3;

class PostgresStaging implements ImportStaging {
  private copy!: Writable;
  private copyDone!: Promise<unknown>;
  private buffer = Buffer.allocUnsafe(COPY_CHUNK);
  private used = 0;
  rows = 0;

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
    // a failed COPY surfaces in drain() or finish(); until then it must not count as unhandled
    this.copyDone.catch(() => undefined);
  }

  add(row: FeedRow): void {
    this.rows++;
    const line = copyLine(row);
    const room = line.length * MAX_BYTES_PER_UNIT;
    if (this.used + room > this.buffer.length) {
      this.send();
      this.buffer = Buffer.allocUnsafe(Math.max(COPY_CHUNK, room));
      this.used = 0;
    }
    this.used += this.buffer.write(line, this.used);
  }

  /** Hands the filled part of the buffer to COPY (which keeps it until written: the next buffer is a new one). */
  private send(): void {
    if (this.used) this.copy.write(this.buffer.subarray(0, this.used));
  }

  async drain(): Promise<void> {
    if (this.copy.writableNeedDrain) await Promise.race([once(this.copy, 'drain'), this.copyDone]);
  }

  async finish(): Promise<void> {
    this.send();
    this.copy.end();
    await this.copyDone;
    // the row count and the join key are what the merge's plans need; all columns cost 3-4 times as much
    await this.queryRunner.query(`ANALYZE ${STAGING_TABLE} (customer_no)`);
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

/** A row as SQLite parameters: line first, then STORED_COLUMNS; booleans as 0/1, lists as JSON. */
function sqliteParams(row: FeedRow): unknown[] {
  const params: unknown[] = [row.line];
  for (const key of STORED_KEYS) {
    const value = jsonOrValue(row, key);
    params.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
  }
  return params;
}

class SqliteStaging implements ImportStaging {
  private pending: FeedRow[] = [];
  private written = false;
  private insertMany!: (rows: FeedRow[]) => void;
  rows = 0;

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
      for (const row of rows) insert.run(...sqliteParams(row));
    });
  }

  add(row: FeedRow): void {
    this.rows++;
    this.pending.push(row);
    if (this.pending.length >= SQLITE_BATCH) {
      this.insertMany(this.pending);
      this.pending = [];
      this.written = true;
    }
  }

  async drain(): Promise<void> {
    if (!this.written) return;
    this.written = false;
    // let HTTP requests in between batches: better-sqlite3 is synchronous
    await new Promise((resolve) => setImmediate(resolve));
  }

  async finish(): Promise<void> {
    if (this.pending.length) this.insertMany(this.pending);
    this.pending = [];
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

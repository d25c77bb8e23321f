import type { TableColumnOptions, QueryRunner } from 'typeorm';

/**
 * One migration serves SQLite and PostgreSQL: columns are declared through this tiny mapper
 * (after n8n's migration DSL) and become the right type for the driver at hand.
 */
export type DbKind = 'postgres' | 'sqlite';

export function dbKind(queryRunner: QueryRunner): DbKind {
  return queryRunner.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

type Extra = Partial<TableColumnOptions>;

export function columns(kind: DbKind) {
  const pg = kind === 'postgres';
  return {
    /** Auto-increment integer primary key. */
    serialId: (name = 'id'): TableColumnOptions => ({
      name,
      type: pg ? 'bigint' : 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: pg ? 'identity' : 'increment',
    }),
    uuidId: (name = 'id'): TableColumnOptions => ({ name, type: pg ? 'uuid' : 'varchar', length: pg ? undefined : '36', isPrimary: true }),
    uuid: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: pg ? 'uuid' : 'varchar', length: pg ? undefined : '36', ...extra }),
    ref: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: pg ? 'bigint' : 'integer', ...extra }),
    varchar: (name: string, length: number, extra: Extra = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra }),
    text: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'text', ...extra }),
    int: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'integer', ...extra }),
    /** Money in integer fen, and other counts that may pass 2^31. */
    bigint: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'bigint', ...extra }),
    bool: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'boolean', ...extra }),
    /** A calendar date, YYYY-MM-DD. */
    date: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'date', ...extra }),
    /** An instant, stored in UTC. */
    timestamp: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: pg ? 'timestamptz' : 'datetime', ...extra }),
    createdAt: (): TableColumnOptions => ({ name: 'created_at', type: pg ? 'timestamptz' : 'datetime', default: pg ? 'now()' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))" }),
    updatedAt: (): TableColumnOptions => ({ name: 'updated_at', type: pg ? 'timestamptz' : 'datetime', default: pg ? 'now()' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))" }),
    json: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'text', ...extra }),
  };
}

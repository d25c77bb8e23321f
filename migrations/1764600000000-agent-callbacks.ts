import { MigrationInterface, QueryRunner } from 'typeorm';
import { dbKind } from './column-types';

/**
 * A callback an agent promised a customer is that agent's: the attempt names the agent, the
 * dispatcher leaves it alone, and the desk shows it to that agent when it is due (and to the
 * branch's other agents once it is well overdue).
 */
export class AgentCallbacks1764600000000 implements MigrationInterface {
  name = 'AgentCallbacks1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // a plain ALTER on both: TypeORM's addColumn would rebuild the whole table on SQLite
    await queryRunner.query(`ALTER TABLE contact_attempts ADD COLUMN assigned_agent_id ${dbKind(queryRunner) === 'postgres' ? 'uuid' : 'varchar(36)'}`);
    await queryRunner.query(`CREATE INDEX ix_contact_attempts_assigned_agent ON contact_attempts (assigned_agent_id, due_at) WHERE assigned_agent_id IS NOT NULL AND state = 'planned'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_contact_attempts_assigned_agent');
    await queryRunner.query('ALTER TABLE contact_attempts DROP COLUMN assigned_agent_id');
  }
}

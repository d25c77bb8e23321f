import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An SMS whose delivery receipt never came (lost on the way, or posted while the database was
 * down) stays at `sent`; the dispatcher asks the carrier about it later, a few times at most.
 * The column counts those lookups; the partial index finds the ones left at `sent`.
 */
export class SmsReceiptChecks1764700000000 implements MigrationInterface {
  name = 'SmsReceiptChecks1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE contact_attempts ADD COLUMN receipt_checks integer NOT NULL DEFAULT 0');
    await queryRunner.query(`CREATE INDEX ix_contact_attempts_receipts ON contact_attempts (sent_at) WHERE channel = 'sms' AND state = 'done' AND outcome = 'sent'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_contact_attempts_receipts');
    await queryRunner.query('ALTER TABLE contact_attempts DROP COLUMN receipt_checks');
  }
}

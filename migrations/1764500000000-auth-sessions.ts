import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { columns, dbKind } from './column-types';

/**
 * Sign-in sessions and lockout, kept in the database so every instance sees the same: an account's
 * failures in a row and how long it stays locked, and the refresh tokens (only their SHA-256),
 * each in the family of one sign-in, rotated on every use and revoked, never deleted before expiry
 * (a revoked token coming back is how a stolen one is noticed).
 */
export class AuthSessions1764500000000 implements MigrationInterface {
  name = 'AuthSessions1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(dbKind(queryRunner));
    await queryRunner.addColumns('users', [
      new TableColumn(c.int('failed_logins', { default: 0 })),
      new TableColumn(c.timestamp('locked_until', { isNullable: true })),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          c.uuidId(),
          // every token of one sign-in: reusing a rotated one revokes them all
          c.uuid('family_id'),
          // no foreign key: users are disabled, never deleted, and SQLite rebuilds `users` when a column is added
          c.uuid('user_id'),
          c.varchar('token_hash', 64),
          // a digest of the password hash when issued: a changed password ends the session
          c.varchar('credential_stamp', 64),
          c.timestamp('expires_at'),
          c.timestamp('created_at'),
          c.timestamp('last_used_at', { isNullable: true }),
          c.timestamp('revoked_at', { isNullable: true }),
          // rotated, reuse, logout, user_changed, invalid
          c.varchar('revoked_reason', 16, { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'ux_refresh_tokens_hash', columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ name: 'ix_refresh_tokens_family', columnNames: ['family_id'] }),
          new TableIndex({ name: 'ix_refresh_tokens_user', columnNames: ['user_id', 'expires_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('refresh_tokens');
    await queryRunner.dropColumn('users', 'locked_until');
    await queryRunner.dropColumn('users', 'failed_logins');
  }
}

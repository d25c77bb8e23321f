import { Column, Entity, PrimaryColumn } from 'typeorm';

export type RevokeReason = 'rotated' | 'reuse' | 'logout' | 'user_changed' | 'invalid';

/** One refresh token of a sign-in (its family). Only the token's SHA-256 is kept. */
@Entity({ name: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ name: 'family_id', type: 'varchar' })
  familyId!: string;

  @Column({ name: 'user_id', type: 'varchar' })
  userId!: string;

  @Column({ name: 'token_hash', type: 'varchar' })
  tokenHash!: string;

  @Column({ name: 'credential_stamp', type: 'varchar' })
  credentialStamp!: string;

  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: Date, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', nullable: true })
  revokedReason!: RevokeReason | null;
}

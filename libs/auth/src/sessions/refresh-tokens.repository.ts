import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { execute } from '@app/core';
import { RefreshToken, type RevokeReason } from './refresh-token.entity';

/** Refresh tokens by intent. Revocations are single UPDATEs: any instance may race any other. */
@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>) {}

  async add(token: RefreshToken): Promise<void> {
    await this.tokens.insert(token);
  }

  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  /** Marks a live token exchanged. False when another request exchanged or revoked it first. */
  async claim(id: string, now: Date): Promise<boolean> {
    const sql = `UPDATE refresh_tokens SET revoked_at = :now, revoked_reason = 'rotated', last_used_at = :now WHERE id = :id AND revoked_at IS NULL`;
    return (await execute(this.tokens.manager, sql, { id, now })) === 1;
  }

  /** Ends one sign-in: every token of the family still live. Answers how many were. */
  revokeFamily(familyId: string, reason: RevokeReason, now: Date): Promise<number> {
    const sql = `UPDATE refresh_tokens SET revoked_at = :now, revoked_reason = :reason WHERE family_id = :familyId AND revoked_at IS NULL`;
    return execute(this.tokens.manager, sql, { familyId, reason, now });
  }

  /** Ends every sign-in of a user (disabled, password reset). */
  revokeForUser(userId: string, reason: RevokeReason, now: Date): Promise<number> {
    const sql = `UPDATE refresh_tokens SET revoked_at = :now, revoked_reason = :reason WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now`;
    return execute(this.tokens.manager, sql, { userId, reason, now });
  }

  /** Tokens past their sign-in's end prove nothing any more; a user's are dropped when they sign in again. */
  async pruneExpired(userId: string, now: Date): Promise<void> {
    await execute(this.tokens.manager, `DELETE FROM refresh_tokens WHERE user_id = :userId AND expires_at <= :now`, { userId, now });
  }
}

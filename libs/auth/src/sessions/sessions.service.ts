import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role, UserView } from '@app/contracts';
import { AppConfig, AuditService, Clock } from '@app/core';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { toUserView, type User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { credentialStamp, durationSeconds, hashRefreshToken, newRefreshToken, refreshVerdict, type RefreshVerdict } from './session-policy';

export interface TokenClaims {
  sub: string;
  username: string;
  role: Role;
  branchCode: string | null;
}

/** What sign-in and refresh answer: a short-lived JWT (`expiresIn` seconds) and the next refresh token. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: UserView;
}

/**
 * A sign-in is a family of refresh tokens that ends JWT_REFRESH_EXPIRES_IN after it began. Each
 * refresh exchanges the token for a new one (rotation); a token presented a second time means a
 * copy is out there, and the whole family is revoked.
 */
@Injectable()
export class SessionsService {
  private readonly accessSeconds: number;
  private readonly sessionSeconds: number;

  constructor(
    private readonly users: UsersService,
    private readonly tokens: RefreshTokensRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.accessSeconds = durationSeconds(config.JWT_EXPIRES_IN);
    this.sessionSeconds = durationSeconds(config.JWT_REFRESH_EXPIRES_IN);
  }

  /** A new sign-in of a user whose password was just checked. */
  async start(user: User): Promise<SessionTokens> {
    const now = this.clock.now();
    await this.tokens.pruneExpired(user.id, now);
    return this.issue(user, randomUUID(), new Date(now.getTime() + this.sessionSeconds * 1000), now);
  }

  async refresh(refreshToken: string, address: string): Promise<SessionTokens> {
    const now = this.clock.now();
    const token = await this.tokens.findByHash(hashRefreshToken(refreshToken));
    const user = token ? await this.users.findById(token.userId) : null;
    let verdict: RefreshVerdict = refreshVerdict(token, user, now);
    // two requests with one token: the one that lost the race presented a token already exchanged
    if (verdict === 'ok' && !(await this.tokens.claim(token!.id, now))) verdict = 'reuse';
    if (verdict === 'ok') return this.issue(user!, token!.familyId, token!.expiresAt, now);
    if (token && (verdict === 'reuse' || verdict === 'user_disabled' || verdict === 'password_changed')) {
      const revoked = await this.tokens.revokeFamily(token.familyId, verdict === 'reuse' ? 'reuse' : 'user_changed', now);
      const who = { actorId: token.userId, actorName: user?.username ?? null, targetType: 'user', targetId: token.userId, address };
      await this.audit.record({ ...who, action: verdict === 'reuse' ? 'auth.refresh.reuse' : 'auth.refresh.refused', detail: { reason: verdict, family: token.familyId, revoked } });
    }
    throw new AuthException(AuthErrorCode.RefreshInvalid, verdict === 'expired' ? 'the sign-in has expired: sign in again' : 'the refresh token is not valid: sign in again');
  }

  /** Ends the sign-in the token belongs to. Unknown or already ended: nothing to do. */
  async logout(refreshToken: string, address: string): Promise<void> {
    const token = await this.tokens.findByHash(hashRefreshToken(refreshToken));
    if (!token) return;
    const revoked = await this.tokens.revokeFamily(token.familyId, 'logout', this.clock.now());
    if (!revoked) return;
    const user = await this.users.findById(token.userId);
    await this.audit.record({ actorId: token.userId, actorName: user?.username ?? null, action: 'auth.logout', targetType: 'user', targetId: token.userId, address });
  }

  private async issue(user: User, familyId: string, expiresAt: Date, now: Date): Promise<SessionTokens> {
    const refreshToken = newRefreshToken();
    await this.tokens.add({
      id: randomUUID(),
      familyId,
      userId: user.id,
      tokenHash: hashRefreshToken(refreshToken),
      credentialStamp: credentialStamp(user.passwordHash),
      expiresAt,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
      revokedReason: null,
    });
    const claims: TokenClaims = { sub: user.id, username: user.username, role: user.role, branchCode: user.branchCode };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.accessSeconds });
    return { accessToken, refreshToken, expiresIn: this.accessSeconds, user: toUserView(user) };
  }
}

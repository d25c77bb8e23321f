import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, AuditService, Clock, type Principal } from '@app/core';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { SessionsService, type SessionTokens, type TokenClaims } from '../sessions/sessions.service';
import { secondsUntil } from '../sessions/session-policy';
import { UsersService } from '../users/users.service';
import { AccountLockout } from './account-lockout.service';
import { LoginRateLimiter } from './login-rate-limiter';

export type { TokenClaims } from '../sessions/sessions.service';

@Injectable()
export class AuthService {
  /** The second layer, per instance: attempts per client address, and failures on usernames that do not exist. */
  private readonly limiter: LoginRateLimiter;

  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly lockout: AccountLockout,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.limiter = new LoginRateLimiter({
      maxFailuresPerUsername: config.LOGIN_MAX_FAILURES_PER_USERNAME,
      maxAttemptsPerAddress: config.LOGIN_MAX_ATTEMPTS_PER_ADDRESS,
      windowMs: config.LOGIN_WINDOW_SECONDS * 1000,
    });
  }

  async login(username: string, password: string, address: string): Promise<SessionTokens> {
    const now = this.clock.now();
    const wait = this.limiter.addressRetryAfter(address, now.getTime());
    if (wait > 0) {
      await this.audit.record({ actorName: username, action: 'auth.login.throttled', address });
      throw new AuthException(AuthErrorCode.TooManyAttempts, `too many sign-in attempts; try again in ${wait} s`, { retryAfterSeconds: wait });
    }
    this.limiter.recordAttempt(address, now.getTime());
    const user = await this.users.findByUsername(username);
    // a username that does not exist "locks" like one that does, so the answer does not tell them apart
    const locked = user ? secondsUntil(user.lockedUntil, now) : this.limiter.usernameRetryAfter(username, now.getTime());
    if (locked > 0) {
      await this.audit.record({ actorId: user?.id, actorName: username, action: 'auth.login.throttled', address, detail: { reason: 'locked' } });
      const minutes = Math.ceil(locked / 60);
      throw new AuthException(AuthErrorCode.AccountLocked, `the account is locked after too many failed sign-ins; try again in ${minutes} min or ask an admin to unlock it`, { retryAfterSeconds: locked });
    }
    const ok = (await this.users.verifyPassword(user, password)) && !user?.disabled;
    if (!ok || !user) {
      if (user) await this.lockout.recordFailure(user, now, address);
      else this.limiter.recordFailure(username, now.getTime());
      await this.audit.record({ actorId: user?.id, actorName: username, action: 'auth.login.failed', address, detail: { reason: user?.disabled ? 'disabled' : 'bad_credentials' } });
      throw new AuthException(AuthErrorCode.InvalidCredentials, 'wrong username or password');
    }
    await this.users.markLoggedIn(user, now);
    await this.audit.record({ actorId: user.id, actorName: user.username, action: 'auth.login', address });
    return this.sessions.start(user);
  }

  /** The caller behind a bearer token; a disabled or deleted user loses access at once. */
  async principalFromToken(token: string): Promise<Principal> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new AuthException(AuthErrorCode.TokenInvalid, 'invalid or expired token');
    }
    const user = await this.users.findById(claims.sub);
    if (!user || user.disabled) throw new AuthException(AuthErrorCode.TokenInvalid, 'user is disabled or no longer exists');
    return { userId: user.id, username: user.username, role: user.role, branchCode: user.branchCode };
  }
}

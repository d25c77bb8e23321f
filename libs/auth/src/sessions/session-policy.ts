import { createHash, randomBytes } from 'node:crypto';
import type { RevokeReason } from './refresh-token.entity';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** `15m` → 900. The settings are validated as `<digits><s|m|h|d>` before they get here. */
export function durationSeconds(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}

/** An opaque refresh token: 256 random bits, URL-safe. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored and looked up instead of the token itself. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Changes whenever the password does (bcrypt salts every hash), and says nothing about it. */
export function credentialStamp(passwordHash: string): string {
  return createHash('sha256').update(`refresh-stamp:${passwordHash}`, 'utf8').digest('hex');
}

/** Whole seconds until an instant, at least 1 while it is ahead; 0 once it has passed. */
export function secondsUntil(until: Date | null, now: Date): number {
  if (!until || until.getTime() <= now.getTime()) return 0;
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

export interface PresentedToken {
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: RevokeReason | null;
  credentialStamp: string;
}

export interface TokenOwner {
  disabled: boolean;
  passwordHash: string;
}

/**
 * What a refresh with this token may do. `reuse`: it was already exchanged, so someone holds a copy
 * (the thief or the user, whichever came second): the whole sign-in is revoked.
 */
export type RefreshVerdict = 'ok' | 'unknown' | 'expired' | 'reuse' | 'revoked' | 'user_disabled' | 'password_changed';

export function refreshVerdict(token: PresentedToken | null, owner: TokenOwner | null, now: Date): RefreshVerdict {
  if (!token) return 'unknown';
  if (token.revokedAt) return token.revokedReason === 'rotated' ? 'reuse' : 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (!owner || owner.disabled) return 'user_disabled';
  if (credentialStamp(owner.passwordHash) !== token.credentialStamp) return 'password_changed';
  return 'ok';
}

import { describe, expect, it } from '@jest/globals';
import { credentialStamp, durationSeconds, hashRefreshToken, newRefreshToken, refreshVerdict, secondsUntil, type PresentedToken } from './session-policy';

const NOW = new Date('2026-11-23T02:00:00Z');
const HASH = '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234';

describe('session policy', () => {
  it('reads the duration settings', () => {
    expect(durationSeconds('15m')).toBe(900);
    expect(durationSeconds('12h')).toBe(43_200);
    expect(durationSeconds('1d')).toBe(86_400);
    expect(durationSeconds('30s')).toBe(30);
    expect(() => durationSeconds('15 minutes')).toThrow('not a duration');
  });

  it('makes long random tokens and stores only a digest of them', () => {
    const a = newRefreshToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newRefreshToken()).not.toBe(a);
    expect(hashRefreshToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(a)).toBe(hashRefreshToken(a));
    expect(hashRefreshToken(a)).not.toContain(a);
  });

  it('counts the seconds a lock has left, rounding up', () => {
    expect(secondsUntil(null, NOW)).toBe(0);
    expect(secondsUntil(new Date(NOW.getTime() - 1), NOW)).toBe(0);
    expect(secondsUntil(NOW, NOW)).toBe(0);
    expect(secondsUntil(new Date(NOW.getTime() + 1), NOW)).toBe(1);
    expect(secondsUntil(new Date(NOW.getTime() + 15 * 60_000 - 500), NOW)).toBe(900);
  });

  describe('whether a refresh token may be exchanged', () => {
    const live: PresentedToken = { expiresAt: new Date(NOW.getTime() + 3600_000), revokedAt: null, revokedReason: null, credentialStamp: credentialStamp(HASH) };
    const owner = { disabled: false, passwordHash: HASH };

    it('exchanges a live token of an active user', () => {
      expect(refreshVerdict(live, owner, NOW)).toBe('ok');
    });

    it('treats a token already exchanged as stolen, and a logged-out one as merely revoked', () => {
      expect(refreshVerdict({ ...live, revokedAt: NOW, revokedReason: 'rotated' }, owner, NOW)).toBe('reuse');
      expect(refreshVerdict({ ...live, revokedAt: NOW, revokedReason: 'logout' }, owner, NOW)).toBe('revoked');
      expect(refreshVerdict({ ...live, revokedAt: NOW, revokedReason: 'reuse' }, owner, NOW)).toBe('revoked');
    });

    it('refuses unknown and expired tokens', () => {
      expect(refreshVerdict(null, owner, NOW)).toBe('unknown');
      expect(refreshVerdict({ ...live, expiresAt: NOW }, owner, NOW)).toBe('expired');
    });

    it('ends the session of a disabled or deleted user and after a password change', () => {
      expect(refreshVerdict(live, { ...owner, disabled: true }, NOW)).toBe('user_disabled');
      expect(refreshVerdict(live, null, NOW)).toBe('user_disabled');
      expect(refreshVerdict(live, { ...owner, passwordHash: HASH.replace('abc', 'xyz') }, NOW)).toBe('password_changed');
    });
  });
});

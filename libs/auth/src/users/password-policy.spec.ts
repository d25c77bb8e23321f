import { describe, expect, it } from '@jest/globals';
import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it('wants 8+ characters with letters and digits, not containing the username', () => {
    expect(passwordProblem('Kx7-bank-2026', 'admin')).toBeNull();
    expect(passwordProblem('a1b2c3', 'admin')).toBe('must be at least 8 characters');
    expect(passwordProblem('abcdefghij', 'admin')).toBe('must contain letters and digits');
    expect(passwordProblem('12345678', 'admin')).toBe('must contain letters and digits');
    expect(passwordProblem('MyAdmin2026', 'admin')).toBe('must not contain the username');
  });
});

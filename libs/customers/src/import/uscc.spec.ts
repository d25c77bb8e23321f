import { describe, it, expect } from '@jest/globals';
import { orgCodeCheckChar, usccCheckChar, usccProblem } from './uscc';

// Published codes of real companies (Huawei, Xiaomi and others).
const REAL_CODES = ['91350100M000100Y43', '91110000600037341L', '914403001922038216', '91110108551385082Q', '91310000132212291W'];
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('usccProblem', () => {
  it.each(REAL_CODES)('accepts the real code %s', (code) => {
    expect(usccProblem(code)).toBeNull();
  });

  it('rejects a wrong check character', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('checksum');
    expect(usccProblem('91110000600037341K')).toBe('checksum');
  });

  it('rejects a changed body character as a checksum error', () => {
    expect(usccProblem('91350100M000100Y53')).toBe('checksum');
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the illegal letter %s', (letter) => {
    expect(usccProblem(`91350100M000100${letter}43`)).toBe('alphabet');
  });

  it('rejects lowercase letters and other characters', () => {
    expect(usccProblem('91350100m000100y43')).toBe('alphabet');
    expect(usccProblem('91350100M000100-43')).toBe('alphabet');
  });

  it('rejects a wrong length', () => {
    expect(usccProblem('')).toBe('length');
    expect(usccProblem('91350100M000100Y4')).toBe('length');
    expect(usccProblem('91350100M000100Y433')).toBe('length');
  });

  it('does not check the organisation-code digit', () => {
    const body = '91350100M000100Y5';
    expect(orgCodeCheckChar(body.slice(8, 16))).not.toBe(body[16]);
    expect(usccProblem(body + usccCheckChar(body))).toBeNull();
  });
});

describe('usccCheckChar', () => {
  it('computes the check character of real codes', () => {
    for (const code of REAL_CODES) expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('throws on a bad length or alphabet', () => {
    expect(() => usccCheckChar('91350100M000100')).toThrow();
    expect(() => usccCheckChar('91350100M000100Y43')).toThrow();
    expect(() => usccCheckChar('91350100M000100O4')).toThrow();
  });

  it('round-trips 1000 generated codes', () => {
    // Park–Miller generator so the test is repeatable (products stay below 2^53).
    let state = 12345;
    const next = (n: number): number => {
      state = (state * 48271) % 2147483647;
      return state % n;
    };
    for (let k = 0; k < 1000; k++) {
      let body = '';
      for (let i = 0; i < 17; i++) body += ALPHABET[next(ALPHABET.length)];
      const code = body + usccCheckChar(body);
      expect(usccProblem(code)).toBeNull();
      // Any other final character must fail.
      const wrong = ALPHABET[(ALPHABET.indexOf(code[17]) + 1 + next(30)) % 31];
      expect(usccProblem(body + wrong)).toBe('checksum');
    }
  });
});

describe('orgCodeCheckChar', () => {
  it('computes the organisation-code digit of real codes', () => {
    for (const code of ['91350100M000100Y43', '91110000600037341L', '914403001922038216', '91110108551385082Q']) {
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
    }
  });

  it('maps 10 to X and 11 to 0', () => {
    // Search small bodies for each special case so the mapping is exercised.
    const results = new Set<string>();
    for (let n = 0; n < 200; n++) results.add(orgCodeCheckChar(String(n).padStart(8, '0')));
    expect(results.has('X')).toBe(true);
    expect(results.has('0')).toBe(true);
    expect(orgCodeCheckChar('00000000')).toBe('0');
  });

  it('throws on a bad body', () => {
    expect(() => orgCodeCheckChar('1234567')).toThrow();
    expect(() => orgCodeCheckChar('1234567a')).toThrow();
  });
});

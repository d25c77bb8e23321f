import { describe, expect, it } from '@jest/globals';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parseBool, parseDate, parseIntInRange, parsePhone, parseYuanToFen, ValueProblem } from './feed-values';

const code = (value: unknown) => (value instanceof ValueProblem ? value.code : value);

describe('feed values', () => {
  it('turns yuan into integer fen without floating-point drift', () => {
    expect(parseYuanToFen('0')).toBe(0);
    expect(parseYuanToFen('0.1')).toBe(10);
    expect(parseYuanToFen('19.99')).toBe(1999);
    expect(parseYuanToFen('1,234,567.89')).toBe(123456789);
    expect(parseYuanToFen('9999999999999.99')).toBe(999999999999999);
    expect(code(parseYuanToFen('-0.01'))).toBe('money_negative');
    expect(code(parseYuanToFen('1.005'))).toBe('money_precision');
    expect(code(parseYuanToFen('1e5'))).toBe('money_format');
    expect(code(parseYuanToFen('¥100'))).toBe('money_format');
    expect(code(parseYuanToFen('12,34.00'))).toBe('money_format');
  });

  it('accepts real calendar dates in YYYY-MM-DD only', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(code(parseDate('2023-02-29'))).toBe('date_invalid');
    expect(code(parseDate('2026/11/23'))).toBe('date_format');
    expect(code(parseDate('20261123'))).toBe('date_format');
    expect(code(parseDate('2026-13-01'))).toBe('date_invalid');
  });

  it('reads the booleans a Chinese bank export writes', () => {
    for (const yes of ['Y', 'y', 'true', 'TRUE', '1', '是']) expect(parseBool(yes)).toBe(true);
    for (const no of ['N', 'n', 'false', '0', '否']) expect(parseBool(no)).toBe(false);
    expect(code(parseBool('有'))).toBe('bool_format');
  });

  it('checks integer ranges', () => {
    expect(parseIntInRange('5', 0, 5)).toBe(5);
    expect(code(parseIntInRange('6', 0, 5))).toBe('int_range');
    expect(code(parseIntInRange('2.0', 0, 5))).toBe('int_format');
  });

  it('stores every way of writing a mainland number as E.164', () => {
    for (const raw of ['13912345678', '139 1234 5678', '139-1234-5678', '+86 139-1234-5678', '8613912345678', '0086 13912345678']) {
      expect(parsePhone(raw)).toBe('+8613912345678');
    }
    expect(parsePhone('0571-87654321')).toBe('+8657187654321');
    expect(parsePhone('(010)12345678')).toBe('+861012345678');
    expect(code(parsePhone('12345'))).toBe('phone_invalid');
    expect(code(parsePhone('10012345678'))).toBe('phone_invalid');
    expect(code(parsePhone('电话'))).toBe('phone_invalid');
  });
});

describe('parsePhone on mainland mobiles', () => {
  const reference = (raw: string) => {
    const phone = parsePhoneNumberFromString(raw.replace(/^0086/, '+86'), 'CN');
    return phone?.isValid() ? phone.number : 'phone_invalid';
  };
  const writings = [
    (d: string) => d,
    (d: string) => `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`,
    (d: string) => `+86 ${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`,
    (d: string) => `86${d}`,
    (d: string) => `+86${d}`,
    (d: string) => `0086 ${d}`,
  ];

  it('gives libphonenumber’s answer for every five-digit prefix, whatever the writing (the verdict is remembered per prefix)', () => {
    const wrong: string[] = [];
    for (let prefix = 13000; prefix <= 19999; prefix++) {
      for (const [i, suffix] of ['000000', String((prefix * 7919) % 1_000_000).padStart(6, '0'), '999999'].entries()) {
        const raw = writings[(prefix + i) % writings.length](`${prefix}${suffix}`);
        if (code(parsePhone(raw)) !== reference(raw)) wrong.push(raw);
      }
    }
    expect(wrong).toEqual([]);
  });
});

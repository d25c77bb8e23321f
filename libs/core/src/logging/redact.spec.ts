import { describe, expect, it } from '@jest/globals';
import { maskPhone, redactPhones } from './redact';

describe('masking contact data', () => {
  it('shows the first three and last four digits', () => {
    expect(maskPhone('+8613912345678')).toBe('139****5678');
    expect(maskPhone('+8657187654321')).toBe('571****4321');
    expect(maskPhone('')).toBe('');
  });

  it('masks mobile numbers inside log lines', () => {
    expect(redactPhones('dialing +8613912345678 for C1, alt 139 1234 5678? no: 13812345678')).toBe('dialing 139****5678 for C1, alt 139 1234 5678? no: 138****5678');
  });
});

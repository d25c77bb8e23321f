import { describe, expect, it } from '@jest/globals';
import { conversion, percentCell, ratio, upliftPts } from './results-math';

describe('results math', () => {
  it('rounds a ratio to four decimals and answers 0 for an empty group', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(5, 0)).toBe(0);
  });

  it('gives the uplift in percentage points, negative when the control group did better', () => {
    expect(upliftPts(conversion(200, 30), conversion(50, 5))).toBe(5); // 15% against 10%
    expect(upliftPts(conversion(3, 1), conversion(3, 2))).toBe(-33.34); // 33.33% against 66.67%
    expect(upliftPts(conversion(10, 1), conversion(0, 0))).toBe(10);
  });

  it('writes a percentage cell with one decimal, empty when there is nobody to divide by', () => {
    expect(percentCell(1, 3)).toBe('33.3%');
    expect(percentCell(0, 7)).toBe('0.0%');
    expect(percentCell(7, 7)).toBe('100.0%');
    expect(percentCell(0, 0)).toBe('');
  });
});

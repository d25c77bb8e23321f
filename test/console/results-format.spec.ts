import { describe, expect, it } from '@jest/globals';
import { formatCount, formatPts, formatPtsNumber, formatRate, rateOf, upliftOf } from '../../apps/console/src/pages/campaigns/resultsFormat';

describe('campaign results as a Chinese campaign manager reads them', () => {
  it('writes counts with thousands separators, 万 from 10万 and 亿 from 1亿', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(9_876)).toBe('9,876');
    expect(formatCount(99_999)).toBe('99,999');
    expect(formatCount(100_000)).toBe('10万');
    expect(formatCount(123_456)).toBe('12.35万');
    expect(formatCount(120_000)).toBe('12万');
    expect(formatCount(250_000_000)).toBe('2.5亿');
    expect(formatCount(null)).toBe('—');
  });

  it('keeps English counts whole until a million', () => {
    expect(formatCount(123_456, 'en')).toBe('123,456');
    expect(formatCount(1_234_567, 'en')).toBe('1.23M');
  });

  it('gives rates one decimal and no rate without a denominator', () => {
    expect(formatRate(0.1234)).toBe('12.3%');
    expect(formatRate(0.12351)).toBe('12.4%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(rateOf(3, 0))).toBe('—');
    expect(rateOf(1, 4)).toBe(0.25);
  });

  it('signs the uplift in percentage points', () => {
    expect(formatPts(1.25)).toBe('+1.3 个百分点');
    expect(formatPts(-0.04)).toBe('0.0 个百分点');
    expect(formatPts(-2.5, 'en')).toBe('-2.5 pts');
    expect(formatPts(null)).toBe('—');
    expect(formatPtsNumber(-0.04)).toBe('0.0');
    expect(formatPtsNumber(12.345)).toBe('+12.3');
    expect(upliftOf({ customers: 200, converted: 30 }, { customers: 50, converted: 5 })).toBeCloseTo(5);
    expect(upliftOf({ customers: 200, converted: 30 }, { customers: 0, converted: 0 })).toBeNull();
  });
});

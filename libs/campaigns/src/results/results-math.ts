import type { GroupConversion } from '@app/contracts';

/** part / whole to four decimals (0.1234 = 12.34%); nothing of nothing is 0, not NaN. */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

export function conversion(customers: number, converted: number): GroupConversion {
  return { customers, converted, rate: ratio(converted, customers) };
}

/** The treated rate minus the control rate, in percentage points to two decimals. */
export function upliftPts(treated: GroupConversion, holdout: GroupConversion): number {
  return Math.round((treated.rate - holdout.rate) * 10_000) / 100;
}

/** A rate as a CSV cell Excel reads as a percentage: 0.1234 → 12.3%; no denominator → empty. */
export function percentCell(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '';
}

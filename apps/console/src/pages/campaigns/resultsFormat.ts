/**
 * Campaign results as a Chinese campaign manager reads them: counts with thousands separators and
 * 万 / 亿 once they are large, rates with one decimal, an uplift in percentage points with its sign.
 * Pure functions (no React), so they are unit-tested.
 */
import { formatNumber } from '../../format';

export type ResultsLang = 'zh-CN' | 'en';
const EMPTY = '—';

/** part / whole, or null when there is nobody to divide by (shown as —, not 0%). */
export function rateOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** 0.1234 → 12.3%; null → —. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return EMPTY;
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/**
 * 9,876 as it is; from 10万 on 12.35万 (zh) and from 1亿 1.23亿; in English 123,456 stays whole
 * until a million (1.23M), which is how the English-reading staff count.
 */
export function formatCount(n: number | null | undefined, lang: ResultsLang = 'zh-CN'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return EMPTY;
  const abs = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  const trim = (x: number) => x.toFixed(2).replace(/\.?0+$/, '');
  if (lang === 'zh-CN') {
    if (abs >= 100_000_000) return `${sign}${trim(abs / 100_000_000)}亿`;
    if (abs >= 100_000) return `${sign}${trim(abs / 10_000)}万`;
  } else if (abs >= 1_000_000) return `${sign}${trim(abs / 1_000_000)}M`;
  return formatNumber(n);
}

/** +1.25 → +1.3 (a table whose header says 百分点); 0 → 0.0; null (no control group) → —. */
export function formatPtsNumber(pts: number | null | undefined): string {
  if (pts === null || pts === undefined || !Number.isFinite(pts)) return EMPTY;
  const rounded = Math.round(pts * 10) / 10 || 0; // no "-0.0"
  return `${rounded > 0 ? '+' : ''}${rounded.toFixed(1)}`;
}

/** +1.25 → +1.3 个百分点 / +1.3 pts; null (no control group) → —. */
export function formatPts(pts: number | null | undefined, lang: ResultsLang = 'zh-CN'): string {
  const text = formatPtsNumber(pts);
  if (text === EMPTY) return text;
  return lang === 'zh-CN' ? `${text} 个百分点` : `${text} pts`;
}

/** The uplift of one group over another in percentage points, or null without a control group. */
export function upliftOf(treated: { customers: number; converted: number }, holdout: { customers: number; converted: number }): number | null {
  const a = rateOf(treated.converted, treated.customers);
  const b = rateOf(holdout.converted, holdout.customers);
  return a === null || b === null ? null : (a - b) * 100;
}

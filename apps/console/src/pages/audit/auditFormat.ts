/**
 * How an audit entry reads: its time to the second in Asia/Shanghai, and its detail (any JSON the
 * server recorded) as short "key: value" pairs. Pure functions, unit-tested.
 */
import { RETRY_OUTCOMES, type ContactPolicyOverrides, type ContactPolicySettings } from '@app/contracts';

const EMPTY = '—';
const seconds = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** 2026-11-24T02:30:05Z → 2026-11-24 10:30:05, whatever the browser's zone. */
export function formatAuditTime(value: string | Date | null | undefined): string {
  if (!value) return EMPTY;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const p: Record<string, string> = {};
  for (const part of seconds.formatToParts(date)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}:${p.second}`;
}

/** A Shanghai calendar day's bounds as instants with their offset, for the API's from (inclusive) and to (exclusive). */
export function shanghaiDayRange(fromDay: string, toDay: string): { from: string; to: string } {
  const next = new Date(Date.parse(`${toDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: `${fromDay}T00:00:00+08:00`, to: `${next}T00:00:00+08:00` };
}

export interface DetailPair {
  key: string;
  value: string;
}

/** One value in words: empty as —, booleans as 是/否 (yes/no), lists joined, objects as compact JSON. */
export function detailValue(value: unknown, yesNo: [string, string] = ['是', '否']): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'boolean') return value ? yesNo[0] : yesNo[1];
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map((v) => detailValue(v, yesNo)).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The detail's pairs in its own order, each key through `label` (a known key's words, or the key)
 * and each value through `word` first (a status or role in words), else as `detailValue` writes it.
 */
export function detailPairs(
  detail: Record<string, unknown> | null | undefined,
  label: (key: string) => string,
  yesNo?: [string, string],
  word: (key: string, value: unknown) => string | undefined = () => undefined,
): DetailPair[] {
  if (!detail || typeof detail !== 'object') return [];
  return Object.entries(detail).map(([key, value]) => ({ key: label(key), value: word(key, value) ?? detailValue(value, yesNo) }));
}

/** An IPv4 client as the server saw it over IPv6 (::ffff:10.1.2.3) reads as 10.1.2.3. */
export function formatAddress(address: string | null | undefined): string {
  if (!address) return EMPTY;
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

const POLICY_CLASSES = ['call', 'sms'] as const;
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function isPolicySettings(value: unknown): value is ContactPolicySettings {
  return !!value && typeof value === 'object' && ['hours', 'caps', 'maxAttempts', 'retryMinutes'].every((key) => key in value);
}

/**
 * A contact policy update's detail ({ before, after }, the whole settings each) as only what changed,
 * before and after, in the shape a campaign's narrowing has (so `policySummary` words it): a class's
 * hours or cap whole, the attempts, each retry. Null for any other detail.
 */
export function policyChange(detail: Record<string, unknown> | null | undefined): { before: ContactPolicyOverrides; after: ContactPolicyOverrides } | null {
  const before = detail?.before;
  const after = detail?.after;
  if (!isPolicySettings(before) || !isPolicySettings(after)) return null;
  const was: ContactPolicyOverrides = {};
  const is: ContactPolicyOverrides = {};
  for (const cls of POLICY_CLASSES) {
    if (!sameValue(before.hours[cls], after.hours[cls])) {
      (was.hours ??= {})[cls] = before.hours[cls];
      (is.hours ??= {})[cls] = after.hours[cls];
    }
    if (!sameValue(before.caps[cls], after.caps[cls])) {
      (was.caps ??= {})[cls] = before.caps[cls];
      (is.caps ??= {})[cls] = after.caps[cls];
    }
  }
  if (before.maxAttempts !== after.maxAttempts) {
    was.maxAttempts = before.maxAttempts;
    is.maxAttempts = after.maxAttempts;
  }
  for (const outcome of RETRY_OUTCOMES) {
    if (before.retryMinutes[outcome] === after.retryMinutes[outcome]) continue;
    (was.retryMinutes ??= {})[outcome] = before.retryMinutes[outcome];
    (is.retryMinutes ??= {})[outcome] = after.retryMinutes[outcome];
  }
  return { before: was, after: is };
}

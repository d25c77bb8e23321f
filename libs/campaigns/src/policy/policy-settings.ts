import type { ChannelClass, ContactDays, ContactHours, ContactPolicyOverrides, ContactPolicySettings, FrequencyCap, RetryOutcome } from '@app/contracts';
import { CONTACT_DAYS, RETRY_OUTCOMES } from '@app/contracts';
import { minuteOfDay } from './zoned-time';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

/** The bank's policy until an admin edits it (frozen: a shared default must not be changed in place). */
export const DEFAULT_POLICY: ContactPolicySettings = deepFreeze({
  hours: {
    call: { start: '09:00', end: '20:00', days: 'workdays' },
    sms: { start: '08:00', end: '21:00', days: 'all_but_holidays' },
  },
  caps: { call: { max: 1, days: 7 }, sms: { max: 2, days: 7 } },
  maxAttempts: 3,
  retryMinutes: { busy: 30, no_answer: 120, failed: null, undelivered: null },
});

export interface SettingsError {
  /** The JSON path from the request body: `settings.hours.call.start`. */
  field: string;
  message: string;
}

const CLASSES: readonly ChannelClass[] = ['call', 'sms'];
const SETTINGS_KEYS = ['hours', 'caps', 'maxAttempts', 'retryMinutes'] as const;
const HOURS_KEYS = ['start', 'end', 'days'] as const;
const CAP_KEYS = ['max', 'days'] as const;
const TIME = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const LIMITS = { capMax: [1, 100], capDays: [1, 90], maxAttempts: [1, 10], retryMinutes: [1, 10_080] } as const;
const CLASS_EN: Record<ChannelClass, string> = { call: 'calls', sms: 'SMS' };

type Json = Record<string, unknown>;

/** Collects the faults of one request, each at its JSON path. */
class Faults {
  readonly list: SettingsError[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /** The value as an object with only `keys` (all of them when `complete`), or null after reporting why not. */
  object(value: unknown, path: string, keys: readonly string[], complete: boolean): Json | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(path, 'must be an object');
      return null;
    }
    const record = value as Json;
    for (const key of Object.keys(record)) if (!keys.includes(key)) this.add(`${path}.${key}`, `is not a setting (${keys.join(', ')})`);
    if (complete) for (const key of keys) if (record[key] === undefined) this.add(`${path}.${key}`, 'is required');
    return record;
  }

  /** Checks a value when present; true if it is usable. */
  check(value: unknown, path: string, valid: (v: unknown) => boolean, message: string): boolean {
    if (value === undefined) return false;
    if (valid(value)) return true;
    this.add(path, message);
    return false;
  }
}

const isTime = (v: unknown): v is string => typeof v === 'string' && TIME.test(v);
const isDays = (v: unknown): v is ContactDays => typeof v === 'string' && (CONTACT_DAYS as readonly string[]).includes(v);
const whole = (min: number, max: number) => (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const TIME_MESSAGE = 'must be a time HH:mm from 00:00 to 24:00';
const DAYS_MESSAGE = `must be one of ${CONTACT_DAYS.join(', ')}`;
const wholeMessage = ([min, max]: readonly [number, number], unit = 'a whole number') => `must be ${unit} from ${min} to ${max}`;
const RETRY_MESSAGE = `${wholeMessage(LIMITS.retryMinutes, 'a whole number of minutes')}, or null (never retry)`;
const isRetry = (v: unknown) => v === null || whole(...LIMITS.retryMinutes)(v);

/** The fields of one part that are present and well-formed (complete parts also report missing keys). */
function hoursPart(f: Faults, value: unknown, path: string, complete: boolean): Partial<ContactHours> | null {
  const o = f.object(value, path, HOURS_KEYS, complete);
  if (!o) return null;
  const part: Partial<ContactHours> = {};
  if (f.check(o.start, `${path}.start`, isTime, TIME_MESSAGE)) part.start = o.start as string;
  if (f.check(o.end, `${path}.end`, isTime, TIME_MESSAGE)) part.end = o.end as string;
  if (f.check(o.days, `${path}.days`, isDays, DAYS_MESSAGE)) part.days = o.days as ContactDays;
  return part;
}

function capPart(f: Faults, value: unknown, path: string, complete: boolean): Partial<FrequencyCap> | null {
  const o = f.object(value, path, CAP_KEYS, complete);
  if (!o) return null;
  const part: Partial<FrequencyCap> = {};
  if (f.check(o.max, `${path}.max`, whole(...LIMITS.capMax), wholeMessage(LIMITS.capMax))) part.max = o.max as number;
  if (f.check(o.days, `${path}.days`, whole(...LIMITS.capDays), wholeMessage(LIMITS.capDays, 'a whole number of days'))) part.days = o.days as number;
  return part;
}

function checkOrder(f: Faults, path: string, start: string | undefined, end: string | undefined): void {
  if (start !== undefined && end !== undefined && minuteOfDay(start) >= minuteOfDay(end)) f.add(`${path}.end`, `must be after the start (${start})`);
}

/** A complete policy, as an admin saves it. */
export function validateSettings(input: unknown, path = 'settings'): { ok: true; settings: ContactPolicySettings } | { ok: false; errors: SettingsError[] } {
  const f = new Faults();
  const root = f.object(input, path, SETTINGS_KEYS, true);
  if (!root) return { ok: false, errors: f.list };
  const hours = root.hours === undefined ? null : f.object(root.hours, `${path}.hours`, CLASSES, true);
  const caps = root.caps === undefined ? null : f.object(root.caps, `${path}.caps`, CLASSES, true);
  const settings = { hours: {}, caps: {}, retryMinutes: {} } as ContactPolicySettings;
  for (const cls of CLASSES) {
    if (hours?.[cls] === undefined) continue;
    const part = hoursPart(f, hours[cls], `${path}.hours.${cls}`, true);
    checkOrder(f, `${path}.hours.${cls}`, part?.start, part?.end);
    settings.hours[cls] = part as ContactHours;
  }
  for (const cls of CLASSES) {
    if (caps?.[cls] !== undefined) settings.caps[cls] = capPart(f, caps[cls], `${path}.caps.${cls}`, true) as FrequencyCap;
  }
  if (f.check(root.maxAttempts, `${path}.maxAttempts`, whole(...LIMITS.maxAttempts), wholeMessage(LIMITS.maxAttempts))) settings.maxAttempts = root.maxAttempts as number;
  const retry = root.retryMinutes === undefined ? null : f.object(root.retryMinutes, `${path}.retryMinutes`, RETRY_OUTCOMES, true);
  for (const outcome of RETRY_OUTCOMES) {
    if (retry && f.check(retry[outcome], `${path}.retryMinutes.${outcome}`, isRetry, RETRY_MESSAGE)) settings.retryMinutes[outcome] = retry[outcome] as number | null;
  }
  return f.list.length ? { ok: false, errors: f.list } : { ok: true, settings };
}

const WIDENS = "would widen the bank's policy";
const DAYS_ORDER = (days: ContactDays) => CONTACT_DAYS.indexOf(days);

/** A campaign's narrowing of the bank's policy: every part optional, none wider than `global`. */
export function validateOverrides(input: unknown, global: ContactPolicySettings, path = 'policy'): { ok: true; overrides: ContactPolicyOverrides } | { ok: false; errors: SettingsError[] } {
  const f = new Faults();
  const root = f.object(input, path, SETTINGS_KEYS, false);
  if (!root) return { ok: false, errors: f.list };
  const overrides: ContactPolicyOverrides = {};
  if (root.hours !== undefined) {
    const hours = f.object(root.hours, `${path}.hours`, CLASSES, false);
    overrides.hours = {};
    for (const cls of CLASSES) {
      const part = hours?.[cls] === undefined ? null : hoursPart(f, hours[cls], `${path}.hours.${cls}`, false);
      if (!part) continue;
      const p = `${path}.hours.${cls}`;
      const g = global.hours[cls];
      if (part.start !== undefined && minuteOfDay(part.start) < minuteOfDay(g.start)) f.add(`${p}.start`, `${WIDENS}, whose ${CLASS_EN[cls]} start at ${g.start}`);
      if (part.end !== undefined && minuteOfDay(part.end) > minuteOfDay(g.end)) f.add(`${p}.end`, `${WIDENS}, whose ${CLASS_EN[cls]} end at ${g.end}`);
      if (part.days !== undefined && DAYS_ORDER(part.days) > DAYS_ORDER(g.days)) f.add(`${p}.days`, `${WIDENS}, whose ${CLASS_EN[cls]} are allowed on ${g.days}`);
      const start = part.start ?? g.start;
      const end = part.end ?? g.end;
      if (minuteOfDay(start) >= minuteOfDay(end)) f.add(part.end !== undefined ? `${p}.end` : `${p}.start`, part.end !== undefined ? `must be after the start (${start})` : `must be before the end (${end})`);
      overrides.hours[cls] = part;
    }
  }
  if (root.caps !== undefined) {
    const caps = f.object(root.caps, `${path}.caps`, CLASSES, false);
    overrides.caps = {};
    for (const cls of CLASSES) {
      const part = caps?.[cls] === undefined ? null : capPart(f, caps[cls], `${path}.caps.${cls}`, false);
      if (!part) continue;
      const g = global.caps[cls];
      if (part.max !== undefined && part.max > g.max) f.add(`${path}.caps.${cls}.max`, `${WIDENS}, which allows at most ${g.max} marketing ${CLASS_EN[cls]} in ${g.days} days`);
      if (part.days !== undefined && part.days < g.days) f.add(`${path}.caps.${cls}.days`, `${WIDENS}, which counts marketing ${CLASS_EN[cls]} over ${g.days} days`);
      overrides.caps[cls] = part;
    }
  }
  if (f.check(root.maxAttempts, `${path}.maxAttempts`, whole(...LIMITS.maxAttempts), wholeMessage(LIMITS.maxAttempts))) {
    const max = root.maxAttempts as number;
    if (max > global.maxAttempts) f.add(`${path}.maxAttempts`, `${WIDENS}, which allows at most ${global.maxAttempts} attempts`);
    overrides.maxAttempts = max;
  }
  if (root.retryMinutes !== undefined) {
    const retry = f.object(root.retryMinutes, `${path}.retryMinutes`, RETRY_OUTCOMES, false);
    overrides.retryMinutes = {};
    for (const outcome of RETRY_OUTCOMES) {
      if (!retry || !f.check(retry[outcome], `${path}.retryMinutes.${outcome}`, isRetry, RETRY_MESSAGE)) continue;
      const minutes = retry[outcome] as number | null;
      const g = global.retryMinutes[outcome];
      if (minutes !== null && g === null) f.add(`${path}.retryMinutes.${outcome}`, `${WIDENS}, which never retries after ${outcome}`);
      else if (minutes !== null && g !== null && minutes < g) f.add(`${path}.retryMinutes.${outcome}`, `${WIDENS}, which waits ${g} minutes after ${outcome}`);
      overrides.retryMinutes[outcome] = minutes;
    }
  }
  return f.list.length ? { ok: false, errors: f.list } : { ok: true, overrides };
}

const later = (a: string, b: string | undefined) => (b !== undefined && minuteOfDay(b) > minuteOfDay(a) ? b : a);
const earlier = (a: string, b: string | undefined) => (b !== undefined && minuteOfDay(b) < minuteOfDay(a) ? b : a);

function retryOf(global: number | null, override: number | null | undefined): number | null {
  if (override === undefined) return global;
  if (global === null || override === null) return null;
  return Math.max(global, override);
}

/**
 * The settings a campaign runs under: the intersection of the bank's policy of today and the
 * campaign's overrides, so a campaign never ends up wider, even after the bank narrows its policy.
 */
export function effectivePolicy(global: ContactPolicySettings, overrides: ContactPolicyOverrides): ContactPolicySettings {
  const hours = (cls: ChannelClass): ContactHours => {
    const g = global.hours[cls];
    const o = overrides.hours?.[cls] ?? {};
    const days = o.days !== undefined && DAYS_ORDER(o.days) < DAYS_ORDER(g.days) ? o.days : g.days;
    return { start: later(g.start, o.start), end: earlier(g.end, o.end), days };
  };
  const cap = (cls: ChannelClass): FrequencyCap => {
    const g = global.caps[cls];
    const o = overrides.caps?.[cls] ?? {};
    return { max: Math.min(g.max, o.max ?? g.max), days: Math.max(g.days, o.days ?? g.days) };
  };
  const retryMinutes = Object.fromEntries(RETRY_OUTCOMES.map((outcome) => [outcome, retryOf(global.retryMinutes[outcome], overrides.retryMinutes?.[outcome])])) as Record<RetryOutcome, number | null>;
  return {
    hours: { call: hours('call'), sms: hours('sms') },
    caps: { call: cap('call'), sms: cap('sms') },
    maxAttempts: Math.min(global.maxAttempts, overrides.maxAttempts ?? global.maxAttempts),
    retryMinutes,
  };
}

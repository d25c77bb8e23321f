/** Wall-clock arithmetic in IANA zones with Intl alone: dates are `YYYY-MM-DD`, times `HH:mm`. */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export interface WallClock {
  /** The local date, `YYYY-MM-DD`. */
  date: string;
  /** The local time, `HH:mm`. */
  time: string;
  /** Seconds since local midnight. */
  seconds: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallParts(at: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { y: part('year'), mo: part('month'), d: part('day'), h: part('hour'), mi: part('minute'), s: part('second') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local date and time of an instant in a zone. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const w = wallParts(at.getTime(), timeZone);
  return { date: `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}`, time: `${pad(w.h)}:${pad(w.mi)}`, seconds: w.h * 3600 + w.mi * 60 + w.s };
}

/** The local wall-clock time of an instant, `HH:mm`. */
export function localTime(at: Date, timeZone: string): string {
  return wallClock(at, timeZone).time;
}

/** An instant as people in its zone read it: `YYYY-MM-DD HH:mm`. */
export function localStamp(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${w.date} ${w.time}`;
}

/** The wall clock read at an instant, as if it were UTC (whole seconds). */
function wallAsUtc(at: number, timeZone: string): number {
  const w = wallParts(at, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
}

/**
 * The instant a local date and minute of the day (0–1440) is reached in a zone. Where a clock change
 * makes that time ambiguous or skipped, `prefer` picks the later or earlier candidate, so a window's
 * start never falls before its wall-clock start and its end never after its wall-clock end.
 */
export function zonedInstant(date: string, minuteOfDay: number, timeZone: string, prefer: 'earlier' | 'later' = 'earlier'): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE_MS;
  // the zone's offsets a day either side cover any single clock change near that wall time
  const offsets = [wall - DAY_MS, wall + DAY_MS].map((t) => wallAsUtc(t, timeZone) - t);
  const candidates = [...new Set(offsets.map((o) => wall - o))];
  const exact = candidates.filter((t) => wallAsUtc(t, timeZone) === wall);
  const pool = exact.length ? exact : candidates;
  return new Date(prefer === 'later' ? Math.max(...pool) : Math.min(...pool));
}

/** `HH:mm` (00:00–24:00) as minutes since midnight. */
export function minuteOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, whatever the server's zone. */
export function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

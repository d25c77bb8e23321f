/** The time source. Inject it; never call `new Date()` in domain code, so tests can freeze time. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in an IANA zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** An instant as people in a zone read it: `YYYY-MM-DD HH:mm:ss` (24-hour clock). */
export function localDateTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/** The instant a calendar day begins in a zone (midnight local time). */
export function startOfLocalDay(at: Date, timeZone: string): Date {
  const midnightUtc = Date.parse(`${localDate(at, timeZone)}T00:00:00Z`);
  // the zone's offset at that moment: how far its wall clock is ahead of UTC
  const wall = Date.parse(localDateTime(new Date(midnightUtc), timeZone).replace(' ', 'T') + 'Z');
  return new Date(midnightUtc - (wall - midnightUtc));
}

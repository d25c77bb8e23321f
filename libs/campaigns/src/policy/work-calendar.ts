import type { CalendarDayKind, ContactDays } from '@app/contracts';
// The package's own functions build their tables in the server's zone and shift every date by a day
// west of UTC, so we read its published data. CommonJS output refuses import attributes (TS2856),
// yet Jest's ESM mode wants them for JSON: the attribute serves Jest, tsc emits a plain require().
// @ts-expect-error TS2856 under the CommonJS build, TS2823 under Jest's es2022 config
import officialData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { dayOfWeek } from './zoned-time';

/** The bank's own calendar entry (a contracts CalendarEntryView without its audit fields). */
export interface CalendarEntry {
  date: string;
  kind: CalendarDayKind;
  note: string;
}

export interface DayInfo {
  date: string;
  workday: boolean;
  /** A statutory holiday period (weekends inside it included) or a bank holiday; an ordinary weekend is not. */
  publicHoliday: boolean;
  /** The festival (春节) or the bank entry's note; null on an ordinary day. */
  name: string | null;
  source: 'bank' | 'official' | 'weekday_rule';
}

/** Date → "Spring Festival,春节,4" (English, Chinese, statutory days). */
interface OfficialData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

const official = officialData as OfficialData;

/** The festival's Chinese name from an entry such as "Spring Festival,春节,4". */
function festival(value: string): string {
  const [en, zh] = value.split(',');
  return zh || en;
}

// a year counts as published once it has holidays (a make-up day listed early would not do)
const lastYear = Math.max(...Object.keys(official.holidays).map((date) => Number(date.slice(0, 4))));

export class WorkCalendar {
  /** The last date the official data knows; later dates are decided on weekdays alone. */
  static readonly knownThrough: string = `${lastYear}-12-31`;

  private readonly entries: ReadonlyMap<string, CalendarEntry>;

  constructor(entries: readonly CalendarEntry[] = []) {
    this.entries = new Map(entries.map((e) => [e.date, e]));
  }

  day(date: string): DayInfo {
    const entry = this.entries.get(date);
    if (entry) {
      const workday = entry.kind === 'workday';
      return { date, workday, publicHoliday: !workday, name: entry.note.trim() || null, source: 'bank' };
    }
    const weekday = dayOfWeek(date) >= 1 && dayOfWeek(date) <= 5;
    if (date > WorkCalendar.knownThrough) return { date, workday: weekday, publicHoliday: false, name: null, source: 'weekday_rule' };
    const holiday = official.holidays[date];
    if (holiday) return { date, workday: false, publicHoliday: true, name: festival(holiday), source: 'official' };
    const makeUp = official.workdays[date];
    if (makeUp) return { date, workday: true, publicHoliday: false, name: festival(makeUp), source: 'official' };
    return { date, workday: weekday, publicHoliday: false, name: null, source: 'official' };
  }

  allows(days: ContactDays, date: string): { allowed: boolean; info: DayInfo } {
    const info = this.day(date);
    switch (days) {
      case 'workdays':
        return { allowed: info.workday, info };
      case 'all_but_holidays':
        return { allowed: !info.publicHoliday, info };
      case 'every_day':
        return { allowed: true, info };
    }
  }
}

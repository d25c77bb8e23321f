/**
 * Date-time pickers show Beijing wall-clock time whatever the browser's zone: a picker's dayjs holds
 * the Beijing wall time, and these turn it into an instant and back (China keeps no daylight saving).
 */
import dayjs, { type Dayjs } from 'dayjs';
import { formatInstant } from '../../format';
import type { MessageKey, Translate } from '../../i18n';

const BEIJING_OFFSET_MS = 8 * 3600_000;
const WEEKDAY_KEYS: MessageKey[] = ['time.weekday.0', 'time.weekday.1', 'time.weekday.2', 'time.weekday.3', 'time.weekday.4', 'time.weekday.5', 'time.weekday.6'];

/** A picker's Beijing wall time → ISO instant. */
export function wallToIso(wall: Dayjs): string {
  return new Date(Date.UTC(wall.year(), wall.month(), wall.date(), wall.hour(), wall.minute()) - BEIJING_OFFSET_MS).toISOString();
}

/** ISO instant → the Beijing wall time for a picker. */
export function isoToWall(iso: string | null | undefined): Dayjs | null {
  if (!iso) return null;
  const text = formatInstant(iso);
  const wall = dayjs(text.replace(' ', 'T'));
  return wall.isValid() ? wall : null;
}

export function nowWall(): Dayjs {
  return isoToWall(new Date().toISOString()) ?? dayjs();
}

/** 'YYYY-MM-DD' → 周一 / Mon. */
export function weekday(date: string, t: Translate): string {
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return Number.isNaN(day) ? '' : t(WEEKDAY_KEYS[day]);
}

/** An instant as 2026-11-23 09:00（周一）in Beijing time. */
export function instantWithWeekday(iso: string | null | undefined, t: Translate): string {
  if (!iso) return formatInstant(iso);
  const text = formatInstant(iso);
  return t('time.withWeekday', { time: text, weekday: weekday(text, t) });
}

/** 'HH:mm' ↔ a dayjs for a TimePicker. */
export function hhmmToDayjs(value: string | null | undefined): Dayjs | null {
  if (!value || !/^\d{2}:\d{2}$/.test(value)) return null;
  const d = dayjs(`2000-01-01T${value}`);
  return d.isValid() ? d : null;
}

/**
 * Numbers and dates the way the bank's staff read them: money arrives as integer fen and is shown
 * as ¥1,234.56 (¥12.35万 / ¥1.23亿 when compact); dates YYYY-MM-DD; instants in Asia/Shanghai.
 */

export const EMPTY = '—';
export const BANK_TIME_ZONE = 'Asia/Shanghai';

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 123456 → 1,234.56 (no currency sign); integer arithmetic, so no float drift. */
function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${group(String(yuan))}.${String(cents).padStart(2, '0')}`;
}

/** 123456 → ¥1,234.56; -5 → -¥0.05. */
export function formatMoney(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return EMPTY;
  const text = yuanText(fen);
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
}

/** ≥ ¥10万 → ¥12.35万, ≥ ¥1亿 → ¥1.23亿, otherwise the full amount. */
export function formatMoneyCompact(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return EMPTY;
  const yuan = Math.abs(fen) / 100;
  const sign = fen < 0 ? '-' : '';
  if (yuan >= 100_000_000) return `${sign}¥${group((yuan / 100_000_000).toFixed(2))}亿`;
  if (yuan >= 100_000) return `${sign}¥${group((yuan / 10_000).toFixed(2))}万`;
  return formatMoney(fen);
}

/** True when the compact form hides digits (so a tooltip with the exact amount is useful). */
export function isLargeAmount(fen: number | null | undefined): boolean {
  return typeof fen === 'number' && Math.abs(fen) >= 10_000_000;
}

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  const sign = value < 0 ? '-' : '';
  const [int, frac] = String(Math.abs(value)).split('.');
  return `${sign}${group(int)}${frac ? `.${frac}` : ''}`;
}

const instantFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: BANK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function shanghaiParts(date: Date): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of instantFormatter.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date: 'YYYY-MM-DD' passes through untouched; an instant becomes its Shanghai date. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return EMPTY;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = toDate(value);
  if (!date) return String(value);
  const p = shanghaiParts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

/** An instant as 'YYYY-MM-DD HH:mm' in Asia/Shanghai, whatever the browser's zone. */
export function formatInstant(value: string | Date | null | undefined): string {
  if (!value) return EMPTY;
  const date = toDate(value);
  if (!date) return String(value);
  const p = shanghaiParts(date);
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

const clockFormatter = new Intl.DateTimeFormat('en-GB', { timeZone: BANK_TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** The time of day to the second in Asia/Shanghai, 'HH:mm:ss' (when a live view last refreshed). */
export function formatClock(value: string | Date | null | undefined): string {
  if (!value) return EMPTY;
  const date = toDate(value);
  return date ? clockFormatter.format(date) : String(value);
}

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayInShanghai(): string {
  return formatDate(new Date());
}

/** Beijing area codes 10 and 20–29 are two digits; the rest three. */
function areaCodeLength(national: string): number {
  return /^(10|2\d)/.test(national) ? 2 : 3;
}

/**
 * E.164 → how Chinese staff dial it: +8613912345678 → 139 1234 5678, +861012345678 → 010-12345678.
 * Foreign numbers are left in international form.
 */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return EMPTY;
  const compact = phone.replace(/[\s-]/g, '');
  const national = compact.startsWith('+86') ? compact.slice(3) : compact.startsWith('0086') ? compact.slice(4) : /^1\d{10}$/.test(compact) ? compact : null;
  if (national === null) return phone;
  if (/^1\d{10}$/.test(national)) return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  if (/^\d{9,11}$/.test(national)) {
    const len = areaCodeLength(national);
    return `0${national.slice(0, len)}-${national.slice(len)}`;
  }
  return phone;
}

/** 850 → 850毫秒 / 850 ms; 12345 → 12.3秒; 125000 → 2分5秒. */
export function formatDuration(ms: number | null | undefined, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return EMPTY;
  const zh = lang === 'zh-CN';
  if (ms < 1000) return zh ? `${Math.round(ms)}毫秒` : `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const s = (ms / 1000).toFixed(1);
    return zh ? `${s}秒` : `${s} s`;
  }
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return zh ? `${minutes}分${seconds}秒` : `${minutes} min ${seconds} s`;
}

/** Asia/Shanghai → 中国标准时间（GMT+8） / China Standard Time (GMT+8): the zone's name, not its IANA id. */
export function formatTimeZone(zone: string | null | undefined, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (!zone) return EMPTY;
  const part = (timeZoneName: 'longGeneric' | 'shortOffset') => {
    try {
      return new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
    } catch {
      return undefined; // not a zone this browser knows
    }
  };
  const name = part('longGeneric');
  const offset = part('shortOffset');
  if (!name || !offset) return zone;
  if (name === offset) return name;
  return lang === 'zh-CN' ? `${name}（${offset}）` : `${name} (${offset})`;
}

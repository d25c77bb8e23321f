/**
 * When a customer asks to be called back: "明天下午三点", "后天上午", "一个小时后", "周五 10:30",
 * "tomorrow at 3", "in 2 hours". Times are read in the customer's zone (China keeps UTC+8 all
 * year, so an offset in minutes is enough). A vague "晚点" or "later" has no time: the caller
 * plans the callback by its own default.
 */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const EN_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** A number written in digits or in Chinese up to 99: "3", "十五", "二十", "两". */
export function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text || [...text].some((c) => c !== '十' && DIGITS[c] === undefined)) return null;
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 ? DIGITS[text] : null;
  const tens = ten === 0 ? 1 : DIGITS[text.slice(0, ten)];
  const ones = ten === text.length - 1 ? 0 : DIGITS[text.slice(ten + 1)];
  return tens === undefined || ones === undefined ? null : tens * 10 + ones;
}

const NUM = '(\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})';

interface Local {
  /** Days from today. */
  dayOffset: number | null;
  hour: number | null;
  minute: number;
  /** 'am' | 'pm' when the customer said which half of the day. */
  half: 'am' | 'pm' | null;
}

function partOfDay(text: string): { half: 'am' | 'pm' | null; hour: number | null } {
  if (/凌晨/.test(text)) return { half: 'am', hour: null };
  if (/早上|早晨|上午|morning/.test(text)) return { half: 'am', hour: 10 };
  if (/下午|afternoon/.test(text)) return { half: 'pm', hour: 15 };
  if (/中午|noon/.test(text)) return { half: 'pm', hour: 12 };
  if (/晚上|傍晚|今晚|evening|tonight/.test(text)) return { half: 'pm', hour: 19 };
  if (/\bpm\b|p\.m\./.test(text)) return { half: 'pm', hour: null };
  if (/\bam\b|a\.m\./.test(text)) return { half: 'am', hour: null };
  return { half: null, hour: null };
}

function dayOffset(text: string, weekday: number): number | null {
  if (/大后天/.test(text)) return 3;
  if (/后天|day after tomorrow/.test(text)) return 2;
  if (/明天|明日|明早|明晚|tomorrow/.test(text)) return 1;
  if (/今天|今晚|今日|today|tonight/.test(text)) return 0;
  const zh = /(下周|下星期|下礼拜|周|星期|礼拜)([一二三四五六日天])/.exec(text);
  if (zh) {
    const target = WEEKDAYS[zh[2]];
    let days = (target - weekday + 7) % 7;
    if (zh[1].startsWith('下')) days = days === 0 ? 7 : days + (target > weekday ? 7 : 0);
    return days === 0 ? 7 : days;
  }
  const en = EN_WEEKDAYS.findIndex((d) => text.includes(d));
  if (en >= 0) return (en - weekday + 7) % 7 || 7;
  return null;
}

function clockTime(text: string): { hour: number; minute: number } | null {
  const colon = /(\d{1,2})[:：](\d{2})/.exec(text);
  if (colon) return { hour: Number(colon[1]), minute: Number(colon[2]) };
  const zh = new RegExp(`${NUM}[点點时](半|${NUM}分?|一刻|三刻)?`).exec(text);
  if (zh) {
    const hour = chineseNumber(zh[1]);
    if (hour === null) return null;
    const rest = zh[2];
    const minute = !rest ? 0 : rest === '半' ? 30 : rest === '一刻' ? 15 : rest === '三刻' ? 45 : (chineseNumber(rest.replace('分', '')) ?? 0);
    return { hour, minute };
  }
  const en = /\b(?:at\s+)?(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|o'?clock)\b|\bat\s+(\d{1,2})\b/.exec(text);
  if (en) return { hour: Number(en[1] ?? en[4]), minute: en[2] ? Number(en[2]) : 0 };
  return null;
}

function relative(text: string): number | null {
  const zh = new RegExp(`${NUM}(个)?(半)?(小时|钟头|分钟)(以)?后`).exec(text);
  if (zh) {
    const n = chineseNumber(zh[1]);
    if (n === null) return null;
    return zh[4] === '分钟' ? n : n * 60 + (zh[3] ? 30 : 0);
  }
  if (/半(个)?(小时|钟头)|half an hour/.test(text)) return 30;
  const en = /\bin\s+(\d{1,3}|an?|one|two|three)\s+(hours?|minutes?|mins?)\b/.exec(text);
  if (en) {
    const n = /^\d+$/.test(en[1]) ? Number(en[1]) : ({ a: 1, an: 1, one: 1, two: 2, three: 3 } as Record<string, number>)[en[1]];
    return en[2].startsWith('hour') ? n * 60 : n;
  }
  return null;
}

/** The moment the customer asked to be called back, or null when they named none. */
export function callbackTime(utterance: string, now: Date, offsetMinutes = 480): Date | null {
  const text = utterance.normalize('NFKC').toLowerCase();
  const minutes = relative(text);
  if (minutes !== null) return new Date(now.getTime() + minutes * 60_000);

  // the customer's wall clock, as UTC fields
  const local = new Date(now.getTime() + offsetMinutes * 60_000);
  const part = partOfDay(text);
  const clock = clockTime(text);
  const when: Local = { dayOffset: dayOffset(text, local.getUTCDay()), hour: clock?.hour ?? part.hour, minute: clock?.minute ?? 0, half: part.half };
  if (when.dayOffset === null && clock === null && part.hour === null) return null;
  if (when.hour === null) when.hour = 10;
  if (when.hour > 23 || when.minute > 59) return null;
  // "三点" with no half of the day: a bank calls at 3 pm, not 3 am
  if (when.half === 'pm' && when.hour < 12) when.hour += 12;
  else if (when.half === null && when.hour >= 1 && when.hour <= 7) when.hour += 12;

  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + (when.dayOffset ?? 0), when.hour, when.minute));
  let at = new Date(day.getTime() - offsetMinutes * 60_000);
  // a time already past today means the next one
  if (when.dayOffset === null && at.getTime() <= now.getTime()) at = new Date(at.getTime() + 86_400_000);
  return at;
}

import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A value that did not pass; `code` is stable for machines, `message` is for the bank's staff. */
export class ValueProblem {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

/** The number written by `length` ASCII digits from `at`, or -1 when one is not a digit. */
function digitsAt(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** `YYYY-MM-DD` of a real calendar day (from 1900 on). */
export function parseDate(raw: string): string | ValueProblem {
  // read by hand: a regex and a Date per value were a large share of the import's time
  const y = raw.length === 10 && raw[4] === '-' && raw[7] === '-' ? digitsAt(raw, 0, 4) : -1;
  const mo = y < 0 ? -1 : digitsAt(raw, 5, 2);
  const d = mo < 0 ? -1 : digitsAt(raw, 8, 2);
  if (d < 0) return new ValueProblem('date_format', `日期格式应为 YYYY-MM-DD，实际为“${raw}”`);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return new ValueProblem('date_invalid', `不存在的日期“${raw}”`);
  return raw;
}

const MONEY = /^(\d{1,13})(?:\.(\d{1,2}))?$/;
const MONEY_GROUPED = /^\d{1,3}(,\d{3})+(\.\d{1,2})?$/;

/** `123` or `123.4` or `123.45` (at most 13 integer digits) → fen; -1 for anything else. */
function plainYuanToFen(raw: string): number {
  const dot = raw.indexOf('.');
  const whole = dot === -1 ? raw.length : dot;
  const decimals = dot === -1 ? 0 : raw.length - dot - 1;
  if (whole < 1 || whole > 13 || (dot !== -1 && (decimals < 1 || decimals > 2))) return -1;
  const yuan = digitsAt(raw, 0, whole);
  const cents = decimals === 0 ? 0 : digitsAt(raw, dot + 1, decimals);
  if (yuan < 0 || cents < 0) return -1;
  return yuan * 100 + (decimals === 1 ? cents * 10 : cents);
}

/** Yuan with at most two decimals → integer fen, without floating-point rounding. */
export function parseYuanToFen(raw: string): number | ValueProblem {
  // the usual plain amount is read by hand; everything else takes the regex path below
  const plain = plainYuanToFen(raw);
  if (plain >= 0) return plain;
  const text = MONEY_GROUPED.test(raw) ? raw.replaceAll(',', '') : raw;
  if (text.startsWith('-')) return new ValueProblem('money_negative', `金额不能为负数：“${raw}”`);
  const m = MONEY.exec(text);
  if (!m) {
    if (/^\d+\.\d{3,}$/.test(text)) return new ValueProblem('money_precision', `金额最多两位小数：“${raw}”`);
    return new ValueProblem('money_format', `金额应为以元为单位的数字（最多两位小数）：“${raw}”`);
  }
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const TRUE_VALUES = new Set(['y', 'yes', 'true', '1', '是']);
const FALSE_VALUES = new Set(['n', 'no', 'false', '0', '否']);

export function parseBool(raw: string): boolean | ValueProblem {
  if (raw === 'Y') return true;
  if (raw === 'N') return false;
  const text = raw.toLowerCase();
  if (TRUE_VALUES.has(text)) return true;
  if (FALSE_VALUES.has(text)) return false;
  return new ValueProblem('bool_format', `应为 Y/N、true/false、1/0 或 是/否：“${raw}”`);
}

export function parseIntInRange(raw: string, min: number, max: number): number | ValueProblem {
  if (!/^-?\d{1,15}$/.test(raw)) return new ValueProblem('int_format', `应为整数：“${raw}”`);
  const value = Number(raw);
  if (value < min || value > max) return new ValueProblem('int_range', `应在 ${min} 到 ${max} 之间：“${raw}”`);
  return value;
}

function checkPhone(raw: string, text: string): string | ValueProblem {
  const phone = parsePhoneNumberFromString(text, 'CN');
  if (!phone || !phone.isValid()) return new ValueProblem('phone_invalid', `无效的电话号码：“${raw}”`);
  return phone.number;
}

/**
 * An 11-digit mainland mobile number (13x–19x but 179, which CN parsing reads as a carrier prefix),
 * bare or after +86/86, in groups of 3-4-4. libphonenumber's verdict on these depends only on the
 * first five digits: CN mobile ranges are 1610x, 1740x and three-digit prefixes, no other CN
 * pattern takes 11 digits starting 13–19, and each of these writings parses to the bare digits
 * (feed-values.spec checks every prefix). So one parse per prefix stands for all its numbers.
 */
const MOBILE = /^(?:\+86[ -]?|86)?(1[3-9]\d)([ -]?)(\d{4})\2(\d{4})$/;
/** Verdict per five-digit prefix: 0 not parsed yet, 1 valid, 2 invalid (a fixed 100 kB). */
const mobileVerdicts = new Uint8Array(100_000);

/** Any Chinese way of writing a number (spaces, dashes, +86, 0086) → E.164, checked by libphonenumber. */
export function parsePhone(raw: string): string | ValueProblem {
  const text = raw.startsWith('0086') ? '+86' + raw.slice(4) : raw;
  const m = MOBILE.exec(text);
  if (!m || m[1] === '179') return checkPhone(raw, text);
  const digits = m[1] + m[3] + m[4];
  const prefix = Number(digits.slice(0, 5));
  if (mobileVerdicts[prefix] === 1) return `+86${digits}`;
  if (mobileVerdicts[prefix] === 2) return new ValueProblem('phone_invalid', `无效的电话号码：“${raw}”`);
  const checked = checkPhone(raw, text);
  // remember only a verdict of the expected form
  if (checked instanceof ValueProblem) mobileVerdicts[prefix] = 2;
  else if (checked === `+86${digits}`) mobileVerdicts[prefix] = 1;
  return checked;
}

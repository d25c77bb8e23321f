import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A value that did not pass; `code` is stable for machines, `message` is for the bank's staff. */
export class ValueProblem {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` of a real calendar day. */
export function parseDate(raw: string): string | ValueProblem {
  const m = DATE.exec(raw);
  if (!m) return new ValueProblem('date_format', `日期格式应为 YYYY-MM-DD，实际为“${raw}”`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900) {
    return new ValueProblem('date_invalid', `不存在的日期“${raw}”`);
  }
  return raw;
}

const MONEY = /^(\d{1,13})(?:\.(\d{1,2}))?$/;
const MONEY_GROUPED = /^\d{1,3}(,\d{3})+(\.\d{1,2})?$/;

/** Yuan with at most two decimals → integer fen, without floating-point rounding. */
export function parseYuanToFen(raw: string): number | ValueProblem {
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

/** Any Chinese way of writing a number (spaces, dashes, +86, 0086) → E.164, checked by libphonenumber. */
export function parsePhone(raw: string): string | ValueProblem {
  const phone = parsePhoneNumberFromString(raw.replace(/^0086/, '+86'), 'CN');
  if (!phone || !phone.isValid()) return new ValueProblem('phone_invalid', `无效的电话号码：“${raw}”`);
  return phone.number;
}

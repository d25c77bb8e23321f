import { describe, it, expect } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { FeedRowValidator, checkHeader } from '../import/feed-row-validator';
import { usccProblem } from '../import/uscc';
import { FEED_COLUMNS, generateFeedCsv, generateFeedRows, priorBalanceYuan, toCsvLine } from './feed-generator';

const AS_OF = '2026-11-23';
const DAY_MS = 86_400_000;
const col = (name: string): number => FEED_COLUMNS.indexOf(name);
const C = {
  customerNo: col('customer_no'),
  company: col('company_name'),
  uscc: col('uscc'),
  legalRep: col('legal_rep_name'),
  phone: col('phone'),
  branch: col('branch_code'),
  province: col('province'),
  openedAt: col('opened_at'),
  lastTxnAt: col('last_txn_at'),
  balance: col('avg_daily_balance'),
  tier: col('tier'),
  threshold: col('next_tier_threshold'),
  points: col('points_balance'),
  pointsExpireAt: col('points_expire_at'),
  online: col('online_banking_activated'),
  mobile: col('mobile_banking_active'),
  payroll: col('payroll_service'),
  loan: col('has_loan'),
  consentSms: col('consent_sms'),
  consentCall: col('consent_call'),
};
const BOOL_COLUMNS = [C.online, C.mobile, C.payroll, C.loan, C.consentSms, C.consentCall];
const MONEY = /^(0|[1-9]\d*)\.\d{2}$/;

// Generated once: the checks below only read it.
const ROWS = [...generateFeedRows({ count: 5000, asOf: AS_OF, seed: 42 })];

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Every lifecycle situation a row is in, judged from its values only. */
function situations(row: string[], asOf: string): Set<string> {
  const found = new Set<string>();
  const openedAge = daysBetween(row[C.openedAt], asOf);
  const lastAge = row[C.lastTxnAt] ? daysBetween(row[C.lastTxnAt], asOf) : null;
  const balance = Number(row[C.balance]);
  const tier = Number(row[C.tier]);
  const threshold = row[C.threshold] ? Number(row[C.threshold]) : null;
  const points = Number(row[C.points]);
  if (openedAge < 30) found.add('new');
  if (lastAge === null ? openedAge >= 180 : lastAge >= 180) found.add('dormant');
  if (points > 0) {
    const expiresIn = daysBetween(asOf, row[C.pointsExpireAt]);
    if (expiresIn >= 0 && expiresIn <= 30) found.add('expiring');
  }
  if (tier < 5 && threshold !== null && balance >= 0.8 * threshold && balance < threshold) found.add('nearUpgrade');
  if (tier >= 3 && lastAge !== null && lastAge >= 30) found.add('slipping');
  if (row[C.online] === 'N' && openedAge >= 7) found.add('noOnline');
  return found;
}

describe('generateFeedRows', () => {
  it('gives the same rows for the same seed and different rows for another', () => {
    const again = [...generateFeedRows({ count: 200, asOf: AS_OF, seed: 42 })];
    expect(again).toEqual(ROWS.slice(0, 200));
    const other = [...generateFeedRows({ count: 200, asOf: AS_OF, seed: 43 })];
    expect(other).not.toEqual(again);
  });

  it('gives row N the same values whatever startIndex the run began at', () => {
    const tail = [...generateFeedRows({ count: 10, asOf: AS_OF, seed: 42, startIndex: 101 })];
    expect(tail).toEqual(ROWS.slice(100, 110));
  });

  it('writes 20 values per row in FEED_COLUMNS order', () => {
    expect(FEED_COLUMNS).toHaveLength(20);
    expect(FEED_COLUMNS[0]).toBe('customer_no');
    expect(FEED_COLUMNS[19]).toBe('consent_call');
    expect(ROWS.every((row) => row.length === 20)).toBe(true);
  });

  it('numbers customers uniquely as C + 10 digits', () => {
    const numbers = new Set(ROWS.map((r) => r[C.customerNo]));
    expect(numbers.size).toBe(ROWS.length);
    expect(ROWS[0][C.customerNo]).toBe('C0000000001');
    expect([...numbers].filter((n) => !/^C\d{10}$/.test(n))).toEqual([]);
  });

  it('gives every customer a valid, unique USCC', () => {
    const codes = ROWS.map((r) => r[C.uscc]);
    expect(codes.filter((code) => usccProblem(code) !== null)).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => c.startsWith('91'))).toBe(true);
  });

  it('gives every customer a phone libphonenumber accepts, mostly mobiles, some landlines', () => {
    let landlines = 0;
    const invalid: string[] = [];
    for (const row of ROWS) {
      const parsed = parsePhoneNumberFromString(row[C.phone], 'CN');
      if (!parsed?.isValid()) invalid.push(row[C.phone]);
      else if (parsed.getType() !== 'MOBILE') landlines++;
    }
    expect(invalid).toEqual([]);
    expect(landlines / ROWS.length).toBeGreaterThan(0.03);
    expect(landlines / ROWS.length).toBeLessThan(0.08);
    const spaced = ROWS.filter((r) => /[ +-]/.test(r[C.phone])).length;
    expect(spaced / ROWS.length).toBeGreaterThan(0.2);
  });

  it('writes valid dates, none after asOf except points expiry', () => {
    const bad = ROWS.filter((row) => {
      const opened = row[C.openedAt];
      const last = row[C.lastTxnAt];
      const points = Number(row[C.points]);
      const expire = row[C.pointsExpireAt];
      if (!isCalendarDate(opened) || opened > AS_OF) return true;
      if (last && (!isCalendarDate(last) || last > AS_OF || last < opened)) return true;
      return points > 0 ? !isCalendarDate(expire) || expire < AS_OF : row[C.points] !== '0' || expire !== '';
    });
    expect(bad).toEqual([]);
  });

  it('writes money with two decimals, never negative, and thresholds that rise with tier', () => {
    const bad = ROWS.filter(
      (row) =>
        !MONEY.test(row[C.balance]) ||
        !/^[0-5]$/.test(row[C.tier]) ||
        !/^\d+$/.test(row[C.points]) ||
        (row[C.tier] === '5' ? row[C.threshold] !== '' : !MONEY.test(row[C.threshold])),
    );
    expect(bad).toEqual([]);
    const thresholds = new Map(ROWS.filter((r) => r[C.tier] !== '5').map((r) => [r[C.tier], r[C.threshold]]));
    expect(Object.fromEntries(thresholds)).toEqual({
      '0': '50000.00',
      '1': '200000.00',
      '2': '500000.00',
      '3': '2000000.00',
      '4': '5000000.00',
    });
  });

  it('writes booleans as Y/N with the expected consent shares', () => {
    expect(ROWS.filter((row) => BOOL_COLUMNS.some((i) => row[i] !== 'Y' && row[i] !== 'N'))).toEqual([]);
    const share = (i: number) => ROWS.filter((r) => r[i] === 'Y').length / ROWS.length;
    expect(share(C.consentSms)).toBeGreaterThan(0.8);
    expect(share(C.consentSms)).toBeLessThan(0.9);
    expect(share(C.consentCall)).toBeGreaterThan(0.7);
    expect(share(C.consentCall)).toBeLessThan(0.8);
  });

  it('covers every lifecycle situation in at least 5% of customers', () => {
    const counts = new Map<string, number>();
    let plain = 0;
    for (const row of ROWS) {
      const found = situations(row, AS_OF);
      if (found.size === 0) plain++;
      for (const s of found) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    for (const s of ['new', 'dormant', 'expiring', 'nearUpgrade', 'slipping', 'noOnline']) {
      expect([s, (counts.get(s) ?? 0) / ROWS.length >= 0.05]).toEqual([s, true]);
    }
    expect(plain / ROWS.length).toBeGreaterThan(0.2);
  });

  it('writes realistic, varied names, branches and provinces', () => {
    const names = new Set(ROWS.map((r) => r[C.company]));
    expect(names.size / ROWS.length).toBeGreaterThan(0.99);
    const bad = ROWS.filter(
      (row) =>
        !/^[\u4e00-\u9fff（）]+(有限公司|有限责任公司|股份有限公司)$/.test(row[C.company]) ||
        !/^[\u4e00-\u9fff]{2,4}$/.test(row[C.legalRep]) ||
        !/^BR\d{3}$/.test(row[C.branch]),
    );
    expect(bad).toEqual([]);
    expect(new Set(ROWS.map((r) => r[C.branch])).size).toBe(20);
    const provinces = new Set(ROWS.map((r) => r[C.province]));
    for (const p of ['北京', '上海', '广东', '浙江', '新疆']) expect(provinces.has(p)).toBe(true);
    const xinjiang = ROWS.filter((r) => r[C.province] === '新疆');
    expect(xinjiang.every((r) => r[C.company].includes('乌鲁木齐') && r[C.uscc].slice(2, 8) === '650100')).toBe(true);
  });

  it('passes the import validator', () => {
    const validator = new FeedRowValidator(checkHeader(FEED_COLUMNS), AS_OF, 'Asia/Shanghai');
    const rejected = ROWS.map((row, i) => validator.validate(row, i + 2)).filter((result) => Array.isArray(result));
    expect(rejected).toEqual([]);
  });

  it('rejects bad options', () => {
    expect(() => [...generateFeedRows({ count: 1, asOf: '2026-02-30' })]).toThrow();
    expect(() => [...generateFeedRows({ count: -1, asOf: AS_OF })]).toThrow();
    expect(() => [...generateFeedRows({ count: 2, asOf: AS_OF, startIndex: 9_999_999_999 })]).toThrow();
    expect(() => generateFeedCsv({ count: 1, asOf: 'today' }).next()).toThrow();
  });
});

describe('priorBalanceYuan', () => {
  it('puts slipping key customers 31–38% down on 30 days ago and everyone else within 5%', () => {
    let slipping = 0;
    const bad: string[][] = [];
    for (const row of ROWS) {
      const prior = priorBalanceYuan(row);
      const now = Number(row[C.balance]);
      const found = situations(row, AS_OF);
      let ok = MONEY.test(prior) && priorBalanceYuan(row) === prior;
      if (found.has('slipping') && !found.has('dormant')) {
        slipping++;
        const drop = 1 - now / Number(prior);
        ok &&= drop >= 0.3 && drop <= 0.4;
      } else if (now > 0) {
        // Allow a fen of rounding on tiny balances.
        ok &&= Math.abs(Number(prior) / now - 1) <= 0.05 + 0.01 / now;
      }
      if (!ok) bad.push([...row, prior]);
    }
    expect(bad).toEqual([]);
    expect(slipping).toBeGreaterThan(0);
  });
});

describe('CSV output', () => {
  it('quotes values with commas, quotes or newlines (RFC 4180)', () => {
    expect(toCsvLine(['a', 'b'])).toBe('a,b\n');
    expect(toCsvLine(['a,b', 'say "hi"', 'x\ny', ''])).toBe('"a,b","say ""hi""","x\ny",\n');
  });

  it('writes the header first, then one line per row that parses back', () => {
    const text = [...generateFeedCsv({ count: 300, asOf: AS_OF, seed: 42 })].join('');
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'customer_no,company_name,uscc,legal_rep_name,phone,branch_code,province,opened_at,last_txn_at,avg_daily_balance,tier,next_tier_threshold,points_balance,points_expire_at,online_banking_activated,mobile_banking_active,payroll_service,has_loan,consent_sms,consent_call',
    );
    const records = parse(text) as string[][];
    expect(records).toHaveLength(301);
    expect(records.slice(1)).toEqual(ROWS.slice(0, 300));
  });
});

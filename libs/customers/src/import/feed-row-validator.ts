import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS, type FeedColumn, type FeedRow } from './feed-columns';
import { parseBool, parseDate, parseIntInRange, parsePhone, parseYuanToFen, ValueProblem } from './feed-values';
import { usccProblem } from './uscc';

export interface RowProblem {
  field: string;
  code: string;
  message: string;
}

export interface HeaderCheck {
  /** column name → index in each record */
  index: Map<FeedColumn, number>;
  missing: string[];
  unknown: string[];
  duplicated: string[];
}

const KNOWN = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

export function checkHeader(header: readonly string[]): HeaderCheck {
  const index = new Map<FeedColumn, number>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  header.forEach((raw, i) => {
    const name = raw.replace(/^\uFEFF/, '').trim().toLowerCase();
    if (!KNOWN.has(name)) {
      if (name) unknown.push(raw.trim());
      return;
    }
    if (index.has(name as FeedColumn)) duplicated.push(name);
    else index.set(name as FeedColumn, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  return { index, missing, unknown, duplicated };
}

/** Provinces whose customers keep their own local time; everyone else is on the default zone. */
const PROVINCE_ZONES: Record<string, string> = {
  新疆: 'Asia/Urumqi',
  新疆维吾尔自治区: 'Asia/Urumqi',
  香港: 'Asia/Hong_Kong',
  澳门: 'Asia/Macau',
};

const CUSTOMER_NO = /^[A-Za-z0-9_-]{1,32}$/;
const BRANCH_CODE = /^[A-Za-z0-9]{1,20}$/;
const REPLACEMENT_CHAR = '\uFFFD';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const ALL_COLUMNS: readonly FeedColumn[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
/** Column → its number in ALL_COLUMNS: the per-row lookups are then array reads, not hash lookups. */
const C = Object.freeze(Object.fromEntries(ALL_COLUMNS.map((c, i) => [c, i]))) as Readonly<Record<FeedColumn, number>>;
const PROBLEM_ENCODING = '含有无法识别的字符（文件编码错误？）';
const RISK_FLAG_SEPARATOR = /[;；|]/;

function parseTier(raw: string): number | ValueProblem {
  return parseIntInRange(raw, 0, 5);
}

function parsePoints(raw: string): number | ValueProblem {
  return parseIntInRange(raw, 0, 1e12);
}

/**
 * Validates one record of the feed, all fields at once, so the report names every fault of the
 * row. Pure: the feed's as-of date and the default zone come in. The record and its faults sit
 * on the instance while a row is checked, so a million rows cost no closures per row.
 */
export class FeedRowValidator {
  private readonly zoneCache = new Map<string, boolean>();
  /** column number (C) → index in each record, -1 when the file does not have it */
  private readonly at: Int32Array;
  private record: readonly string[] = [];
  private problems: RowProblem[] = [];

  constructor(
    header: HeaderCheck,
    private readonly asOf: string,
    private readonly defaultTimeZone: string,
  ) {
    this.at = Int32Array.from(ALL_COLUMNS, (c) => header.index.get(c) ?? -1);
  }

  validate(record: readonly string[], line: number): FeedRow | RowProblem[] {
    this.record = record;
    this.problems = [];
    const customerNo = this.required(C.customer_no);
    if (customerNo && !CUSTOMER_NO.test(customerNo)) this.fail('customer_no', 'customer_no_format', `客户号只能包含字母、数字、“-”和“_”，最长 32 位：“${customerNo}”`);
    const companyName = this.required(C.company_name);
    if (companyName.length > 200) this.fail('company_name', 'too_long', '企业名称最长 200 个字符');
    const uscc = this.required(C.uscc).toUpperCase();
    if (uscc) this.checkUscc(uscc);
    const legalRepName = this.optional(C.legal_rep_name);
    if (legalRepName.length > 100) this.fail('legal_rep_name', 'too_long', '法定代表人姓名最长 100 个字符');
    const phone = this.parse(C.phone, this.required(C.phone), parsePhone);
    const branchCode = this.required(C.branch_code);
    if (branchCode && !BRANCH_CODE.test(branchCode)) this.fail('branch_code', 'branch_code_format', `网点号只能包含字母和数字，最长 20 位：“${branchCode}”`);
    const province = this.optional(C.province);
    if (province.length > 20) this.fail('province', 'too_long', '省份最长 20 个字符');
    const zoneRaw = this.optional(C.time_zone);
    if (zoneRaw && !this.knownZone(zoneRaw)) this.fail('time_zone', 'time_zone_invalid', `未知时区：“${zoneRaw}”（应为 IANA 时区，如 Asia/Shanghai）`);

    const openedAt = this.parse(C.opened_at, this.required(C.opened_at), parseDate);
    this.notAfterAsOf(C.opened_at, openedAt);
    const lastTxnAt = this.parse(C.last_txn_at, this.optional(C.last_txn_at), parseDate);
    this.notAfterAsOf(C.last_txn_at, lastTxnAt);
    if (openedAt && lastTxnAt && lastTxnAt < openedAt) this.fail('last_txn_at', 'txn_before_opening', `最近交易日 ${lastTxnAt} 早于开户日 ${openedAt}`);
    const balance = this.parse(C.avg_daily_balance, this.required(C.avg_daily_balance), parseYuanToFen);
    const tier = this.parse(C.tier, this.required(C.tier), parseTier);
    const threshold = this.parse(C.next_tier_threshold, this.optional(C.next_tier_threshold), parseYuanToFen);
    const points = this.parse(C.points_balance, this.required(C.points_balance), parsePoints);
    const pointsExpireAt = this.parse(C.points_expire_at, this.optional(C.points_expire_at), parseDate);
    const onlineBanking = this.parse(C.online_banking_activated, this.required(C.online_banking_activated), parseBool);
    const mobileBanking = this.parse(C.mobile_banking_active, this.required(C.mobile_banking_active), parseBool);
    const payroll = this.parse(C.payroll_service, this.required(C.payroll_service), parseBool);
    const hasLoan = this.parse(C.has_loan, this.required(C.has_loan), parseBool);
    const consentSms = this.parse(C.consent_sms, this.required(C.consent_sms), parseBool);
    const consentCall = this.parse(C.consent_call, this.required(C.consent_call), parseBool);
    const elderlyRaw = this.optional(C.elderly_friendly);
    const elderly = elderlyRaw ? this.parse(C.elderly_friendly, elderlyRaw, parseBool) : false;
    const flags = this.optional(C.risk_flags);

    if (this.problems.length) return this.problems;
    return {
      line,
      customerNo,
      companyName,
      uscc,
      legalRepName: legalRepName || null,
      phone: phone!,
      branchCode,
      province: province || null,
      timeZone: zoneRaw || PROVINCE_ZONES[province] || this.defaultTimeZone,
      openedAt: openedAt!,
      lastTxnAt: lastTxnAt ?? null,
      avgDailyBalanceFen: balance!,
      tier: tier!,
      nextTierThresholdFen: threshold ?? null,
      pointsBalance: points!,
      pointsExpireAt: pointsExpireAt ?? null,
      onlineBankingActivated: onlineBanking!,
      mobileBankingActive: mobileBanking!,
      payrollService: payroll!,
      hasLoan: hasLoan!,
      consentSms: consentSms!,
      consentCall: consentCall!,
      elderlyFriendly: elderly ?? false,
      riskFlags: flags ? riskFlags(flags) : [],
    };
  }

  private fail(field: FeedColumn, code: string, message: string): void {
    this.problems.push({ field, code, message });
  }

  private value(column: number): string {
    const i = this.at[column];
    return i < 0 ? '' : (this.record[i] ?? '').trim();
  }

  private required(column: number): string {
    const value = this.value(column);
    if (value === '') this.fail(ALL_COLUMNS[column], 'required', '不能为空');
    else if (value.includes(REPLACEMENT_CHAR)) this.fail(ALL_COLUMNS[column], 'encoding', PROBLEM_ENCODING);
    return value;
  }

  private optional(column: number): string {
    const value = this.value(column);
    if (value !== '' && value.includes(REPLACEMENT_CHAR)) this.fail(ALL_COLUMNS[column], 'encoding', PROBLEM_ENCODING);
    return value;
  }

  private parse<T>(column: number, raw: string, parser: (raw: string) => T | ValueProblem): T | undefined {
    if (raw === '') return undefined;
    const value = parser(raw);
    if (value instanceof ValueProblem) {
      this.fail(ALL_COLUMNS[column], value.code, value.message);
      return undefined;
    }
    return value;
  }

  private notAfterAsOf(column: number, date: string | undefined): void {
    if (date && date > this.asOf) this.fail(ALL_COLUMNS[column], 'date_after_feed', `日期 ${date} 晚于数据日期 ${this.asOf}`);
  }

  private checkUscc(uscc: string): void {
    const fault = usccProblem(uscc);
    if (fault === 'length') this.fail('uscc', 'uscc_length', `统一社会信用代码应为 18 位：“${uscc}”`);
    if (fault === 'alphabet') this.fail('uscc', 'uscc_alphabet', `统一社会信用代码含有非法字符（不使用 I、O、S、V、Z）：“${uscc}”`);
    if (fault === 'checksum') this.fail('uscc', 'uscc_checksum', `统一社会信用代码校验位错误：“${uscc}”`);
  }

  private knownZone(zone: string): boolean {
    let known = this.zoneCache.get(zone);
    if (known === undefined) {
      known = isTimeZone(zone);
      this.zoneCache.set(zone, known);
    }
    return known;
  }
}

function riskFlags(flags: string): string[] {
  return flags
    .split(RISK_FLAG_SEPARATOR)
    .map((f) => f.trim())
    .filter(Boolean);
}

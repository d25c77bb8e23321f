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

/**
 * Validates one record of the feed, all fields at once, so the report names every fault of the
 * row. Pure: the feed's as-of date and the default zone come in.
 */
export class FeedRowValidator {
  private readonly zoneCache = new Map<string, boolean>();

  constructor(
    private readonly header: HeaderCheck,
    private readonly asOf: string,
    private readonly defaultTimeZone: string,
  ) {}

  validate(record: readonly string[], line: number): FeedRow | RowProblem[] {
    const problems: RowProblem[] = [];
    const get = (column: FeedColumn): string | undefined => {
      const i = this.header.index.get(column);
      return i === undefined ? undefined : (record[i] ?? '').trim();
    };
    const fail = (field: FeedColumn | 'row', problem: ValueProblem) => problems.push({ field, code: problem.code, message: problem.message });
    const required = (column: FeedColumn): string => {
      const value = get(column) ?? '';
      if (value === '') fail(column, new ValueProblem('required', '不能为空'));
      else if (value.includes(REPLACEMENT_CHAR)) fail(column, new ValueProblem('encoding', '含有无法识别的字符（文件编码错误？）'));
      return value;
    };
    const optional = (column: FeedColumn): string => {
      const value = get(column) ?? '';
      if (value.includes(REPLACEMENT_CHAR)) fail(column, new ValueProblem('encoding', '含有无法识别的字符（文件编码错误？）'));
      return value;
    };
    const check = <T>(column: FeedColumn, raw: string, parse: (raw: string) => T | ValueProblem): T | undefined => {
      if (raw === '') return undefined;
      const value = parse(raw);
      if (value instanceof ValueProblem) {
        fail(column, value);
        return undefined;
      }
      return value;
    };
    const notAfterAsOf = (column: FeedColumn, date: string | undefined) => {
      if (date && date > this.asOf) fail(column, new ValueProblem('date_after_feed', `日期 ${date} 晚于数据日期 ${this.asOf}`));
    };

    const customerNo = required('customer_no');
    if (customerNo && !CUSTOMER_NO.test(customerNo)) fail('customer_no', new ValueProblem('customer_no_format', `客户号只能包含字母、数字、“-”和“_”，最长 32 位：“${customerNo}”`));
    const companyName = required('company_name');
    if (companyName.length > 200) fail('company_name', new ValueProblem('too_long', '企业名称最长 200 个字符'));
    const uscc = required('uscc').toUpperCase();
    const usccFault = uscc ? usccProblem(uscc) : null;
    if (usccFault === 'length') fail('uscc', new ValueProblem('uscc_length', `统一社会信用代码应为 18 位：“${uscc}”`));
    if (usccFault === 'alphabet') fail('uscc', new ValueProblem('uscc_alphabet', `统一社会信用代码含有非法字符（不使用 I、O、S、V、Z）：“${uscc}”`));
    if (usccFault === 'checksum') fail('uscc', new ValueProblem('uscc_checksum', `统一社会信用代码校验位错误：“${uscc}”`));
    const legalRepName = optional('legal_rep_name');
    if (legalRepName.length > 100) fail('legal_rep_name', new ValueProblem('too_long', '法定代表人姓名最长 100 个字符'));
    const phone = check('phone', required('phone'), parsePhone);
    const branchCode = required('branch_code');
    if (branchCode && !BRANCH_CODE.test(branchCode)) fail('branch_code', new ValueProblem('branch_code_format', `网点号只能包含字母和数字，最长 20 位：“${branchCode}”`));
    const province = optional('province');
    if (province.length > 20) fail('province', new ValueProblem('too_long', '省份最长 20 个字符'));
    const zoneRaw = optional('time_zone');
    if (zoneRaw && !this.knownZone(zoneRaw)) fail('time_zone', new ValueProblem('time_zone_invalid', `未知时区：“${zoneRaw}”（应为 IANA 时区，如 Asia/Shanghai）`));

    const openedAt = check('opened_at', required('opened_at'), parseDate);
    notAfterAsOf('opened_at', openedAt);
    const lastTxnAt = check('last_txn_at', optional('last_txn_at'), parseDate);
    notAfterAsOf('last_txn_at', lastTxnAt);
    if (openedAt && lastTxnAt && lastTxnAt < openedAt) fail('last_txn_at', new ValueProblem('txn_before_opening', `最近交易日 ${lastTxnAt} 早于开户日 ${openedAt}`));
    const balance = check('avg_daily_balance', required('avg_daily_balance'), parseYuanToFen);
    const tier = check('tier', required('tier'), (raw) => parseIntInRange(raw, 0, 5));
    const threshold = check('next_tier_threshold', optional('next_tier_threshold'), parseYuanToFen);
    const points = check('points_balance', required('points_balance'), (raw) => parseIntInRange(raw, 0, 1e12));
    const pointsExpireAt = check('points_expire_at', optional('points_expire_at'), parseDate);
    const bool = (column: FeedColumn) => check(column, required(column), parseBool);
    const onlineBanking = bool('online_banking_activated');
    const mobileBanking = bool('mobile_banking_active');
    const payroll = bool('payroll_service');
    const hasLoan = bool('has_loan');
    const consentSms = bool('consent_sms');
    const consentCall = bool('consent_call');
    const elderlyRaw = optional('elderly_friendly');
    const elderly = elderlyRaw ? check('elderly_friendly', elderlyRaw, parseBool) : false;
    const flags = optional('risk_flags');

    if (problems.length) return problems;
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
      riskFlags: flags ? flags.split(/[;；|]/).map((f) => f.trim()).filter(Boolean) : [],
    };
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

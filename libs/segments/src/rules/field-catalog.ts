import type { LocalizedText, SegmentFieldType, SegmentFieldView, SegmentOperator } from '@app/contracts';

/**
 * How a field reads from the database. `c` is the customers row; `{h}` stands for the daily
 * history row joined for the field's look-back. Every shape compiles to a sargable comparison
 * where one exists: "days since" compares the date column itself, ratios compare by
 * multiplication instead of division.
 */
export type FieldSql =
  | { kind: 'column'; column: string }
  | { kind: 'days'; column: string; direction: 'since' | 'until' }
  | { kind: 'ratio'; numerator: string; denominator: string; history?: boolean };

export interface FieldDefinition extends SegmentFieldView {
  sql: FieldSql;
}

const EQUALITY: SegmentOperator[] = ['=', '!='];
const ORDERED: SegmentOperator[] = ['=', '!=', '<', '<=', '>', '>=', 'between'];
const RELATIVE_DATE: SegmentOperator[] = ['within_last_days', 'within_next_days', 'more_than_days_ago'];

/** The operators each type allows (before `is_empty` / `never`, which only nullable fields get). */
export const OPERATORS_BY_TYPE: Record<SegmentFieldType, SegmentOperator[]> = {
  string: [...EQUALITY, 'in'],
  branch: [...EQUALITY, 'in'],
  integer: [...ORDERED, 'in'],
  money: ORDERED,
  date: [...ORDERED, ...RELATIVE_DATE],
  boolean: EQUALITY,
  days: ORDERED,
  percent: ['<', '<=', '>', '>=', 'between'],
};

interface FieldSpec {
  key: string;
  type: SegmentFieldType;
  label: LocalizedText;
  description: LocalizedText;
  sql: FieldSql;
  nullable?: boolean;
  unit?: SegmentFieldView['unit'];
  lookBack?: SegmentFieldView['lookBack'];
  range?: SegmentFieldView['range'];
}

function field(spec: FieldSpec): FieldDefinition {
  const nullable = spec.nullable ?? false;
  const operators = [...OPERATORS_BY_TYPE[spec.type]];
  if (nullable) operators.push(spec.type === 'date' ? 'never' : 'is_empty');
  return {
    key: spec.key,
    type: spec.type,
    label: spec.label,
    description: spec.description,
    operators,
    nullable,
    unit: spec.unit ?? null,
    lookBack: spec.lookBack ?? null,
    range: spec.range ?? null,
    sql: spec.sql,
  };
}

const col = (column: string): FieldSql => ({ kind: 'column', column });

/** The fields a rule may use, in the order the builder lists them. */
export const FIELD_CATALOG: readonly FieldDefinition[] = [
  field({ key: 'openedAt', type: 'date', label: { zh: '开户日期', en: 'Account opened' }, description: { zh: '对公账户开立日期', en: 'Date the account was opened' }, sql: col('c.opened_at') }),
  field({ key: 'daysSinceOpening', type: 'days', unit: 'days', label: { zh: '开户天数', en: 'Days since opening' }, description: { zh: '开户至今的天数', en: 'Days from opening to today' }, sql: { kind: 'days', column: 'c.opened_at', direction: 'since' } }),
  field({ key: 'lastTxnAt', type: 'date', nullable: true, label: { zh: '最近交易日', en: 'Last transaction' }, description: { zh: '最近一笔动户交易的日期，空表示从未交易', en: 'Date of the last transaction; empty means never' }, sql: col('c.last_txn_at') }),
  field({ key: 'daysSinceLastTxn', type: 'days', unit: 'days', nullable: true, label: { zh: '未交易天数', en: 'Days since last transaction' }, description: { zh: '最近交易至今的天数，从未交易时为空', en: 'Days since the last transaction; empty when never transacted' }, sql: { kind: 'days', column: 'c.last_txn_at', direction: 'since' } }),
  field({ key: 'avgDailyBalance', type: 'money', unit: 'yuan', label: { zh: '日均余额', en: 'Average daily balance' }, description: { zh: '最新日均存款余额（元）', en: 'Latest average daily balance (yuan)' }, sql: col('c.avg_daily_balance_fen') }),
  field({ key: 'tier', type: 'integer', range: { min: 0, max: 5 }, label: { zh: '客户星级', en: 'Service tier' }, description: { zh: '服务等级 0–5', en: 'Service tier 0–5' }, sql: col('c.tier') }),
  field({ key: 'nextTierThreshold', type: 'money', unit: 'yuan', nullable: true, label: { zh: '升级门槛', en: 'Next tier threshold' }, description: { zh: '升入下一星级所需日均余额（元）', en: 'Average balance needed for the next tier (yuan)' }, sql: col('c.next_tier_threshold_fen') }),
  field({ key: 'balanceShareOfNextTier', type: 'percent', unit: 'percent', nullable: true, label: { zh: '达标进度', en: 'Share of next tier' }, description: { zh: '日均余额占升级门槛的百分比', en: 'Average balance as a percentage of the next tier threshold' }, sql: { kind: 'ratio', numerator: 'c.avg_daily_balance_fen', denominator: 'c.next_tier_threshold_fen' } }),
  field({ key: 'balanceChangePct', type: 'percent', unit: 'percent', nullable: true, lookBack: { min: 1, max: 90, default: 30 }, label: { zh: '余额变动', en: 'Balance change' }, description: { zh: '日均余额相对 N 天前的变动百分比（下降为负）', en: 'Change of the average balance against N days ago, in percent (a fall is negative)' }, sql: { kind: 'ratio', numerator: '(c.avg_daily_balance_fen - {h}.avg_daily_balance_fen)', denominator: '{h}.avg_daily_balance_fen', history: true } }),
  field({ key: 'pointsBalance', type: 'integer', unit: 'points', label: { zh: '积分余额', en: 'Points balance' }, description: { zh: '当前可用积分', en: 'Points available' }, sql: col('c.points_balance') }),
  field({ key: 'pointsExpireAt', type: 'date', nullable: true, label: { zh: '积分到期日', en: 'Points expire on' }, description: { zh: '积分到期日期', en: 'Date the points expire' }, sql: col('c.points_expire_at') }),
  field({ key: 'daysUntilPointsExpire', type: 'days', unit: 'days', nullable: true, label: { zh: '积分剩余天数', en: 'Days until points expire' }, description: { zh: '距积分到期的天数', en: 'Days from today to the points expiry' }, sql: { kind: 'days', column: 'c.points_expire_at', direction: 'until' } }),
  field({ key: 'onlineBankingActivated', type: 'boolean', label: { zh: '网银已激活', en: 'Online banking activated' }, description: { zh: '企业网银（U 盾）是否已激活', en: 'Whether online banking (U-key) was activated' }, sql: col('c.online_banking_activated') }),
  field({ key: 'mobileBankingActive', type: 'boolean', label: { zh: '手机银行活跃', en: 'Mobile banking active' }, description: { zh: '企业手机银行是否在用', en: 'Whether the corporate mobile app is in use' }, sql: col('c.mobile_banking_active') }),
  field({ key: 'payrollService', type: 'boolean', label: { zh: '代发工资', en: 'Payroll service' }, description: { zh: '是否签约代发工资', en: 'Whether the customer uses payroll service' }, sql: col('c.payroll_service') }),
  field({ key: 'hasLoan', type: 'boolean', label: { zh: '有贷款', en: 'Has a loan' }, description: { zh: '是否有存量贷款', en: 'Whether the customer holds a loan' }, sql: col('c.has_loan') }),
  field({ key: 'consentSms', type: 'boolean', label: { zh: '同意短信营销', en: 'SMS marketing consent' }, description: { zh: '是否同意接收营销短信', en: 'Whether the customer accepts marketing SMS' }, sql: col('c.consent_sms') }),
  field({ key: 'consentCall', type: 'boolean', label: { zh: '同意电话营销', en: 'Call marketing consent' }, description: { zh: '是否同意接收营销电话', en: 'Whether the customer accepts marketing calls' }, sql: col('c.consent_call') }),
  field({ key: 'elderlyFriendly', type: 'boolean', label: { zh: '适老服务', en: 'Elderly-friendly service' }, description: { zh: '是否需要适老化服务', en: 'Whether the contact needs elderly-friendly service' }, sql: col('c.elderly_friendly') }),
  field({ key: 'branchCode', type: 'branch', label: { zh: '开户网点', en: 'Branch' }, description: { zh: '开户网点代码', en: 'Branch code' }, sql: col('c.branch_code') }),
  field({ key: 'province', type: 'string', nullable: true, label: { zh: '省份', en: 'Province' }, description: { zh: '企业所在省份', en: 'Province of the company' }, sql: col('c.province') }),
  field({ key: 'companyName', type: 'string', label: { zh: '企业名称', en: 'Company name' }, description: { zh: '企业全称', en: 'Full company name' }, sql: col('c.company_name') }),
  field({ key: 'customerNo', type: 'string', label: { zh: '客户号', en: 'Customer number' }, description: { zh: '行内客户号', en: "The bank's customer number" }, sql: col('c.customer_no') }),
];

const BY_KEY = new Map(FIELD_CATALOG.map((f) => [f.key, f]));

export function findField(key: string): FieldDefinition | undefined {
  return BY_KEY.get(key);
}

/** The catalog as the API shows it (without the SQL). */
export function fieldViews(): SegmentFieldView[] {
  return FIELD_CATALOG.map(({ sql: _sql, ...view }) => view);
}

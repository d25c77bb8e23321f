import type { ScriptKind, ScriptVariableView } from '@app/contracts';

/**
 * The variables a script may use, as data. Customer keys match the segments field catalog
 * (`libs/segments/src/rules/field-catalog.ts`) wherever the field exists there; money is fen and
 * shown through `yuan`, dates through `date`, the phone only through `maskPhone`.
 */
export interface ScriptVariableDefinition extends ScriptVariableView {
  /** `customer`: read from the customer row; `context`: who calls and on behalf of which bank. */
  source: 'customer' | 'context';
  /** Kinds of script that may not use it (no agent is known when an SMS is sent). */
  notIn: readonly ScriptKind[];
  /** A value of typical length, used to measure an SMS template before it is sent. */
  sample: string | number | boolean;
}

type Spec = Omit<ScriptVariableDefinition, 'helper' | 'notIn' | 'source'> & Partial<Pick<ScriptVariableDefinition, 'notIn' | 'source'>>;

const HELPER_BY_TYPE: Record<ScriptVariableView['type'], ScriptVariableView['helper']> = {
  string: null,
  integer: null,
  boolean: null,
  money: 'yuan',
  date: 'date',
  phone: 'maskPhone',
};

function variable(spec: Spec): ScriptVariableDefinition {
  return { ...spec, helper: HELPER_BY_TYPE[spec.type], source: spec.source ?? 'customer', notIn: spec.notIn ?? [] };
}

/** In the order the editor lists them. */
export const SCRIPT_VARIABLES: readonly ScriptVariableDefinition[] = [
  variable({ key: 'companyName', type: 'string', label: { zh: '企业名称', en: 'Company name' }, sample: '杭州某某某某某某某某商贸有限公司' }),
  variable({ key: 'legalRepName', type: 'string', label: { zh: '法定代表人', en: 'Legal representative' }, sample: '欧阳明' }),
  variable({ key: 'customerNo', type: 'string', label: { zh: '客户号', en: 'Customer number' }, sample: 'C0000000001' }),
  variable({ key: 'phone', type: 'phone', label: { zh: '联系电话（脱敏）', en: 'Contact phone (masked)' }, sample: '139****5678' }),
  variable({ key: 'branchCode', type: 'string', label: { zh: '开户网点', en: 'Branch' }, sample: 'BR001' }),
  variable({ key: 'tier', type: 'integer', label: { zh: '客户星级', en: 'Service tier' }, sample: 3 }),
  variable({ key: 'avgDailyBalance', type: 'money', label: { zh: '日均余额', en: 'Average daily balance' }, sample: 123_456_789 }),
  variable({ key: 'nextTierThreshold', type: 'money', label: { zh: '升级门槛', en: 'Next tier threshold' }, sample: 50_000_000 }),
  variable({ key: 'pointsBalance', type: 'integer', label: { zh: '积分余额', en: 'Points balance' }, sample: 12_000 }),
  variable({ key: 'pointsExpireAt', type: 'date', label: { zh: '积分到期日', en: 'Points expire on' }, sample: '2026-12-31' }),
  variable({ key: 'openedAt', type: 'date', label: { zh: '开户日期', en: 'Account opened' }, sample: '2026-11-10' }),
  variable({ key: 'lastTxnAt', type: 'date', label: { zh: '最近交易日', en: 'Last transaction' }, sample: '2026-05-20' }),
  variable({ key: 'onlineBankingActivated', type: 'boolean', label: { zh: '网银已激活', en: 'Online banking activated' }, sample: true }),
  variable({ key: 'mobileBankingActive', type: 'boolean', label: { zh: '手机银行活跃', en: 'Mobile banking active' }, sample: true }),
  variable({ key: 'agentName', type: 'string', source: 'context', notIn: ['sms'], label: { zh: '坐席姓名', en: 'Agent name' }, sample: '王晓丽' }),
  variable({ key: 'bankName', type: 'string', source: 'context', label: { zh: '银行名称', en: 'Bank name' }, sample: '示例银行' }),
  variable({ key: 'hotline', type: 'string', source: 'context', label: { zh: '客服热线', en: 'Service hotline' }, sample: '400-000-0000' }),
];

const BY_KEY = new Map(SCRIPT_VARIABLES.map((v) => [v.key, v]));

export function findVariable(key: string): ScriptVariableDefinition | undefined {
  return BY_KEY.get(key);
}

/** The catalog as GET /api/scripts/variables shows it. */
export function variableViews(): ScriptVariableView[] {
  return SCRIPT_VARIABLES.map(({ key, label, type, helper }) => ({ key, label, type, helper }));
}

/** The fields of a customer row a script reads (the Customer entity satisfies it). */
export interface ScriptCustomer {
  customerNo: string;
  companyName: string;
  legalRepName: string | null;
  phone: string;
  branchCode: string;
  timeZone: string;
  tier: number;
  avgDailyBalanceFen: number;
  nextTierThresholdFen: number | null;
  pointsBalance: number;
  pointsExpireAt: string | null;
  openedAt: string;
  lastTxnAt: string | null;
  onlineBankingActivated: boolean;
  mobileBankingActive: boolean;
}

/** Who calls and for which bank; the bank's name and hotline are the same for every script. */
export interface ScriptContextValues {
  agentName: string;
  bankName: string;
  hotline: string;
}

export const DEFAULT_CONTEXT_VALUES: Omit<ScriptContextValues, 'agentName'> = { bankName: '示例银行', hotline: '400-000-0000' };

export type ScriptRenderContext = Record<string, string | number | boolean | null>;

/** `+8613912345678` → `139****5678`; a value already masked stays as it is. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  if (phone.includes('*')) return phone;
  const digits = phone.replace(/^\+86/, '').replace(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/**
 * The values a template sees for a customer. Every catalog key is present (null when the bank has
 * no value), so strict templates never meet a missing field; the phone is masked here already,
 * so the full number never enters a template at all.
 */
export function scriptContext(customer: ScriptCustomer, values: ScriptContextValues): ScriptRenderContext {
  return {
    companyName: customer.companyName,
    legalRepName: customer.legalRepName,
    customerNo: customer.customerNo,
    phone: maskPhone(customer.phone),
    branchCode: customer.branchCode,
    tier: customer.tier,
    avgDailyBalance: Number(customer.avgDailyBalanceFen),
    nextTierThreshold: customer.nextTierThresholdFen === null ? null : Number(customer.nextTierThresholdFen),
    pointsBalance: Number(customer.pointsBalance),
    pointsExpireAt: customer.pointsExpireAt,
    openedAt: customer.openedAt,
    lastTxnAt: customer.lastTxnAt,
    onlineBankingActivated: customer.onlineBankingActivated,
    mobileBankingActive: customer.mobileBankingActive,
    agentName: values.agentName,
    bankName: values.bankName,
    hotline: values.hotline,
  };
}

/** Every variable at its typical length: what an SMS template is measured with. */
export function sampleContext(): ScriptRenderContext {
  return Object.fromEntries(SCRIPT_VARIABLES.map((v) => [v.key, v.sample]));
}

import { describe, expect, it } from '@jest/globals';
import { REQUIRED_COLUMNS } from './feed-columns';
import { checkHeader, FeedRowValidator, type RowProblem } from './feed-row-validator';
import { usccCheckChar } from './uscc';

const FIRST17 = '91330100MA2B3C4D5';
const USCC = FIRST17 + usccCheckChar(FIRST17);

const GOOD: Record<string, string> = {
  customer_no: 'C0000000001',
  company_name: '杭州恒信商贸有限公司',
  uscc: USCC,
  legal_rep_name: '张伟',
  phone: '139 1234 5678',
  branch_code: 'BR001',
  province: '浙江',
  opened_at: '2025-01-02',
  last_txn_at: '2026-11-20',
  avg_daily_balance: '8500.50',
  tier: '2',
  next_tier_threshold: '500000',
  points_balance: '300',
  points_expire_at: '2026-12-01',
  online_banking_activated: 'N',
  mobile_banking_active: 'Y',
  payroll_service: '否',
  has_loan: '0',
  consent_sms: 'true',
  consent_call: '1',
};

function validate(overrides: Record<string, string> = {}, columns: readonly string[] = REQUIRED_COLUMNS) {
  const header = checkHeader(columns);
  const values = { ...GOOD, ...overrides };
  return new FeedRowValidator(header, '2026-11-22', 'Asia/Shanghai').validate(columns.map((c) => values[c] ?? ''), 7);
}

const fields = (result: unknown) => (result as RowProblem[]).map((p) => `${p.field}:${p.code}`);

describe('feed row validator', () => {
  it('normalizes a good row: E.164 phone, fen, booleans, default zone', () => {
    expect(validate()).toMatchObject({
      line: 7,
      phone: '+8613912345678',
      avgDailyBalanceFen: 850050,
      nextTierThresholdFen: 50000000,
      tier: 2,
      onlineBankingActivated: false,
      mobileBankingActive: true,
      payrollService: false,
      consentSms: true,
      consentCall: true,
      timeZone: 'Asia/Shanghai',
      elderlyFriendly: false,
      riskFlags: [],
    });
  });

  it('reports every fault of a row, each with its column', () => {
    const result = validate({ uscc: USCC.slice(0, 17) + (USCC[17] === '0' ? '1' : '0'), phone: '', tier: 'A', consent_sms: 'maybe', branch_code: 'BR 01' });
    expect(fields(result)).toEqual(['uscc:uscc_checksum', 'phone:required', 'branch_code:branch_code_format', 'tier:int_format', 'consent_sms:bool_format']);
  });

  it('refuses USCC characters outside the GB 32100 alphabet and wrong lengths, and upper-cases the rest', () => {
    expect(fields(validate({ uscc: USCC.slice(0, 17) + 'I' }))).toEqual(['uscc:uscc_alphabet']);
    expect(fields(validate({ uscc: USCC.slice(0, 16) }))).toEqual(['uscc:uscc_length']);
    expect(validate({ uscc: USCC.toLowerCase() })).toMatchObject({ uscc: USCC });
  });

  it('keeps dates consistent with the feed date and the account opening', () => {
    expect(fields(validate({ opened_at: '2026-11-23' }))).toEqual(['opened_at:date_after_feed', 'last_txn_at:txn_before_opening']);
    expect(fields(validate({ last_txn_at: '2024-12-31' }))).toEqual(['last_txn_at:txn_before_opening']);
    expect(validate({ last_txn_at: '' })).toMatchObject({ lastTxnAt: null });
  });

  it('flags characters lost to a wrong encoding instead of storing them', () => {
    expect(fields(validate({ company_name: '杭州\uFFFD\uFFFD商贸' }))).toEqual(['company_name:encoding']);
  });

  it('gives Xinjiang customers their local zone, and honours an explicit time_zone column', () => {
    expect(validate({ province: '新疆' })).toMatchObject({ timeZone: 'Asia/Urumqi' });
    const columns = [...REQUIRED_COLUMNS, 'time_zone', 'elderly_friendly', 'risk_flags'];
    expect(validate({ time_zone: 'Asia/Hong_Kong', elderly_friendly: 'Y', risk_flags: 'fraud_watch;dormant_risk' }, columns)).toMatchObject({
      timeZone: 'Asia/Hong_Kong',
      elderlyFriendly: true,
      riskFlags: ['fraud_watch', 'dormant_risk'],
    });
    expect(fields(validate({ time_zone: 'Mars/Olympus' }, columns))).toEqual(['time_zone:time_zone_invalid']);
  });
});

describe('feed header', () => {
  it('matches names case-insensitively, in any order, and lists what is missing or unknown', () => {
    const check = checkHeader(['\uFEFFCustomer_No', 'PHONE', 'uscc', 'note', 'uscc']);
    expect(check.index.get('customer_no')).toBe(0);
    expect(check.index.get('phone')).toBe(1);
    expect(check.unknown).toEqual(['note']);
    expect(check.duplicated).toEqual(['uscc']);
    expect(check.missing).toContain('company_name');
    expect(check.missing).not.toContain('phone');
  });
});

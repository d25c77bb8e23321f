import { REQUIRED_COLUMNS, usccCheckChar } from '@app/customers';

export type FeedValues = Partial<Record<string, string>>;

/** A valid USCC for a number: 91 + Hangzhou's region + an org code, with its check character. */
export function uscc(n: number): string {
  const first17 = `91330100${String(n).padStart(8, '0')}0`;
  return first17 + usccCheckChar(first17);
}

/** A valid feed row for customer `n`, with `overrides` applied. */
export function feedRow(n: number, overrides: FeedValues = {}): FeedValues {
  return {
    customer_no: `C${String(n).padStart(10, '0')}`,
    company_name: `杭州测试${n}号商贸有限公司`,
    uscc: uscc(n),
    legal_rep_name: '张伟',
    phone: `139${String(10000000 + n).slice(-8)}`,
    branch_code: 'BR001',
    province: '浙江',
    opened_at: '2024-03-15',
    last_txn_at: '2026-11-20',
    avg_daily_balance: '123456.78',
    tier: '2',
    next_tier_threshold: '500000.00',
    points_balance: '1200',
    points_expire_at: '2026-12-31',
    online_banking_activated: 'Y',
    mobile_banking_active: 'N',
    payroll_service: 'N',
    has_loan: 'N',
    consent_sms: 'Y',
    consent_call: 'Y',
    ...overrides,
  };
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A feed CSV with the given columns (default: every required column) and rows. */
export function feedCsv(rows: FeedValues[], columns: readonly string[] = REQUIRED_COLUMNS): string {
  return [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c] ?? '')).join(','))].join('\n') + '\n';
}

/** The warehouse feed's columns (DESIGN §5). Order in a file is free; names are matched exactly. */
export const REQUIRED_COLUMNS = [
  'customer_no',
  'company_name',
  'uscc',
  'legal_rep_name',
  'phone',
  'branch_code',
  'province',
  'opened_at',
  'last_txn_at',
  'avg_daily_balance',
  'tier',
  'next_tier_threshold',
  'points_balance',
  'points_expire_at',
  'online_banking_activated',
  'mobile_banking_active',
  'payroll_service',
  'has_loan',
  'consent_sms',
  'consent_call',
] as const;

/** Columns a bank may add; absent, the customer keeps what it had (or the default). */
export const OPTIONAL_COLUMNS = ['time_zone', 'elderly_friendly', 'risk_flags'] as const;

export type FeedColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** One customer as it stands in the database after validation (money in fen, dates YYYY-MM-DD). */
export interface FeedRow {
  line: number;
  customerNo: string;
  companyName: string;
  uscc: string;
  legalRepName: string | null;
  phone: string;
  branchCode: string;
  province: string | null;
  timeZone: string;
  openedAt: string;
  lastTxnAt: string | null;
  avgDailyBalanceFen: number;
  tier: number;
  nextTierThresholdFen: number | null;
  pointsBalance: number;
  pointsExpireAt: string | null;
  onlineBankingActivated: boolean;
  mobileBankingActive: boolean;
  payrollService: boolean;
  hasLoan: boolean;
  consentSms: boolean;
  consentCall: boolean;
  elderlyFriendly: boolean;
  riskFlags: string[];
}

/** Where each stored column comes from; the staging table and the merge SQL are built from this. */
export const STORED_COLUMNS: ReadonlyArray<{ column: string; key: Exclude<keyof FeedRow, 'line'>; sqlType: 'text' | 'date' | 'bigint' | 'int' | 'bool'; source: FeedColumn }> = [
  { column: 'customer_no', key: 'customerNo', sqlType: 'text', source: 'customer_no' },
  { column: 'company_name', key: 'companyName', sqlType: 'text', source: 'company_name' },
  { column: 'uscc', key: 'uscc', sqlType: 'text', source: 'uscc' },
  { column: 'legal_rep_name', key: 'legalRepName', sqlType: 'text', source: 'legal_rep_name' },
  { column: 'phone', key: 'phone', sqlType: 'text', source: 'phone' },
  { column: 'branch_code', key: 'branchCode', sqlType: 'text', source: 'branch_code' },
  { column: 'province', key: 'province', sqlType: 'text', source: 'province' },
  { column: 'time_zone', key: 'timeZone', sqlType: 'text', source: 'time_zone' },
  { column: 'opened_at', key: 'openedAt', sqlType: 'date', source: 'opened_at' },
  { column: 'last_txn_at', key: 'lastTxnAt', sqlType: 'date', source: 'last_txn_at' },
  { column: 'avg_daily_balance_fen', key: 'avgDailyBalanceFen', sqlType: 'bigint', source: 'avg_daily_balance' },
  { column: 'tier', key: 'tier', sqlType: 'int', source: 'tier' },
  { column: 'next_tier_threshold_fen', key: 'nextTierThresholdFen', sqlType: 'bigint', source: 'next_tier_threshold' },
  { column: 'points_balance', key: 'pointsBalance', sqlType: 'bigint', source: 'points_balance' },
  { column: 'points_expire_at', key: 'pointsExpireAt', sqlType: 'date', source: 'points_expire_at' },
  { column: 'online_banking_activated', key: 'onlineBankingActivated', sqlType: 'bool', source: 'online_banking_activated' },
  { column: 'mobile_banking_active', key: 'mobileBankingActive', sqlType: 'bool', source: 'mobile_banking_active' },
  { column: 'payroll_service', key: 'payrollService', sqlType: 'bool', source: 'payroll_service' },
  { column: 'has_loan', key: 'hasLoan', sqlType: 'bool', source: 'has_loan' },
  { column: 'consent_sms', key: 'consentSms', sqlType: 'bool', source: 'consent_sms' },
  { column: 'consent_call', key: 'consentCall', sqlType: 'bool', source: 'consent_call' },
  { column: 'elderly_friendly', key: 'elderlyFriendly', sqlType: 'bool', source: 'elderly_friendly' },
  { column: 'risk_flags', key: 'riskFlags', sqlType: 'text', source: 'risk_flags' },
];

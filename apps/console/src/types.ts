/** Shapes of the contact-center API (see the server's DTOs). Money is always integer fen. */

export type Role = 'admin' | 'campaign_manager' | 'supervisor' | 'agent';
export const ROLES: readonly Role[] = ['admin', 'campaign_manager', 'supervisor', 'agent'];

export interface User {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  branchCode: string | null;
  skills: string[];
  disabled?: boolean;
  lastLoginAt?: string | null;
}

export interface LoginResponse {
  accessToken: string;
  user: User;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CustomerSummary {
  id: number;
  customerNo: string;
  companyName: string;
  legalRepName: string | null;
  phoneMasked: string;
  branchCode: string;
  tier: number;
  openedAt: string;
  lastTxnAt: string | null;
  avgDailyBalanceFen: number;
  pointsBalance: number;
  pointsExpireAt: string | null;
  onlineBankingActivated: boolean;
}

export interface TimelineEntry {
  id: string | number;
  at: string;
  channel: string;
  kind: string;
  summary: string;
}

export interface CustomerDetail extends CustomerSummary {
  uscc: string;
  province: string | null;
  timeZone: string;
  nextTierThresholdFen: number | null;
  mobileBankingActive: boolean;
  payrollService: boolean;
  hasLoan: boolean;
  consentSms: boolean;
  consentCall: boolean;
  elderlyFriendly: boolean;
  riskFlags: string[];
  lastFeedDate: string | null;
  canRevealContact: boolean;
  timeline: TimelineEntry[];
}

export interface RejectedRow {
  line: number;
  field: string;
  message: string;
}

export interface ImportResult {
  runId: string | number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  rejectedCount: number;
  warnings: string[];
  durationMs: number;
}

export type ImportSource = 'upload' | 'cli' | 'nightly' | 'demo';
export type ImportStatus = 'succeeded' | 'failed' | 'running';

export interface ImportRun {
  id: string | number;
  source: ImportSource | string;
  fileName: string | null;
  asOf: string | null;
  status: ImportStatus | string;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: string[];
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  createdBy: string | null;
}

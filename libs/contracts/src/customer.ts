/** A customer in a list (contact data masked). Money in integer fen, dates YYYY-MM-DD. */
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
  id: number;
  at: string;
  channel: string;
  kind: string;
  summary: string;
  actorName: string | null;
  /** The campaign and attempt a contact belongs to, when it was one. */
  campaignId: string | null;
  attemptId: number | null;
  /** Kind-specific facts: an outcome's `{ outcome, providerId, stepNo, attemptNo, durationSeconds, campaignName }`, a reply's `{ body, optOut }`. */
  detail: Record<string, unknown> | null;
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
  lastFeedDate: string;
  canRevealContact: boolean;
  timeline: TimelineEntry[];
}

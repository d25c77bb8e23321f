import type { LocalizedText } from './segment';

/**
 * The contact policy: who may be contacted on which channel, for which purpose, when. The global
 * settings are edited at /api/contact-policy; a campaign may only narrow them.
 */
export type Channel = 'sms' | 'ai_call' | 'agent_call';
export type Purpose = 'marketing' | 'service';
/** Consent, do-not-contact, hours and caps are kept per class: a call is a call, AI or human. */
export type ChannelClass = 'sms' | 'call';

export const CHANNELS: readonly Channel[] = ['sms', 'ai_call', 'agent_call'];
export const PURPOSES: readonly Purpose[] = ['marketing', 'service'];

export function channelClass(channel: Channel): ChannelClass {
  return channel === 'sms' ? 'sms' : 'call';
}

/**
 * Which days a channel may be used on:
 * `workdays`: the official working days (public holidays excluded, 调休 make-up days included);
 * `all_but_holidays`: every day but public holidays (weekends allowed);
 * `every_day`.
 * Narrowest first: a campaign may move only towards `workdays`.
 */
export type ContactDays = 'workdays' | 'all_but_holidays' | 'every_day';
export const CONTACT_DAYS: readonly ContactDays[] = ['workdays', 'all_but_holidays', 'every_day'];

/** A daily window in the customer's own zone, `HH:mm`, start inclusive, end exclusive. */
export interface ContactHours {
  start: string;
  end: string;
  days: ContactDays;
}

/** At most `max` marketing contacts of a class per customer in any `days` days, across all campaigns. */
export interface FrequencyCap {
  max: number;
  days: number;
}

/** Outcomes of an attempt that may be retried. */
export type RetryOutcome = 'busy' | 'no_answer' | 'failed' | 'undelivered';
export const RETRY_OUTCOMES: readonly RetryOutcome[] = ['busy', 'no_answer', 'failed', 'undelivered'];

export interface ContactPolicySettings {
  hours: Record<ChannelClass, ContactHours>;
  /** Marketing contacts only; service contact is not capped. */
  caps: Record<ChannelClass, FrequencyCap>;
  /** Attempts per customer and campaign step, the first included. */
  maxAttempts: number;
  /** Minutes to wait before retrying after each outcome; null: never retry that outcome. */
  retryMinutes: Record<RetryOutcome, number | null>;
}

/** What a campaign may change: each part only narrower than the global settings. */
export interface ContactPolicyOverrides {
  hours?: Partial<Record<ChannelClass, Partial<ContactHours>>>;
  caps?: Partial<Record<ChannelClass, Partial<FrequencyCap>>>;
  maxAttempts?: number;
  retryMinutes?: Partial<Record<RetryOutcome, number | null>>;
}

/** The bank's own calendar entry, which wins over the official calendar. */
export type CalendarDayKind = 'holiday' | 'workday';
export interface CalendarEntryView {
  date: string;
  kind: CalendarDayKind;
  note: string;
  createdBy: string | null;
  createdAt: string;
}

export interface ContactPolicyView {
  settings: ContactPolicySettings;
  updatedBy: string | null;
  updatedAt: string | null;
  calendar: {
    /** The last day the official calendar (chinese-days) knows; later days are decided on weekdays. */
    knownThrough: string;
    entries: CalendarEntryView[];
  };
}

export type PolicyRule =
  | 'holdout'
  | 'do_not_contact'
  | 'consent'
  | 'attempt_limit'
  | 'campaign_window'
  | 'calendar'
  | 'hours'
  | 'frequency_cap';

export interface PolicyTraceEntry {
  rule: PolicyRule;
  passed: boolean;
  /** What was checked and found, in English and Chinese, e.g. "20:00 is outside 09:00–20:00 (Asia/Shanghai)". */
  detail: LocalizedText;
}

export interface PolicyDecision {
  allowed: boolean;
  /** The next moment contact would be allowed (ISO), or null when only a person can lift the block. */
  nextAllowedAt: string | null;
  trace: PolicyTraceEntry[];
}

export interface PolicyEvaluation extends PolicyDecision {
  customerId: number;
  customerNo: string;
  channel: Channel;
  purpose: Purpose;
  at: string;
  timeZone: string;
}

/** Which channels a do-not-contact entry closes: one channel, both call channels, or all. */
export type DoNotContactChannel = Channel | 'call' | 'all';
export const DNC_CHANNELS: readonly DoNotContactChannel[] = ['sms', 'ai_call', 'agent_call', 'call', 'all'];
/** `marketing`: blocks marketing only; `all`: service contact too. */
export type DoNotContactScope = 'marketing' | 'all';
export type DoNotContactSource = 'manual' | 'sms_keyword' | 'call' | 'agent';

export interface DoNotContactView {
  id: number;
  /** The customer the entry belongs to: its own, or for a bare phone (an SMS 退订) the first customer with that number. */
  customerId: number | null;
  customerNo: string | null;
  companyName: string | null;
  /** The customer was found by the entry's phone number, not named when it was made. */
  matchedByPhone: boolean;
  /** Further customers with that phone number, to whom the entry applies as well. */
  moreCustomers: number;
  phoneMasked: string | null;
  channel: DoNotContactChannel;
  scope: DoNotContactScope;
  reason: string;
  source: DoNotContactSource;
  until: string | null;
  createdBy: string | null;
  createdAt: string;
}

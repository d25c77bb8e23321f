/** How the contact policy's rules, days, channels and do-not-contact entries read in the console. */
import type { Lang, MessageKey } from '../../i18n';
import type {
  ChannelClass,
  ContactDays,
  DoNotContactChannel,
  DoNotContactScope,
  DoNotContactSource,
  LocalizedText,
  PolicyRule,
  Purpose,
  RetryOutcome,
  Role,
} from '@app/contracts';

/** Who may open and change the policy and the do-not-contact list (the server enforces the same). */
export const POLICY_ROLES = {
  view: ['admin', 'campaign_manager', 'supervisor'],
  edit: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const DNC_ROLES = {
  /** Agents add entries (a customer on the line says "stop calling me") but see no list. */
  add: ['admin', 'campaign_manager', 'supervisor', 'agent'],
  list: ['admin', 'campaign_manager', 'supervisor'],
  remove: ['admin', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export const RULE_KEYS: Record<PolicyRule, MessageKey> = {
  holdout: 'policy.rule.holdout',
  do_not_contact: 'policy.rule.do_not_contact',
  consent: 'policy.rule.consent',
  attempt_limit: 'policy.rule.attempt_limit',
  campaign_window: 'policy.rule.campaign_window',
  calendar: 'policy.rule.calendar',
  hours: 'policy.rule.hours',
  frequency_cap: 'policy.rule.frequency_cap',
};

/** A refusing rule as the reason a contact was not made: 未获授权, 不在联系时段… */
export const REASON_KEYS: Record<PolicyRule, MessageKey> = {
  holdout: 'policy.reason.holdout',
  do_not_contact: 'policy.reason.do_not_contact',
  consent: 'policy.reason.consent',
  attempt_limit: 'policy.reason.attempt_limit',
  campaign_window: 'policy.reason.campaign_window',
  calendar: 'policy.reason.calendar',
  hours: 'policy.reason.hours',
  frequency_cap: 'policy.reason.frequency_cap',
};

export const DAYS_KEYS: Record<ContactDays, MessageKey> = {
  workdays: 'policy.days.workdays',
  all_but_holidays: 'policy.days.all_but_holidays',
  every_day: 'policy.days.every_day',
};

export const CLASS_KEYS: Record<ChannelClass, MessageKey> = {
  call: 'policy.class.call',
  sms: 'policy.class.sms',
};

export const RETRY_KEYS: Record<RetryOutcome, MessageKey> = {
  busy: 'policy.retry.busy',
  no_answer: 'policy.retry.no_answer',
  failed: 'policy.retry.failed',
  undelivered: 'policy.retry.undelivered',
};

export const PURPOSE_KEYS: Record<Purpose, MessageKey> = {
  marketing: 'policy.purpose.marketing',
  service: 'policy.purpose.service',
};

export const DNC_CHANNEL_KEYS: Record<DoNotContactChannel, MessageKey> = {
  all: 'dnc.channel.all',
  sms: 'dnc.channel.sms',
  call: 'dnc.channel.call',
  ai_call: 'dnc.channel.ai_call',
  agent_call: 'dnc.channel.agent_call',
};

export const DNC_SCOPE_KEYS: Record<DoNotContactScope, MessageKey> = {
  marketing: 'dnc.scope.marketing',
  all: 'dnc.scope.all',
};

export const DNC_SOURCE_KEYS: Record<DoNotContactSource, MessageKey> = {
  manual: 'dnc.source.manual',
  sms_keyword: 'dnc.source.sms_keyword',
  call: 'dnc.source.call',
  agent: 'dnc.source.agent',
};

export function localizedText(text: LocalizedText | null | undefined, lang: Lang): string {
  if (!text) return '';
  return lang === 'zh-CN' ? text.zh || text.en : text.en || text.zh;
}

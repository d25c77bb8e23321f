/** A campaign's policy narrowing as short sentences: 电话时段 10:00–17:00, 短信每 30 天最多 1 次… */
import type { Translate } from '../../i18n';
import { RETRY_OUTCOMES, type ContactPolicyOverrides } from '@app/contracts';
import { CLASS_KEYS, DAYS_KEYS, RETRY_KEYS } from '../policy/policyLabels';

export function policySummary(policy: ContactPolicyOverrides, t: Translate): string[] {
  const lines: string[] = [];
  for (const cls of ['call', 'sms'] as const) {
    const h = policy.hours?.[cls];
    if (h && (h.start || h.end || h.days)) {
      const window = h.start && h.end ? `${h.start}–${h.end}` : h.start ? t('campaigns.policy.from', { time: h.start }) : h.end ? t('campaigns.policy.until', { time: h.end }) : '';
      const parts = [window, h.days ? t(DAYS_KEYS[h.days]) : ''].filter(Boolean);
      lines.push(t('campaigns.policy.sumHours', { cls: t(CLASS_KEYS[cls]), value: parts.join(' · ') }));
    }
    const c = policy.caps?.[cls];
    if (c && (c.max !== undefined || c.days !== undefined)) {
      if (c.max !== undefined && c.days !== undefined) lines.push(t('campaigns.policy.sumCap', { cls: t(CLASS_KEYS[cls]), days: c.days, max: c.max }));
      else if (c.max !== undefined) lines.push(t('campaigns.policy.sumCapMax', { cls: t(CLASS_KEYS[cls]), max: c.max }));
      else lines.push(t('campaigns.policy.sumCapDays', { cls: t(CLASS_KEYS[cls]), days: c.days ?? 0 }));
    }
  }
  if (policy.maxAttempts !== undefined) lines.push(t('campaigns.policy.sumAttempts', { n: policy.maxAttempts }));
  for (const outcome of RETRY_OUTCOMES) {
    const v = policy.retryMinutes?.[outcome];
    if (v === undefined) continue;
    lines.push(v === null ? t('campaigns.policy.sumRetryNever', { outcome: t(RETRY_KEYS[outcome]) }) : t('campaigns.policy.sumRetry', { outcome: t(RETRY_KEYS[outcome]), n: v }));
  }
  return lines;
}

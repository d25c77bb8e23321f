/**
 * Client-side hints that a campaign's value would widen the bank's policy, so the manager sees it on
 * the policy page of the wizard; the server checks the same when saving and its answer wins.
 */
import { CONTACT_DAYS, type ContactDays, type ContactPolicySettings, type RetryOutcome } from '@app/contracts';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function widensStart(value: string | null | undefined, global: string): boolean {
  return !!value && minutes(value) < minutes(global);
}

export function widensEnd(value: string | null | undefined, global: string): boolean {
  return !!value && minutes(value) > minutes(global);
}

export function widensDays(value: ContactDays | null | undefined, global: ContactDays): boolean {
  return !!value && CONTACT_DAYS.indexOf(value) > CONTACT_DAYS.indexOf(global);
}

export function widensRetry(value: number | null | undefined, settings: ContactPolicySettings, outcome: RetryOutcome): boolean {
  const g = settings.retryMinutes[outcome];
  if (value === null || value === undefined) return false;
  return g === null || value < g;
}

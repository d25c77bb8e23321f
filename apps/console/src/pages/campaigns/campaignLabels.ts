/** How campaign statuses, actions, step conditions, entry and pacing modes, attempt states and outcomes read in the console. */
import type { MessageKey, Translate } from '../../i18n';
import type { AttemptOutcome, AttemptState, CampaignAction, CampaignPacing, CampaignStatus, EntryMode, PacingMode, Role, StepCondition } from '@app/contracts';

/** Who may open, change and steer campaigns (the server enforces the same). */
export const CAMPAIGN_ROLES = {
  view: ['admin', 'campaign_manager', 'supervisor'],
  edit: ['admin', 'campaign_manager'],
} as const satisfies Record<string, readonly Role[]>;

/** Supervisors may pause a campaign (a complaint, a system problem); everything else is the managers'. */
export const ACTION_ROLES: Record<CampaignAction, readonly Role[]> = {
  start: CAMPAIGN_ROLES.edit,
  pause: ['admin', 'campaign_manager', 'supervisor'],
  resume: CAMPAIGN_ROLES.edit,
  cancel: CAMPAIGN_ROLES.edit,
  complete: CAMPAIGN_ROLES.edit,
};

export const STATUS_KEYS: Record<CampaignStatus, MessageKey> = {
  draft: 'campaigns.status.draft',
  scheduled: 'campaigns.status.scheduled',
  running: 'campaigns.status.running',
  paused: 'campaigns.status.paused',
  completed: 'campaigns.status.completed',
  cancelled: 'campaigns.status.cancelled',
};

export const STATUS_COLORS: Record<CampaignStatus, string> = {
  draft: 'default',
  scheduled: 'cyan',
  running: 'green',
  paused: 'orange',
  completed: 'blue',
  cancelled: 'default',
};

export const ACTION_KEYS: Record<CampaignAction, MessageKey> = {
  start: 'campaigns.action.start',
  pause: 'campaigns.action.pause',
  resume: 'campaigns.action.resume',
  cancel: 'campaigns.action.cancel',
  complete: 'campaigns.action.complete',
};

export const CONDITION_KEYS: Record<StepCondition, MessageKey> = {
  always: 'campaigns.condition.always',
  not_reached: 'campaigns.condition.not_reached',
  reached: 'campaigns.condition.reached',
};

export const ENTRY_KEYS: Record<EntryMode, MessageKey> = {
  snapshot: 'campaigns.entry.snapshot',
  continuous: 'campaigns.entry.continuous',
};

export const PACING_KEYS: Record<PacingMode, MessageKey> = {
  preview: 'campaigns.pacing.preview',
  progressive: 'campaigns.pacing.progressive',
  power: 'campaigns.pacing.power',
  predictive: 'campaigns.pacing.predictive',
};

export const STATE_KEYS: Record<AttemptState, MessageKey> = {
  planned: 'campaigns.state.planned',
  skipped: 'campaigns.state.skipped',
  holdout: 'campaigns.state.holdout',
  in_flight: 'campaigns.state.in_flight',
  done: 'campaigns.state.done',
  cancelled: 'campaigns.state.cancelled',
  review: 'campaigns.state.review',
};

export const STATE_COLORS: Record<AttemptState, string> = {
  planned: 'blue',
  skipped: 'orange',
  holdout: 'purple',
  in_flight: 'processing',
  done: 'success',
  cancelled: 'default',
  // a person has to decide what became of it
  review: 'warning',
};

export const OUTCOME_KEYS: Record<AttemptOutcome, MessageKey> = {
  answered: 'campaigns.outcome.answered',
  busy: 'campaigns.outcome.busy',
  no_answer: 'campaigns.outcome.no_answer',
  failed: 'campaigns.outcome.failed',
  canceled: 'campaigns.outcome.canceled',
  sent: 'campaigns.outcome.sent',
  delivered: 'campaigns.outcome.delivered',
  undelivered: 'campaigns.outcome.undelivered',
};

/** Reached green; not reached orange (try again later) or red (it failed); a sent SMS may still be delivered. */
export const OUTCOME_COLORS: Record<AttemptOutcome, string> = {
  answered: 'success',
  delivered: 'success',
  sent: 'processing',
  busy: 'warning',
  no_answer: 'warning',
  failed: 'error',
  undelivered: 'error',
  canceled: 'default',
};

/** The outcome's tag colour, or none for a value this console does not know (a disposition…). */
export function outcomeColor(outcome: string): string | undefined {
  return (OUTCOME_COLORS as Record<string, string | undefined>)[outcome];
}

/** An attempt's outcome (busy, delivered, a disposition…) in words, or as sent when we don't know it. */
export function outcomeLabel(outcome: string, t: Translate): string {
  return t.maybe(`campaigns.outcome.${outcome}`, t.maybe(`scripts.disposition.${outcome}`, outcome));
}

/** 活动开始后立即 / 活动开始后1天 for a first step; 上一步后2天，未接通时 for the rest. */
export function stepTiming(stepIndex: number, delayMinutes: number, condition: StepCondition, t: Translate): string {
  if (stepIndex === 0) return delayMinutes ? t('campaigns.steps.afterStart', { delay: delayText(delayMinutes, t) }) : t('campaigns.steps.atStart');
  return t('campaigns.steps.afterPrevious', { delay: delayText(delayMinutes, t), condition: t(CONDITION_KEYS[condition]) });
}

/** 功率式 · 拨号比例 1.5 · 最大并发 20: only the numbers the mode uses. */
export function pacingText(p: CampaignPacing, t: Translate): string {
  return [
    t(PACING_KEYS[p.mode]),
    p.mode === 'power' || p.mode === 'predictive' ? `${t('campaigns.pacing.ratio')} ${p.ratio}` : '',
    `${t('campaigns.pacing.maxConcurrent')} ${p.maxConcurrent}`,
    p.mode === 'predictive' ? `${t('campaigns.pacing.maxAbandonPct')} ${p.maxAbandonPct}%` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** 90 → 1小时30分钟, 1440 → 1天, 0 → 立即. */
export function delayText(minutes: number, t: Translate): string {
  if (!minutes) return t('campaigns.delay.none');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  return [days ? t('campaigns.delay.days', { n: days }) : '', hours ? t('campaigns.delay.hours', { n: hours }) : '', mins ? t('campaigns.delay.minutes', { n: mins }) : ''].filter(Boolean).join(t('campaigns.delay.join'));
}

/** 35 → 35 秒, 65 → 1 分 05 秒, 3725 → 1 小时 02 分 05 秒: a call's length as the bank reads it. */
export function callLength(seconds: number | null | undefined, t: Translate): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h) return t('campaigns.length.hms', { h, m: pad(m), s: pad(s) });
  if (m) return t('campaigns.length.ms', { m, s: pad(s) });
  return t('campaigns.length.s', { s });
}

/** The carrier's own status word (queued, ringing, sent…) in words; an unknown one as the carrier wrote it. */
export function carrierStatusLabel(status: string, t: Translate): string {
  return t.maybe(`campaigns.carrier.${status.replace(/-/g, '_')}`, status);
}

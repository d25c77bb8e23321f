import type { CampaignAction, CampaignStatus } from '@app/contracts';

/**
 * The campaign status machine: draft → scheduled → running ⇄ paused → completed | cancelled.
 * `start` on a draft goes to `scheduled` when its start lies ahead, else straight to `running`;
 * the campaign job moves a scheduled campaign to running when its start comes.
 */
const MOVES: Record<CampaignStatus, Partial<Record<CampaignAction, CampaignStatus>>> = {
  draft: { start: 'running', cancel: 'cancelled' },
  scheduled: { start: 'running', cancel: 'cancelled' },
  running: { pause: 'paused', cancel: 'cancelled', complete: 'completed' },
  paused: { resume: 'running', cancel: 'cancelled', complete: 'completed' },
  completed: {},
  cancelled: {},
};

export type Transition = { ok: true; to: CampaignStatus } | { ok: false; reason: string };

export function transition(from: CampaignStatus, action: CampaignAction, startsAt: Date, now: Date): Transition {
  const to = MOVES[from][action];
  if (!to) return { ok: false, reason: `a ${from} campaign cannot ${action}` };
  if (from === 'draft' && action === 'start' && startsAt.getTime() > now.getTime()) return { ok: true, to: 'scheduled' };
  return { ok: true, to };
}

/** What a user may do to a campaign in this status (the job's own `start` of a scheduled one is not offered). */
export function allowedActions(status: CampaignStatus): CampaignAction[] {
  const actions = Object.keys(MOVES[status]) as CampaignAction[];
  return status === 'scheduled' ? actions.filter((a) => a !== 'start') : actions;
}

/** Only a draft may change its segment, steps, purpose or policy; a scheduled one only its texts and end. */
export function isEditable(status: CampaignStatus): boolean {
  return status === 'draft';
}

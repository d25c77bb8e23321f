import type { CampaignPacing } from '@app/contracts';

/** What the campaign has seen so far: the figures predictive pacing steers by. */
export interface DialStats {
  /** Calls dialled that have ended ringing (answered or not). */
  dialled: number;
  answered: number;
  /** Answered with no agent free within 2 s: the customer heard the recorded message. */
  abandoned: number;
}

export interface DialRoom {
  pacing: CampaignPacing;
  /** Agents of the campaign free to take a call now. */
  freeAgents: number;
  /** Calls of the campaign dialled and still ringing (not yet answered or given up). */
  ringing: number;
  stats: DialStats;
  /** The highest dial ratio predictive pacing may reach (VICIdial's default: 3.0). */
  maxRatio?: number;
}

/** Before this many calls have ended, the answer rate is a guess. */
const SETTLED_AFTER = 20;
/** The guess: half the customers answer. */
const PRIOR_ANSWER_RATE = 0.5;

/**
 * Predictive pacing's dial ratio: the more customers fail to answer, the more calls per free agent,
 * scaled down as the campaign's abandon rate nears its cap and back to one call per agent at the
 * cap. The answer rate is measured over the campaign so far, blended with a prior until enough
 * calls have ended.
 */
export function predictiveRatio(stats: DialStats, maxAbandonPct: number, maxRatio = 3.0): number {
  const weight = Math.min(1, stats.dialled / SETTLED_AFTER);
  const measured = stats.dialled > 0 ? stats.answered / stats.dialled : PRIOR_ANSWER_RATE;
  const answerRate = Math.max(0.05, weight * measured + (1 - weight) * PRIOR_ANSWER_RATE);
  const abandonPct = stats.answered > 0 ? (100 * stats.abandoned) / stats.answered : 0;
  const headroom = maxAbandonPct > 0 ? Math.max(0, Math.min(1, (maxAbandonPct - abandonPct) / maxAbandonPct)) : 0;
  return Math.min(maxRatio, 1 + (1 / answerRate - 1) * headroom);
}

/**
 * How many more calls the dispatcher may dial for an agent-call campaign now. Preview: none (the
 * agent dials from the customer's card). Progressive: one per free agent. Power: the campaign's
 * fixed ratio per free agent. Predictive: the ratio above. Calls already ringing count against it.
 */
export function dialsAllowed(room: DialRoom): number {
  const { pacing, freeAgents, ringing } = room;
  if (freeAgents <= 0) return 0;
  let ratio: number;
  switch (pacing.mode) {
    case 'preview':
      return 0;
    case 'progressive':
      ratio = 1;
      break;
    case 'power':
      ratio = Math.max(1, pacing.ratio);
      break;
    case 'predictive':
      ratio = predictiveRatio(room.stats, pacing.maxAbandonPct, room.maxRatio);
      break;
  }
  return Math.max(0, Math.floor(freeAgents * ratio) - ringing);
}

import type { ConversationOutcome } from './conversation';
import type { Channel, ContactPolicyOverrides, PolicyRule, PolicyTraceEntry, Purpose } from './policy';
import type { Disposition } from './script';

export type CampaignStatus = 'draft' | 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled';
export type CampaignAction = 'start' | 'pause' | 'resume' | 'cancel' | 'complete';
/** `snapshot`: the segment's members when the campaign starts; `continuous`: also everyone who enters while it runs. */
export type EntryMode = 'snapshot' | 'continuous';
/**
 * When a step runs, judged on the previous step's outcome for that customer:
 * `always`; `not_reached` (no answer, busy, failed, undelivered); `reached` (answered or delivered).
 */
export type StepCondition = 'always' | 'not_reached' | 'reached';

export type PacingMode = 'preview' | 'progressive' | 'power' | 'predictive';
export interface CampaignPacing {
  mode: PacingMode;
  /** Calls per free agent (power) or the starting ratio (predictive). */
  ratio: number;
  /** The most calls or messages in flight at once for this campaign. */
  maxConcurrent: number;
  /** Predictive only: the abandoned share of answered calls to stay under, in percent. */
  maxAbandonPct: number;
}

export interface CampaignStepView {
  stepNo: number;
  channel: Channel;
  scriptId: string;
  scriptName: string;
  scriptVersion: number;
  /** Minutes after the previous step's outcome (the first step: after the campaign starts). */
  delayMinutes: number;
  condition: StepCondition;
}

export interface CampaignView {
  id: string;
  name: string;
  description: string | null;
  segmentId: string;
  segmentName: string;
  /** The segment version the campaign started with (null before it starts). */
  segmentVersion: number | null;
  purpose: Purpose;
  status: CampaignStatus;
  entryMode: EntryMode;
  startsAt: string;
  endsAt: string | null;
  holdoutPct: number;
  policy: ContactPolicyOverrides;
  pacing: CampaignPacing;
  steps: CampaignStepView[];
  /** The actions its status allows now. */
  actions: CampaignAction[];
  lastPlan: PlanResult | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  counts: { planned: number; skipped: number; holdout: number; done: number };
}

export interface PlanResult {
  /** New attempts due to be sent. */
  planned: number;
  /** New attempts refused by the policy, each with its reason. */
  skipped: number;
  /** Members put in the control group. */
  holdout: number;
  /** Planned attempts a changed policy or a new opt-out now refuses. */
  withdrawn: number;
  ms: number;
  at: string;
}

/**
 * `in_flight`: claimed by a dispatcher (under a lease) and handed to the carrier, until its final
 * status; `review`: the carrier could not tell what became of it after a crash, so a person
 * decides (it is never redialled on its own).
 */
export type AttemptState = 'planned' | 'skipped' | 'holdout' | 'in_flight' | 'done' | 'cancelled' | 'review';
export const ATTEMPT_STATES: readonly AttemptState[] = ['planned', 'skipped', 'holdout', 'in_flight', 'done', 'cancelled', 'review'];

/** How an attempt ended: a call's end, or how far an SMS got (`sent` may still become `delivered`). */
export type AttemptOutcome = 'answered' | 'busy' | 'no_answer' | 'failed' | 'canceled' | 'sent' | 'delivered' | 'undelivered';
export const ATTEMPT_OUTCOMES: readonly AttemptOutcome[] = ['answered', 'busy', 'no_answer', 'failed', 'canceled', 'sent', 'delivered', 'undelivered'];

export interface ContactAttemptView {
  id: number;
  campaignId: string;
  stepNo: number;
  channel: Channel;
  customerId: number;
  customerNo: string;
  companyName: string;
  branchCode: string;
  attemptNo: number;
  state: AttemptState;
  dueAt: string | null;
  /** The refusing rule of a skipped attempt. */
  reason: PolicyRule | null;
  outcome: AttemptOutcome | null;
  outcomeAt: string | null;
  /** The carrier's id of the call or message. */
  providerId: string | null;
  /** The carrier's latest status (queued, ringing, answered, sent…). */
  providerStatus: string | null;
  sentAt: string | null;
  durationSeconds: number | null;
  /** Carrier refusals and retries, send-time policy refusals, what reconciliation found. */
  detail: string | null;
  sendTries: number;
  trace: PolicyTraceEntry[];
  plannedAt: string;
}

/** Outcomes that reached the customer: a call answered, an SMS delivered. */
export const REACHED_OUTCOMES: readonly AttemptOutcome[] = ['answered', 'delivered'];

/**
 * One step's funnel, in customers (a retried call counts its customer once): `targeted` every
 * customer the step plans to contact (neither in the control group nor refused by the policy), `sent` handed to the carrier at least once,
 * `reached` answered or delivered at least once, `converted` reached and then converted.
 */
export interface StepFunnel {
  targeted: number;
  sent: number;
  reached: number;
  converted: number;
}

/**
 * How a call step's answered calls ended, in customers (a customer called twice may count under
 * two endings). An AI step counts the AI's own outcome: a call put through to an agent is
 * `handed_off`, whatever the agent then agreed; what the agents recorded for those calls is in
 * `agent`. An agent step counts its agents' dispositions. SMS steps have none.
 */
export interface CallEndings {
  ai: Partial<Record<ConversationOutcome, number>>;
  agent: Partial<Record<Disposition, number>>;
  /** Answered, with nothing recorded yet (still on the line, in wrap-up, or no agent took it). */
  open: number;
}

export interface StepStats {
  stepNo: number;
  channel: Channel;
  /**
   * The agent callbacks promised on this step's AI calls after a handover: agent calls of an AI
   * step, a row of their own after the step's (the step's own row counts the AI calls only).
   */
  agentCallbacks: boolean;
  byState: Partial<Record<AttemptState, number>>;
  byOutcome: Record<string, number>;
  byReason: Partial<Record<PolicyRule, number>>;
  funnel: StepFunnel;
  endings: CallEndings;
}

/** A branch's customers in the campaign (each counted once, by its first step's first attempt). */
export interface BranchStats {
  branchCode: string;
  members: number;
  planned: number;
  skipped: number;
  done: number;
  /** Contacted or to be contacted: neither refused by the policy nor in the control group. */
  treated: number;
  /** Treated customers who converted. */
  converted: number;
  /** Treated customers answered or delivered at any step. */
  reached: number;
  holdout: number;
  holdoutConverted: number;
}

export interface GroupConversion {
  customers: number;
  /** Left the segment after the campaign took them in (the dormant account transacted, the U-key was activated…). */
  converted: number;
  rate: number;
}

export interface CampaignStats {
  campaignId: string;
  steps: StepStats[];
  branches: BranchStats[];
  treated: GroupConversion;
  holdout: GroupConversion;
  /** Treated rate minus holdout rate, in percentage points. */
  upliftPts: number;
}

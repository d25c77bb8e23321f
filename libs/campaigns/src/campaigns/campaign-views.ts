import type { CampaignStepView, CampaignView } from '@app/contracts';
import { allowedActions } from './campaign-status';
import type { Campaign, CampaignStep } from './campaign.entity';

export type AttemptCounts = CampaignView['counts'];
export const NO_COUNTS: AttemptCounts = { planned: 0, skipped: 0, holdout: 0, done: 0 };

export function toCampaignView(c: Campaign, steps: CampaignStep[], names: { segment: string; scripts: Map<string, string> }, counts: AttemptCounts): CampaignView {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    segmentId: c.segmentId,
    segmentName: names.segment,
    segmentVersion: c.segmentVersion,
    purpose: c.purpose,
    status: c.status,
    entryMode: c.entryMode,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt?.toISOString() ?? null,
    holdoutPct: c.holdoutPct,
    policy: c.policy,
    pacing: c.pacing,
    steps: steps.map(
      (s): CampaignStepView => ({
        stepNo: s.stepNo,
        channel: s.channel,
        scriptId: s.scriptId,
        scriptName: names.scripts.get(s.scriptId) ?? '',
        scriptVersion: s.scriptVersion,
        delayMinutes: s.delayMinutes,
        condition: s.runIf,
      }),
    ),
    actions: allowedActions(c.status),
    lastPlan: c.lastPlan,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    startedAt: c.startedAt?.toISOString() ?? null,
    finishedAt: c.finishedAt?.toISOString() ?? null,
    counts,
  };
}

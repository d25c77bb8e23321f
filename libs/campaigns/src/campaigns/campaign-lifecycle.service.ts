import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual, Repository } from 'typeorm';
import type { CampaignAction, CampaignStatus, CampaignView, PlanResult } from '@app/contracts';
import { AuditService, Clock, execute, type Principal } from '@app/core';
import { SEGMENT_ENTERED, type SegmentMembershipEvent, SegmentsService } from '@app/segments';
import { CampaignsErrorCode, CampaignsException } from '../campaigns.exception';
import { CampaignPlanner } from '../planning/campaign-planner.service';
import { transition } from './campaign-status';
import { Campaign } from './campaign.entity';
import { CampaignsService } from './campaigns.service';

/** Moves campaigns through their statuses, planning when one starts or resumes. */
@Injectable()
export class CampaignLifecycle {
  private readonly logger = new Logger(CampaignLifecycle.name);

  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    private readonly dataSource: DataSource,
    private readonly service: CampaignsService,
    private readonly segments: SegmentsService,
    private readonly planner: CampaignPlanner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async act(id: string, action: CampaignAction, by: Principal | null): Promise<CampaignView> {
    const campaign = await this.service.find(id);
    const now = this.clock.now();
    const move = transition(campaign.status, action, campaign.startsAt, now);
    if (!move.ok) throw new CampaignsException(CampaignsErrorCode.IllegalTransition, move.reason);
    if (action === 'start' && campaign.endsAt && campaign.endsAt.getTime() <= now.getTime()) {
      throw new CampaignsException(CampaignsErrorCode.IllegalTransition, 'the campaign has already ended', [{ field: 'endsAt', message: 'the end has already passed' }]);
    }
    const changes: Partial<Campaign> = { status: move.to, updatedAt: now };
    if (move.to === 'running' && !campaign.startedAt) {
      // the segment version it starts with is the one it keeps
      changes.segmentVersion = (await this.segments.find(campaign.segmentId)).version;
      changes.startedAt = now;
    }
    if (move.to === 'completed' || move.to === 'cancelled') changes.finishedAt = now;
    await this.moveStatus(campaign, changes);
    if (move.to === 'completed' || move.to === 'cancelled') {
      await execute(this.dataSource, "UPDATE contact_attempts SET state = 'cancelled', updated_at = :now WHERE campaign_id = :id AND state = 'planned'", { id, now });
    }
    await this.audit.record({ actorId: by?.userId ?? null, actorName: by?.username ?? 'campaign-job', action: `campaign.${action}`, targetType: 'campaign', targetId: id, detail: { from: campaign.status, to: move.to } });
    if (move.to === 'running') await this.planner.plan(await this.service.find(id));
    return this.service.get(id);
  }

  /** Plans a running campaign again: new members (continuous), next steps, retries; never a duplicate. */
  async replan(id: string): Promise<PlanResult> {
    const campaign = await this.service.find(id);
    if (campaign.status !== 'running') throw new CampaignsException(CampaignsErrorCode.IllegalTransition, `a ${campaign.status} campaign is not planned; only a running one`);
    return this.planner.plan(campaign);
  }

  /** Customers entering a segment join the continuous campaigns running on it. */
  @OnEvent(SEGMENT_ENTERED, { async: true, promisify: true })
  async onSegmentEntered(event: SegmentMembershipEvent): Promise<void> {
    const running = await this.campaigns.findBy({ segmentId: event.segmentId, status: 'running', entryMode: 'continuous' });
    for (const campaign of running) {
      await this.planner.plan(campaign).catch((e: unknown) => this.logger.error(`Planning campaign ${campaign.id} after segment ${event.segmentId} refreshed failed: ${String(e)}`));
    }
  }

  /** The campaign job's pass: start the scheduled campaigns whose start has come, complete the ended ones, re-plan the rest. */
  async tick(): Promise<{ started: number; completed: number; planned: number }> {
    const now = this.clock.now();
    const due = await this.campaigns.findBy({ status: 'scheduled', startsAt: LessThanOrEqual(now) });
    for (const c of due) await this.act(c.id, 'start', null);
    const ended = await this.campaigns.findBy({ status: 'running', endsAt: LessThanOrEqual(now) });
    for (const c of ended) await this.act(c.id, 'complete', null);
    const running = await this.campaigns.findBy({ status: 'running' });
    let planned = 0;
    for (const c of running.filter((r) => !due.some((d) => d.id === r.id))) {
      try {
        planned += (await this.planner.plan(c)).planned;
      } catch (e) {
        this.logger.error(`Planning campaign ${c.name} (${c.id}) failed: ${String(e)}`);
      }
    }
    return { started: due.length, completed: ended.length, planned };
  }

  private async moveStatus(campaign: Campaign, changes: Partial<Campaign>): Promise<void> {
    const result = await this.campaigns.update({ id: campaign.id, status: campaign.status as CampaignStatus }, changes);
    if (!result.affected) throw new CampaignsException(CampaignsErrorCode.IllegalTransition, 'the campaign changed meanwhile; reload and try again');
  }
}

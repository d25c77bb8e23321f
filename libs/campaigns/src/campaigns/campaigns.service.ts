import { randomInt, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import type { CampaignPacing, CampaignStatus, CampaignView } from '@app/contracts';
import { AuditService, Clock, type FieldError, isUniqueViolation, type Principal, query, WriteGate } from '@app/core';
import { Script, ScriptsService } from '@app/scripts';
import { Segment, SegmentsErrorCode, SegmentsException, SegmentsService } from '@app/segments';
import { CampaignsErrorCode, CampaignsException } from '../campaigns.exception';
import { ContactPolicyService } from '../contact-policy/contact-policy.service';
import { isEditable } from './campaign-status';
import { type AttemptCounts, NO_COUNTS, toCampaignView } from './campaign-views';
import type { CampaignStepDto, CreateCampaignDto, UpdateCampaignDto } from './campaign.dto';
import { Campaign, CampaignStep } from './campaign.entity';

/** The script kind each channel speaks. */
const SCRIPT_KIND = { sms: 'sms', ai_call: 'voice', agent_call: 'agent' } as const;
const DEFAULT_PACING: CampaignPacing = { mode: 'progressive', ratio: 1, maxConcurrent: 10, maxAbandonPct: 3 };
/** A marketing SMS must tell the customer how to refuse more (China's rules for commercial SMS). */
const OPT_OUT = /退订|\bTD\b/i;

/** Campaigns: checked whole when saved (steps, scripts, schedule, policy narrowing), so nothing bad is found when sending. */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectRepository(CampaignStep) private readonly steps: Repository<CampaignStep>,
    private readonly dataSource: DataSource,
    private readonly segments: SegmentsService,
    private readonly scripts: ScriptsService,
    private readonly policy: ContactPolicyService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly writes: WriteGate,
  ) {}

  async list(statuses?: CampaignStatus[]): Promise<CampaignView[]> {
    const campaigns = await this.campaigns.find({ where: statuses?.length ? { status: In(statuses) } : {}, order: { createdAt: 'DESC' } });
    return this.views(campaigns);
  }

  async get(id: string): Promise<CampaignView> {
    return (await this.views([await this.find(id)]))[0];
  }

  async find(id: string): Promise<Campaign> {
    const campaign = await this.campaigns.findOneBy({ id });
    if (!campaign) throw CampaignsException.notFound(CampaignsErrorCode.CampaignNotFound, `campaign ${id}`);
    return campaign;
  }

  async create(dto: CreateCampaignDto, by: Principal): Promise<CampaignView> {
    const policy = await this.policy.checkOverrides(dto.policy);
    await this.checkSchedule(dto.startsAt, dto.endsAt ?? null);
    await this.segment(dto.segmentId);
    const now = this.clock.now();
    const campaign = Object.assign(new Campaign(), {
      id: randomUUID(),
      name: dto.name,
      description: dto.description?.trim() || null,
      segmentId: dto.segmentId,
      segmentVersion: null,
      purpose: dto.purpose,
      status: 'draft',
      entryMode: dto.entryMode,
      startsAt: dto.startsAt,
      endsAt: dto.endsAt ?? null,
      holdoutPct: dto.holdoutPct,
      holdoutSeed: randomInt(0, 2 ** 32 - 1),
      policy,
      pacing: { ...DEFAULT_PACING, ...dto.pacing },
      lastPlan: null,
      createdBy: by.username,
      startedAt: null,
      finishedAt: null,
      createdAt: now,
      updatedAt: now,
    } satisfies Campaign);
    await this.saveWithSteps(campaign, dto.steps, true);
    await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'campaign.create', targetType: 'campaign', targetId: campaign.id, detail: { name: campaign.name } });
    return this.get(campaign.id);
  }

  async update(id: string, dto: UpdateCampaignDto, by: Principal): Promise<CampaignView> {
    const campaign = await this.find(id);
    const structural = (['segmentId', 'purpose', 'steps', 'startsAt', 'entryMode', 'holdoutPct', 'policy', 'pacing'] as const).filter((k) => dto[k] !== undefined);
    if (structural.length && !isEditable(campaign.status)) {
      throw new CampaignsException(CampaignsErrorCode.NotEditable, `a ${campaign.status} campaign can change only its name, description and end`, structural.map((field) => ({ field, message: `cannot change once the campaign is ${campaign.status}` })));
    }
    if (dto.policy !== undefined) campaign.policy = await this.policy.checkOverrides(dto.policy);
    if (dto.segmentId !== undefined) {
      await this.segment(dto.segmentId);
      campaign.segmentId = dto.segmentId;
    }
    if (dto.endsAt !== undefined || dto.startsAt !== undefined) await this.checkSchedule(dto.startsAt ?? campaign.startsAt, dto.endsAt ?? campaign.endsAt);
    Object.assign(campaign, {
      name: dto.name ?? campaign.name,
      description: dto.description !== undefined ? dto.description.trim() || null : campaign.description,
      purpose: dto.purpose ?? campaign.purpose,
      startsAt: dto.startsAt ?? campaign.startsAt,
      endsAt: dto.endsAt ?? campaign.endsAt,
      entryMode: dto.entryMode ?? campaign.entryMode,
      holdoutPct: dto.holdoutPct ?? campaign.holdoutPct,
      pacing: dto.pacing ? { ...campaign.pacing, ...dto.pacing } : campaign.pacing,
      updatedAt: this.clock.now(),
    });
    await this.saveWithSteps(campaign, dto.steps, false);
    await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'campaign.update', targetType: 'campaign', targetId: id, detail: { fields: Object.keys(dto) } });
    return this.get(id);
  }

  /** Only a draft can be deleted; anything that ran is cancelled instead and kept. */
  async remove(id: string, by: Principal): Promise<void> {
    const campaign = await this.find(id);
    if (campaign.status !== 'draft') throw new CampaignsException(CampaignsErrorCode.NotEditable, `a ${campaign.status} campaign cannot be deleted; cancel it instead`);
    await this.campaigns.delete({ id });
    await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'campaign.delete', targetType: 'campaign', targetId: id, detail: { name: campaign.name } });
  }

  private async saveWithSteps(campaign: Campaign, stepDtos: CampaignStepDto[] | undefined, isNew: boolean): Promise<void> {
    // checks run before any write, so a bad step leaves the campaign as it was
    const checked = new Map<number, string>();
    const steps = stepDtos ? await this.checkSteps(campaign, stepDtos, checked) : undefined;
    // a purpose changed to marketing is checked against the steps it keeps
    if (!steps && !isNew) await this.checkSteps(campaign, await this.stepsOf(campaign.id));
    try {
      await this.writes.run(() =>
        this.dataSource.transaction(async (em) => {
          await em.save(campaign);
          if (steps) {
            await em.delete(CampaignStep, { campaignId: campaign.id });
            await em.save(steps);
            for (const s of steps) {
              const locked = await this.scripts.lockVersion(s.scriptId, s.scriptVersion, em);
              // an edit in place may have landed between the check and the lock
              if (JSON.stringify(locked.body) !== checked.get(s.stepNo)) {
                throw new CampaignsException(CampaignsErrorCode.NotEditable, 'a script changed while the campaign was saved; save again', [{ field: `steps[${s.stepNo - 1}].scriptId`, message: 'the script changed meanwhile' }]);
              }
            }
          }
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new CampaignsException(CampaignsErrorCode.DuplicateName, `a campaign named ${campaign.name} already exists`, [{ field: 'name', message: 'already used by another campaign' }]);
      throw error;
    }
  }

  private stepsOf(campaignId: string, em: EntityManager | DataSource = this.dataSource): Promise<CampaignStep[]> {
    return em.getRepository(CampaignStep).find({ where: { campaignId }, order: { stepNo: 'ASC' } });
  }

  /** Each step's script exists in that version, suits its channel, and a marketing SMS carries the opt-out. */
  private async checkSteps(campaign: Campaign, dtos: CampaignStepDto[], checked = new Map<number, string>()): Promise<CampaignStep[]> {
    const errors: FieldError[] = [];
    const steps: CampaignStep[] = [];
    for (const [i, dto] of dtos.entries()) {
      const at = `steps[${i}]`;
      if (i === 0 && dto.runIf !== 'always') errors.push({ field: `${at}.runIf`, message: 'the first step has no previous step to depend on' });
      const found = await this.scripts.findVersion(dto.scriptId, dto.scriptVersion);
      if (!found || found.script.archivedAt) {
        errors.push({ field: dto.scriptVersion === undefined ? `${at}.scriptId` : `${at}.scriptVersion`, message: dto.scriptVersion === undefined ? 'no such script' : `script has no version ${dto.scriptVersion}` });
        continue;
      }
      const { script, version } = found;
      if (script.kind !== SCRIPT_KIND[dto.channel]) errors.push({ field: `${at}.scriptId`, message: `a ${dto.channel} step needs a ${SCRIPT_KIND[dto.channel]} script; "${script.name}" is ${script.kind}` });
      const text = 'text' in version.body ? version.body.text : '';
      if (campaign.purpose === 'marketing' && dto.channel === 'sms' && !OPT_OUT.test(text)) {
        errors.push({ field: `${at}.scriptId`, message: `a marketing SMS must tell the customer how to opt out (e.g. 回复TD退订); "${script.name}" does not` });
      }
      checked.set(i + 1, JSON.stringify(version.body));
      steps.push(Object.assign(new CampaignStep(), { campaignId: campaign.id, stepNo: i + 1, channel: dto.channel, scriptId: script.id, scriptVersion: version.version, delayMinutes: dto.delayMinutes ?? 0, runIf: dto.runIf ?? 'always' }));
    }
    if (errors.length) throw CampaignsException.invalid(CampaignsErrorCode.InvalidCampaign, errors);
    return steps;
  }

  private async checkSchedule(startsAt: Date, endsAt: Date | null): Promise<void> {
    if (endsAt && endsAt.getTime() <= startsAt.getTime()) throw CampaignsException.invalid(CampaignsErrorCode.InvalidCampaign, [{ field: 'endsAt', message: 'the campaign must end after it starts' }]);
    if (endsAt && endsAt.getTime() <= this.clock.now().getTime()) throw CampaignsException.invalid(CampaignsErrorCode.InvalidCampaign, [{ field: 'endsAt', message: 'the end has already passed' }]);
  }

  private async segment(id: string): Promise<Segment> {
    try {
      return await this.segments.find(id);
    } catch (error) {
      if (error instanceof SegmentsException && error.code === SegmentsErrorCode.SegmentNotFound) {
        throw CampaignsException.invalid(CampaignsErrorCode.InvalidCampaign, [{ field: 'segmentId', message: 'no such segment (or it is archived)' }]);
      }
      throw error;
    }
  }

  private async views(campaigns: Campaign[]): Promise<CampaignView[]> {
    if (!campaigns.length) return [];
    const ids = campaigns.map((c) => c.id);
    const steps = await this.steps.find({ where: { campaignId: In(ids) }, order: { stepNo: 'ASC' } });
    const segments = new Map((await this.dataSource.getRepository(Segment).findBy({ id: In([...new Set(campaigns.map((c) => c.segmentId))]) })).map((s) => [s.id, s.name]));
    const scriptIds = [...new Set(steps.map((s) => s.scriptId))];
    const scripts = new Map((scriptIds.length ? await this.dataSource.getRepository(Script).findBy({ id: In(scriptIds) }) : []).map((s) => [s.id, s.name]));
    const counts = new Map<string, AttemptCounts>();
    const rows = await query<{ campaign_id: string; state: string; n: number }>(this.dataSource, 'SELECT campaign_id, state, count(*) AS n FROM contact_attempts WHERE campaign_id IN (:...ids) GROUP BY campaign_id, state', { ids });
    for (const r of rows) {
      const c = counts.get(r.campaign_id) ?? { ...NO_COUNTS };
      if (r.state in c) c[r.state as keyof AttemptCounts] += Number(r.n);
      counts.set(r.campaign_id, c);
    }
    return campaigns.map((c) =>
      toCampaignView(
        c,
        steps.filter((s) => s.campaignId === c.id),
        { segment: segments.get(c.segmentId) ?? '', scripts },
        counts.get(c.id) ?? NO_COUNTS,
      ),
    );
  }
}

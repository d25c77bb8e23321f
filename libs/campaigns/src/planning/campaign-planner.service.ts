import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { channelClass, type ChannelClass, type ContactPolicySettings, type PlanResult } from '@app/contracts';
import { Clock, execute, isPostgres, query, WriteGate } from '@app/core';
import { Campaign, CampaignStep } from '../campaigns/campaign.entity';
import { ContactPolicyService } from '../contact-policy/contact-policy.service';
import { contactWindows, type ContactWindow } from '../policy/contact-policy';
import type { WorkCalendar } from '../policy/work-calendar';
import { type CandidateSource, type Dialect, gateStatement, membersSource, nextStepSource, retrySource } from './plan-statement';
import { dncChannelsCovering } from './policy-sql';

const DAY_MS = 86_400_000;
/** How far ahead planning looks for an allowed window. */
export const PLAN_HORIZON_DAYS = 60;
/** Plans take turns: caps count the attempts other campaigns have just planned. */
const PLANNING_LOCK_KEY = 7_310_001;

type ZoneWindow = { zone: string } & ContactWindow;

/**
 * Planning: a campaign's eligible customers become contact attempts, in SQL. For each step it
 * takes the new candidates (segment members for the first step, customers whose previous step
 * ended as the step's condition asks, and retries after a busy line or no answer) and writes
 * their attempts through the policy gate in one statement per source. Planning again never
 * duplicates an attempt, and first withdraws planned attempts that a new opt-out or a withdrawn
 * consent now forbids.
 */
@Injectable()
export class CampaignPlanner {
  private readonly logger = new Logger(CampaignPlanner.name);

  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectRepository(CampaignStep) private readonly steps: Repository<CampaignStep>,
    private readonly dataSource: DataSource,
    private readonly policy: ContactPolicyService,
    private readonly clock: Clock,
    private readonly writes: WriteGate,
  ) {}

  async plan(campaign: Campaign): Promise<PlanResult> {
    const t0 = performance.now();
    const now = this.clock.now();
    const settings = await this.policy.effective(campaign.policy);
    const calendar = await this.policy.calendar();
    const steps = await this.steps.find({ where: { campaignId: campaign.id }, order: { stepNo: 'ASC' } });
    const from = new Date(Math.max(now.getTime(), campaign.startsAt.getTime()));
    const until = new Date(Math.min(from.getTime() + PLAN_HORIZON_DAYS * DAY_MS, campaign.endsAt?.getTime() ?? Infinity));
    const dialect: Dialect = isPostgres(this.dataSource) ? 'postgres' : 'sqlite';
    const zones = (await query<{ time_zone: string }>(this.dataSource, 'SELECT DISTINCT time_zone FROM customers')).map((r) => r.time_zone);
    const windows = new Map<ChannelClass, ZoneWindow[]>();
    const windowsOf = (cls: ChannelClass) => {
      if (!windows.has(cls)) windows.set(cls, this.windows(settings, calendar, cls, zones, from, until));
      return windows.get(cls) as ZoneWindow[];
    };
    const result: PlanResult = { planned: 0, skipped: 0, holdout: 0, withdrawn: 0, ms: 0, at: now.toISOString() };

    await this.writes.run(() =>
      this.dataSource.transaction(async (em) => {
        if (dialect === 'postgres') await em.query('SELECT pg_advisory_xact_lock($1)', [PLANNING_LOCK_KEY]);
        for (const step of steps) {
          result.withdrawn += await this.withdraw(em, campaign, step, now);
          const sources: CandidateSource[] = [];
          const retry = retrySource(dialect, settings, step.stepNo);
          if (retry) sources.push(retry);
          if (step.stepNo === 1) sources.push(membersSource(dialect, campaign.entryMode === 'snapshot' ? campaign.startedAt : null));
          else sources.push(nextStepSource(dialect, settings, step.runIf, step.delayMinutes, step.stepNo - 1));
          for (const source of sources) {
            const statement = gateStatement(
              { dialect, campaignId: campaign.id, segmentId: campaign.segmentId, stepNo: step.stepNo, channel: step.channel, purpose: campaign.purpose, settings, holdoutPct: campaign.holdoutPct, holdoutSeed: campaign.holdoutSeed },
              source,
              windowsOf(channelClass(step.channel)),
            );
            const cap = settings.caps[channelClass(step.channel)];
            const rows = await query<{ state: string; n?: number }>(em, statement.sql, { ...statement.params, now, from, capSince: new Date(from.getTime() - cap.days * DAY_MS) });
            for (const row of rows) {
              const n = row.n === undefined ? 1 : Number(row.n);
              if (row.state === 'planned') result.planned += n;
              else if (row.state === 'holdout') result.holdout += n;
              else result.skipped += n;
            }
          }
        }
      }),
    );
    result.ms = Math.round(performance.now() - t0);
    await this.campaigns.update({ id: campaign.id }, { lastPlan: result });
    this.logger.log(`campaign ${campaign.id} planned: ${result.planned} planned, ${result.skipped} skipped, ${result.holdout} holdout, ${result.withdrawn} withdrawn in ${result.ms} ms`);
    return result;
  }

  /** The allowed windows of every zone, clipped to the campaign's end. */
  private windows(settings: ContactPolicySettings, calendar: WorkCalendar, cls: ChannelClass, zones: string[], from: Date, until: Date): ZoneWindow[] {
    return zones.flatMap((zone) =>
      contactWindows(settings, calendar, cls, zone, from, until).map((w) => ({ zone, start: w.start, end: new Date(Math.min(w.end.getTime(), until.getTime())) })),
    );
  }

  /** Planned attempts of a step that an opt-out or a withdrawn marketing consent now forbids. */
  private async withdraw(em: EntityManager, campaign: Campaign, step: CampaignStep, now: Date): Promise<number> {
    const params = { campaignId: campaign.id, stepNo: step.stepNo, now, dncChannels: dncChannelsCovering(step.channel), no: false };
    const scope = campaign.purpose === 'service' ? " AND d.scope = 'all'" : '';
    // from the (few) live entries to the attempts, grouped per customer, by customer and by phone
    const byDnc = await execute(
      em,
      `UPDATE contact_attempts SET state = 'cancelled', reason = 'do_not_contact', updated_at = :now
        FROM (
          SELECT x.customer_id, max(x.forever) AS forever, max(x.until) AS until FROM (
            SELECT d.customer_id, CASE WHEN d.until IS NULL THEN 1 ELSE 0 END AS forever, d.until FROM do_not_contact d
              WHERE d.customer_id IS NOT NULL AND d.removed_at IS NULL AND d.channel IN (:...dncChannels)${scope}
            UNION ALL
            SELECT cu.id, CASE WHEN d.until IS NULL THEN 1 ELSE 0 END, d.until FROM do_not_contact d JOIN customers cu ON cu.phone = d.phone
              WHERE d.phone IS NOT NULL AND d.removed_at IS NULL AND d.channel IN (:...dncChannels)${scope}
          ) x GROUP BY x.customer_id
        ) b
        WHERE contact_attempts.customer_id = b.customer_id AND contact_attempts.campaign_id = :campaignId AND contact_attempts.step_no = :stepNo
          AND contact_attempts.state = 'planned' AND (b.forever = 1 OR b.until > contact_attempts.due_at)`,
      params,
    );
    if (campaign.purpose === 'service') return byDnc;
    const consent = channelClass(step.channel) === 'sms' ? 'consent_sms' : 'consent_call';
    const byConsent = await execute(
      em,
      `UPDATE contact_attempts SET state = 'cancelled', reason = 'consent', updated_at = :now
        WHERE campaign_id = :campaignId AND step_no = :stepNo AND state = 'planned'
          AND customer_id IN (SELECT id FROM customers WHERE ${consent} = :no)`,
      params,
    );
    return byDnc + byConsent;
  }
}

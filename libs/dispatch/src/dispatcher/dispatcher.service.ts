import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { type Channel, channelClass, CHANNELS } from '@app/contracts';
import { Campaign, CampaignStep, ContactPolicyService } from '@app/campaigns';
import { AppConfig, Clock } from '@app/core';
import type { Customer } from '@app/customers';
import { type ProviderAccepted, ProviderError, statusRank, TelephonyProvider, TelephonyUrls } from '@app/telephony';
import { providerKindOf } from '../outcomes/outcome-rules';
import { RateLimiter } from '../pacing/rate-limiter.service';
import { sendBackoffSeconds } from '../pacing/token-bucket';
import { AgentCapacity } from './agent-capacity';
import { AttemptClaims, type ClaimedAttempt } from './attempt-claims.repository';
import { FailureRecorder } from './failure-recorder';
import { MessageRenderer } from './message-renderer';
import { type SendContext, SendTimeCheck } from './send-time-check';

export interface DispatchPass {
  claimed: number;
  sent: number;
  /** Moved to a later window or cancelled by the check at send time. */
  deferred: number;
  refused: number;
  failed: number;
  /** Refused by the carrier for now (429, 503): back to planned with a backoff. */
  retried: number;
  /** The carrier's answer was lost: held for reconciliation. */
  uncertain: number;
}

type Sent = { attempt: ClaimedAttempt; accepted: ProviderAccepted } | { attempt: ClaimedAttempt; error: ProviderError };

/** Seconds an attempt whose answer was lost waits before it is looked up at the carrier. */
const LOOKUP_AFTER_SECONDS = 10;

/**
 * Sends due attempts. Per running campaign and channel: room under its concurrency limit, tokens
 * from the provider account's shared rate bucket, then a claim under a lease. Each claimed attempt
 * is in flight before the carrier is called, passes the policy again, and keeps what the carrier
 * answered. A carrier refusal that proves nothing was created is retried later with a backoff; an
 * answer that may hide a created call is never retried blindly but looked up (Reconciler).
 */
@Injectable()
export class Dispatcher {
  private readonly logger = new Logger(Dispatcher.name);
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectRepository(CampaignStep) private readonly steps: Repository<CampaignStep>,
    private readonly claims: AttemptClaims,
    private readonly policy: ContactPolicyService,
    private readonly check: SendTimeCheck,
    private readonly messages: MessageRenderer,
    private readonly provider: TelephonyProvider,
    private readonly urls: TelephonyUrls,
    private readonly rate: RateLimiter,
    private readonly agents: AgentCapacity,
    private readonly failures: FailureRecorder,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** One pass over the running campaigns. */
  async dispatch(): Promise<DispatchPass> {
    const pass: DispatchPass = { claimed: 0, sent: 0, deferred: 0, refused: 0, failed: 0, retried: 0, uncertain: 0 };
    const running = await this.campaigns.findBy({ status: 'running' });
    if (!running.length) return pass;
    const inFlight = await this.claims.inFlightByCampaign();
    const calendar = await this.policy.calendar();
    for (const campaign of running) {
      const channels = new Set((await this.steps.findBy({ campaignId: campaign.id })).map((s) => s.channel));
      let room = campaign.pacing.maxConcurrent - (inFlight.get(campaign.id) ?? 0);
      const ctx: SendContext = { campaign, settings: await this.policy.effective(campaign.policy), calendar, now: this.clock.now() };
      for (const channel of CHANNELS.filter((c) => channels.has(c))) {
        if (room <= 0) break;
        const claimed = await this.claim(campaign, channel, Math.min(room, this.config.DISPATCH_BATCH_SIZE), inFlight.get(campaign.id) ?? 0);
        room -= claimed.length;
        pass.claimed += claimed.length;
        if (claimed.length) await this.send({ ...ctx, now: this.clock.now() }, claimed, pass);
      }
    }
    return pass;
  }

  /**
   * An agent's preview, dialled when they press dial: this one attempt, through the same rate
   * bucket (waiting up to 2 s for a token), lease and contact-policy check as the loop. Answers
   * what became of it.
   */
  async dialOne(attemptId: number): Promise<'sent' | 'deferred' | 'refused' | 'failed' | 'busy' | 'gone'> {
    const planned = await this.claims.plannedCampaign(attemptId);
    if (!planned) return 'gone';
    const campaign = await this.campaigns.findOneBy({ id: planned });
    if (!campaign || campaign.status !== 'running') return 'refused';
    const deadline = Date.now() + 2000;
    while ((await this.rate.take(this.provider.account, 'call', 1)) < 1) {
      if (Date.now() > deadline) return 'busy';
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const now = this.clock.now();
    const claimed = await this.claims.claimOne(attemptId, this.owner, now, this.leaseUntil(now));
    if (!claimed) {
      await this.rate.giveBack(this.provider.account, 'call', 1);
      return 'gone';
    }
    const pass: DispatchPass = { claimed: 1, sent: 0, deferred: 0, refused: 0, failed: 0, retried: 0, uncertain: 0 };
    await this.send({ campaign, settings: await this.policy.effective(campaign.policy), calendar: await this.policy.calendar(), now }, [claimed], pass);
    if (pass.sent || pass.uncertain) return 'sent';
    if (pass.deferred) return 'deferred';
    if (pass.refused) return 'refused';
    return pass.retried ? 'busy' : 'failed';
  }

  /**
   * Before agents are shown planned attempts (previews, callbacks due): the contact policy at this
   * moment, as at sending. One outside its window (the evening came while it waited) is moved to
   * the next allowed moment and one refused for good (an opt-out since planning) is cancelled, so
   * no agent is shown a customer they could not dial. Answers how many were held back.
   */
  async holdBackClosed(attemptIds: number[]): Promise<number> {
    const attempts = await this.claims.planned(attemptIds);
    const now = this.clock.now();
    let held = 0;
    for (const campaignId of new Set(attempts.map((a) => a.campaignId))) {
      const campaign = await this.campaigns.findOneBy({ id: campaignId });
      if (!campaign) continue;
      const checked = await this.check.check({ campaign, settings: await this.policy.effective(campaign.policy), calendar: await this.policy.calendar(), now }, attempts.filter((a) => a.campaignId === campaignId));
      for (const change of [...checked.later, ...checked.refused]) if (await this.claims.movePlanned(change.id, now, change)) held++;
    }
    return held;
  }

  private async claim(campaign: Campaign, channel: Channel, room: number, inFlight: number): Promise<ClaimedAttempt[]> {
    let wanted = room;
    if (channel === 'agent_call') wanted = Math.min(wanted, await this.agents.dialsAllowed(campaign.id, campaign.pacing, inFlight));
    if (wanted <= 0) return [];
    const cls = channelClass(channel);
    const granted = await this.rate.take(this.provider.account, cls, wanted);
    if (granted <= 0) return [];
    const now = this.clock.now();
    const claimed = await this.claims.claimDue(campaign.id, channel, granted, campaign.pacing.maxConcurrent, this.owner, now, this.leaseUntil(now));
    await this.rate.giveBack(this.provider.account, cls, granted - claimed.length);
    return claimed;
  }

  private async send(ctx: SendContext, claimed: ClaimedAttempt[], pass: DispatchPass): Promise<void> {
    const checked = await this.check.check(ctx, claimed);
    pass.deferred += await this.claims.reschedule(this.owner, ctx.now, checked.later);
    pass.refused += await this.claims.cancel(this.owner, ctx.now, checked.refused);
    // in waves of the send concurrency, each renewing its lease first: a batch slowed by a hanging
    // carrier never sends an attempt another dispatcher has meanwhile reconciled
    for (let i = 0; i < checked.send.length; i += this.config.DISPATCH_SEND_CONCURRENCY) {
      const wave = checked.send.slice(i, i + this.config.DISPATCH_SEND_CONCURRENCY);
      const now = this.clock.now();
      const held = await this.claims.renew(this.owner, wave.map((w) => w.attempt.id), now, this.leaseUntil(now));
      if (held.size < wave.length) this.logger.warn(`${wave.length - held.size} attempts were taken over by another dispatcher before they were sent; not sent here`);
      const results = await Promise.all(wave.filter((w) => held.has(w.attempt.id)).map((w) => this.sendOne(w.attempt, w.customer)));
      await this.keep(results, pass);
    }
  }

  private async sendOne(attempt: ClaimedAttempt, customer: Customer): Promise<Sent> {
    try {
      if (attempt.channel === 'sms') {
        const body = await this.messages.sms(attempt.campaignId, attempt.stepNo, customer);
        return { attempt, accepted: await this.provider.sendSms({ to: customer.phone, body, statusCallbackUrl: this.urls.statusCallback('sms', String(attempt.id)) }) };
      }
      return { attempt, accepted: await this.provider.placeCall({ to: customer.phone, answerUrl: this.urls.answer(attempt.id), statusCallbackUrl: this.urls.statusCallback('call', String(attempt.id)) }) };
    } catch (e) {
      return { attempt, error: e instanceof ProviderError ? e : new ProviderError('permanent', `could not be prepared: ${String(e)}`) };
    }
  }

  /** What the carrier answered, in one statement per kind of answer. */
  private async keep(results: Sent[], pass: DispatchPass): Promise<void> {
    const now = this.clock.now();
    const sent: Parameters<AttemptClaims['markSent']>[3] = [];
    const retry: Parameters<AttemptClaims['reschedule']>[2] = [];
    const fail: Parameters<AttemptClaims['fail']>[2] = [];
    const hold: Parameters<AttemptClaims['hold']>[2] = [];
    for (const r of results) {
      if ('accepted' in r) {
        sent.push({ id: r.attempt.id, providerId: r.accepted.providerId, status: r.accepted.status, rank: statusRank(providerKindOf(r.attempt.channel), r.accepted.status) });
        continue;
      }
      const e = r.error;
      const said = `${e.code ? `（${e.code}）` : ''}：${e.message}`;
      if (e.kind === 'permanent') fail.push({ id: r.attempt.id, detail: `运营商拒绝${said}`, tried: true });
      else if (e.kind === 'uncertain') hold.push({ id: r.attempt.id, detail: `运营商应答丢失${said}；将向运营商核实，不会盲目重发`, tried: true });
      else if (r.attempt.sendTries + 1 >= this.config.DISPATCH_MAX_SEND_TRIES) fail.push({ id: r.attempt.id, detail: `运营商连续 ${r.attempt.sendTries + 1} 次拒绝${said}`, tried: true });
      else {
        const wait = sendBackoffSeconds(r.attempt.sendTries + 1, e.retryAfterSeconds);
        retry.push({ id: r.attempt.id, dueAt: new Date(now.getTime() + wait * 1000), detail: `运营商暂时拒绝${said}；${wait} 秒后重试`, tried: true });
      }
    }
    pass.sent += await this.claims.markSent(this.owner, now, this.provider.name, sent);
    pass.retried += await this.claims.reschedule(this.owner, now, retry);
    pass.uncertain += await this.claims.hold(this.owner, now, hold, new Date(now.getTime() + LOOKUP_AFTER_SECONDS * 1000));
    pass.failed += await this.failures.fail(this.owner, now, fail);
    if (retry.length || fail.length || hold.length) this.logger.warn(`carrier refused ${retry.length} for now, ${fail.length} for good; ${hold.length} answers lost`);
  }

  leaseUntil(now: Date): Date {
    return new Date(now.getTime() + this.config.DISPATCH_LEASE_SECONDS * 1000);
  }
}

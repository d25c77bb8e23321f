import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AppConfig, Clock } from '@app/core';
import { Customer } from '@app/customers';
import { type ProviderRecord, TelephonyProvider } from '@app/telephony';
import { AttemptOutcomes } from '../outcomes/attempt-outcomes.service';
import { providerKindOf } from '../outcomes/outcome-rules';
import { AttemptClaims, type ExpiredAttempt } from './attempt-claims.repository';

export interface ReconcilePass {
  checked: number;
  /** Found at the carrier and brought up to date. */
  found: number;
  /** Not created at the carrier: planned again. */
  replanned: number;
  review: number;
}

export interface ReceiptPass {
  /** SMS left at `sent` asked about at the carrier. */
  asked: number;
  /** Of them, those the carrier had a final status for (delivered, undelivered, failed). */
  settled: number;
}

/** Carrier lookups in flight at once while asking for lost delivery receipts. */
const RECEIPT_LOOKUPS_AT_ONCE = 8;
/** An SMS's statuses past `sent`: what a delivery receipt would have said. */
const SMS_FINAL = new Set(['delivered', 'undelivered', 'failed']);

/** How far before the claim a created call may be dated (clocks differ a little). */
const CLOCK_SKEW_MS = 60_000;
/** After this long in flight with the carrier unable to answer, a person decides. */
const GIVE_UP_MS = 24 * 3_600_000;

/**
 * After a crash, or when no final callback came, an in-flight attempt whose lease ran out is
 * asked about at the carrier, never blindly sent again: by the id it stored, or (when the
 * dispatcher died between the carrier's answer and storing it) by recipient and time window.
 * A created call or message is adopted with its status; one the carrier proves was never
 * created is planned again; anything ambiguous goes to review.
 */
@Injectable()
export class Reconciler {
  private readonly logger = new Logger(Reconciler.name);

  constructor(
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    private readonly claims: AttemptClaims,
    private readonly outcomes: AttemptOutcomes,
    private readonly provider: TelephonyProvider,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async reconcile(owner: string): Promise<ReconcilePass> {
    const now = this.clock.now();
    const expired = await this.claims.claimExpired(this.config.DISPATCH_BATCH_SIZE, owner, now, new Date(now.getTime() + this.config.DISPATCH_LEASE_SECONDS * 1000));
    const pass: ReconcilePass = { checked: expired.length, found: 0, replanned: 0, review: 0 };
    if (!expired.length) return pass;
    const phones = new Map((await this.customers.find({ select: { id: true, phone: true }, where: { id: In(expired.map((a) => a.customerId)) } })).map((c) => [c.id, c.phone]));
    for (const attempt of expired) {
      try {
        const verdict = attempt.providerId ? await this.byId(attempt) : await this.byRecipient(owner, attempt, phones.get(attempt.customerId) ?? '', now);
        if (verdict === 'found') pass.found++;
        else if (verdict === 'replan') {
          pass.replanned += await this.claims.reschedule(owner, now, [{ id: attempt.id, dueAt: now, detail: '运营商处查无此次发送，已重新排期', tried: false }]);
        } else pass.review += await this.claims.review(owner, now, [{ id: attempt.id, detail: verdict.review }]);
      } catch (e) {
        // the carrier could not be asked: the lease extended above brings it back later
        this.logger.warn(`reconciling attempt ${attempt.id} failed: ${String(e)}`);
        if (attempt.claimedAt && now.getTime() - attempt.claimedAt.getTime() > GIVE_UP_MS) {
          pass.review += await this.claims.review(owner, now, [{ id: attempt.id, detail: `运营商持续无法查询：${String(e)}` }]);
        }
      }
    }
    if (pass.replanned || pass.review) this.logger.warn(`reconciled ${pass.checked}: ${pass.found} found, ${pass.replanned} planned again, ${pass.review} for review`);
    return pass;
  }

  /**
   * SMS left at `sent` (their delivery receipt never came): the carrier is asked for each one's
   * status now, a few lookups at a time, and a final one lands as a callback would have.
   */
  async recheckReceipts(): Promise<ReceiptPass> {
    const due = await this.claims.claimReceiptChecks(this.config.DISPATCH_BATCH_SIZE, this.clock.now(), this.config.SMS_RECEIPT_WAIT_MINUTES * 60_000);
    const pass: ReceiptPass = { asked: due.length, settled: 0 };
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const attempt = due[next++];
        try {
          const record = await this.provider.lookup('sms', attempt.providerId);
          if (record && SMS_FINAL.has(record.status)) {
            await this.adoptStatus(attempt.id, record);
            pass.settled++;
          }
        } catch (e) {
          this.logger.warn(`asking the carrier about attempt ${attempt.id}'s delivery failed: ${String(e)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(RECEIPT_LOOKUPS_AT_ONCE, due.length) }, worker));
    if (pass.asked) this.logger.log(`delivery receipts: asked about ${pass.asked} SMS left at sent, ${pass.settled} settled`);
    return pass;
  }

  private async byId(attempt: ExpiredAttempt): Promise<'found' | { review: string }> {
    const record = await this.provider.lookup(providerKindOf(attempt.channel), attempt.providerId as string);
    if (!record) return { review: `运营商不认识 ${attempt.providerId}，无法确认是否已联系客户` };
    await this.adoptStatus(attempt.id, record);
    return 'found';
  }

  private async byRecipient(owner: string, attempt: ExpiredAttempt, to: string, now: Date): Promise<'found' | 'replan' | { review: string }> {
    const since = new Date((attempt.claimedAt ?? now).getTime() - CLOCK_SKEW_MS);
    const found = await this.provider.findByRecipient({ kind: providerKindOf(attempt.channel), to, from: since, until: now });
    // a call to this number for another attempt (another campaign) is not this one
    const held = await this.claims.heldProviderIds(found.map((r) => r.providerId));
    const candidates = found.filter((r) => !held.has(r.providerId));
    if (candidates.length === 0) return 'replan';
    if (candidates.length > 1) return { review: `运营商处有 ${candidates.length} 条发往该号码的记录（${candidates.map((c) => c.providerId).join('、')}），无法确定哪条属于本次` };
    if (!(await this.claims.adopt(owner, now, attempt.id, candidates[0].providerId))) return { review: `${candidates[0].providerId} 已归属其他尝试` };
    await this.adoptStatus(attempt.id, candidates[0]);
    return 'found';
  }

  /** The carrier's current status, through the same idempotent, forward-only path as a callback. */
  private async adoptStatus(attemptId: number, record: ProviderRecord): Promise<void> {
    await this.outcomes.apply(
      { providerId: record.providerId, kind: record.kind, status: record.status, at: this.clock.now(), ref: String(attemptId), durationSeconds: record.durationSeconds, errorCode: record.errorCode ?? null, raw: { lookup: 'true', status: record.status } },
      'lookup',
      attemptId,
    );
  }
}

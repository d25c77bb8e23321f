import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import type { ContactPolicySettings, PolicyRule } from '@app/contracts';
import { type Campaign, type DncFact, evaluatePolicy, type WorkCalendar } from '@app/campaigns';
import { query, toDate } from '@app/core';
import { Customer } from '@app/customers';
import type { ClaimedAttempt } from './attempt-claims.repository';

export interface SendContext {
  campaign: Campaign;
  settings: ContactPolicySettings;
  calendar: WorkCalendar;
  now: Date;
}

export interface CheckedBatch {
  send: Array<{ attempt: ClaimedAttempt; customer: Customer }>;
  /** Outside its window now: back to planned at the next allowed moment. */
  later: Array<{ id: number; dueAt: Date; detail: string; tried: boolean }>;
  /** Refused for good since planning (an opt-out, a withdrawn consent). */
  refused: Array<{ id: number; reason: PolicyRule; detail: string }>;
}

interface DncRow {
  customer_id: number | null;
  phone: string | null;
  channel: DncFact['channel'];
  scope: DncFact['scope'];
  reason: string;
  until: unknown;
}

/**
 * The contact policy again at the moment of sending: an opt-out or a withdrawn consent that came
 * in after planning wins, and a send that slipped past the window waits for the next one. The
 * same pure policy as planning decides, on facts read for the whole batch in two queries.
 */
@Injectable()
export class SendTimeCheck {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
  ) {}

  async check(ctx: SendContext, batch: ClaimedAttempt[]): Promise<CheckedBatch> {
    const result: CheckedBatch = { send: [], later: [], refused: [] };
    if (!batch.length) return result;
    const customers = new Map((await this.customers.findBy({ id: In(batch.map((a) => a.customerId)) })).map((c) => [c.id, c]));
    const dnc = await this.doNotContact([...customers.values()], ctx.now);
    for (const attempt of batch) {
      const customer = customers.get(attempt.customerId) as Customer;
      const decision = evaluatePolicy({
        settings: ctx.settings,
        calendar: ctx.calendar,
        channel: attempt.channel,
        purpose: attempt.purpose,
        at: ctx.now,
        customer: { timeZone: customer.timeZone, consentSms: customer.consentSms, consentCall: customer.consentCall },
        doNotContact: [...(dnc.get(`c${customer.id}`) ?? []), ...(dnc.get(`p${customer.phone}`) ?? [])],
        // caps counted this attempt when it was planned; counting again would refuse it for itself
        contacts: [],
        attemptsSoFar: attempt.attemptNo - 1,
        campaignWindow: { startsAt: ctx.campaign.startsAt, endsAt: ctx.campaign.endsAt },
      });
      if (decision.allowed) {
        result.send.push({ attempt, customer });
        continue;
      }
      const failed = decision.trace.find((e) => !e.passed);
      const why = `发送前复核：${failed?.detail.zh ?? '不符合联系策略'}`;
      if (decision.nextAllowedAt) result.later.push({ id: attempt.id, dueAt: new Date(decision.nextAllowedAt), detail: why, tried: false });
      else result.refused.push({ id: attempt.id, reason: failed?.rule ?? 'do_not_contact', detail: why });
    }
    return result;
  }

  /** Live entries by customer (`c<id>`) and by phone (`p<phone>`). */
  private async doNotContact(customers: Customer[], now: Date): Promise<Map<string, DncFact[]>> {
    const rows = await query<DncRow>(
      this.dataSource,
      `SELECT d.customer_id, d.phone, d.channel, d.scope, d.reason, d.until FROM do_not_contact d
        WHERE d.removed_at IS NULL AND (d.until IS NULL OR d.until > :now) AND (d.customer_id IN (:...ids) OR d.phone IN (:...phones))`,
      { now, ids: customers.map((c) => c.id), phones: customers.map((c) => c.phone) },
    );
    const byKey = new Map<string, DncFact[]>();
    for (const r of rows) {
      const fact: DncFact = { channel: r.channel, scope: r.scope, reason: r.reason, until: toDate(r.until) };
      const key = r.customer_id !== null ? `c${r.customer_id}` : `p${r.phone}`;
      byKey.set(key, [...(byKey.get(key) ?? []), fact]);
    }
    return byKey;
  }
}

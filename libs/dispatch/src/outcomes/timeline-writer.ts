import { Injectable } from '@nestjs/common';
import { type EntityManager, In, type QueryDeepPartialEntity } from 'typeorm';

import type { AttemptOutcome, Channel } from '@app/contracts';
import { Campaign } from '@app/campaigns';
import { ContactEvent } from '@app/customers';
import { outcomeSummary } from './outcome-rules';

export interface OutcomeRecord {
  attemptId: number;
  customerId: number;
  campaignId: string;
  channel: Channel;
  stepNo: number;
  attemptNo: number;
  outcome: AttemptOutcome;
  at: Date;
  providerId: string | null;
  durationSeconds: number | null;
  /** Why it failed, when the carrier said. */
  detail: string | null;
}

/** Each SMS and call outcome on the customer's timeline, with its campaign's name. */
@Injectable()
export class TimelineWriter {
  private readonly names = new Map<string, string>();

  async record(em: EntityManager, outcomes: OutcomeRecord[]): Promise<void> {
    if (!outcomes.length) return;
    const names = await this.campaignNames(em, [...new Set(outcomes.map((o) => o.campaignId))]);
    await em.insert(
      ContactEvent,
      outcomes.map((o) => ({
        customerId: o.customerId,
        at: o.at,
        channel: o.channel,
        kind: 'contact_outcome',
        summary: outcomeSummary(o.channel, o.outcome, o.durationSeconds, o.detail),
        campaignId: o.campaignId,
        attemptId: o.attemptId,
        actorName: null,
        // a JSON column: the partial-entity type would recurse into the record's keys
        detail: { outcome: o.outcome, providerId: o.providerId, stepNo: o.stepNo, attemptNo: o.attemptNo, durationSeconds: o.durationSeconds, campaignName: names.get(o.campaignId) ?? null } as QueryDeepPartialEntity<ContactEvent>['detail'],
      })),
    );
  }

  private async campaignNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const missing = ids.filter((id) => !this.names.has(id));
    if (missing.length) for (const c of await em.find(Campaign, { select: { id: true, name: true }, where: { id: In(missing) } })) this.names.set(c.id, c.name);
    return this.names;
  }
}

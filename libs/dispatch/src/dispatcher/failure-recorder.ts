import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WriteGate } from '@app/core';
import { DirtyCampaigns } from '../outcomes/dirty-campaigns';
import { TimelineWriter } from '../outcomes/timeline-writer';
import { AttemptClaims } from './attempt-claims.repository';

/** Attempts that failed before the carrier took them: done with outcome failed, on the timeline. */
@Injectable()
export class FailureRecorder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteGate,
    private readonly claims: AttemptClaims,
    private readonly timeline: TimelineWriter,
    private readonly dirty: DirtyCampaigns,
  ) {}

  async fail(owner: string, now: Date, rows: Array<{ id: number; detail: string; tried: boolean }>): Promise<number> {
    const failed = await this.claims.fail(owner, now, rows);
    if (!failed.length) return 0;
    const details = new Map(rows.map((r) => [r.id, r.detail]));
    await this.writes.run(() =>
      this.timeline.record(
        this.dataSource.manager,
        failed.map((f) => ({
          attemptId: Number(f.id),
          customerId: Number(f.customer_id),
          campaignId: f.campaign_id,
          channel: f.channel,
          stepNo: Number(f.step_no),
          attemptNo: Number(f.attempt_no),
          outcome: 'failed' as const,
          at: now,
          providerId: null,
          durationSeconds: null,
          detail: details.get(Number(f.id)) ?? null,
        })),
      ),
    );
    for (const f of failed) this.dirty.mark(f.campaign_id);
    return failed.length;
  }
}

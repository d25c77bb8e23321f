import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { IsNull, MoreThanOrEqual, Repository } from 'typeorm';
import type { Page, SegmentJobRunView, SegmentRefreshTrigger } from '@app/contracts';
import { AppConfig, Clock, JobLockService, type PageQuery, startOfLocalDay } from '@app/core';
import { FEEDS_IMPORTED } from '@app/customers';
import { Segment } from '../segments/segment.entity';
import { SegmentJobRun } from './segment-refresh.entity';
import { SegmentRefreshService } from './segment-refresh.service';
import { toJobRunView } from './refresh-views';

const LOCK = 'segments-refresh';

export type RefreshProgress = (done: number, total: number, segmentName: string) => void;
const LOCK_TTL_MS = 2 * 60 * 60 * 1000;

/**
 * Refreshes every segment: on its cron schedule, right after a nightly import brings new feeds,
 * or when started by hand or from the CLI. One instance runs it at a time (advisory lock on
 * PostgreSQL); a segment that fails is logged and recorded, and the others still refresh.
 */
@Injectable()
export class SegmentRefreshJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(SegmentRefreshJob.name);

  constructor(
    private readonly config: AppConfig,
    private readonly locks: JobLockService,
    private readonly refresher: SegmentRefreshService,
    private readonly scheduler: SchedulerRegistry,
    private readonly clock: Clock,
    @InjectRepository(Segment) private readonly segments: Repository<Segment>,
    @InjectRepository(SegmentJobRun) private readonly runs: Repository<SegmentJobRun>,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_ENABLED) return;
    const job = CronJob.from({
      cronTime: this.config.SEGMENT_REFRESH_SCHEDULE,
      onTick: () => void this.runScheduled().catch((e: unknown) => this.logger.error(String(e))),
      timeZone: this.config.DEFAULT_TIME_ZONE,
      start: true,
    });
    this.scheduler.addCronJob(LOCK, job);
  }

  @OnEvent(FEEDS_IMPORTED, { async: true, promisify: true })
  async afterNightlyImport(): Promise<void> {
    await this.run('nightly').catch((e: unknown) => this.logger.error(`Segment refresh after the import failed: ${String(e)}`));
  }

  /** The cron run is a safety net: skipped when a nightly run already succeeded since midnight. */
  async runScheduled(): Promise<SegmentJobRunView | undefined> {
    const midnight = startOfLocalDay(this.clock.now(), this.config.DEFAULT_TIME_ZONE);
    const earlier = await this.runs.findOne({ where: { trigger: 'nightly', startedAt: MoreThanOrEqual(midnight), status: 'succeeded' } });
    if (earlier) {
      this.logger.log(`Segments already refreshed today (run ${earlier.id}); the scheduled run is skipped`);
      return undefined;
    }
    return this.run('nightly');
  }

  /** Answers undefined when another instance is running it; `progress` hears of each segment done. */
  run(trigger: SegmentRefreshTrigger, progress?: RefreshProgress): Promise<SegmentJobRunView | undefined> {
    return this.locks.runExclusive(LOCK, LOCK_TTL_MS, () => this.refreshAll(trigger, progress));
  }

  async list(page: PageQuery): Promise<Page<SegmentJobRunView>> {
    const [rows, total] = await this.runs.findAndCount({ order: { startedAt: 'DESC' }, skip: page.offset, take: page.pageSize });
    return { items: rows.map(toJobRunView), total, page: page.page, pageSize: page.pageSize };
  }

  private async refreshAll(trigger: SegmentRefreshTrigger, progress?: RefreshProgress): Promise<SegmentJobRunView> {
    const started = performance.now();
    // the nightly run takes the segments marked nightly; a run started by a person takes them all
    const where = trigger === 'nightly' ? { archivedAt: IsNull(), nightly: true } : { archivedAt: IsNull() };
    const segments = await this.segments.find({ where, order: { createdAt: 'ASC' } });
    const run: SegmentJobRun = Object.assign(new SegmentJobRun(), {
      id: randomUUID(),
      trigger,
      status: 'running',
      startedAt: this.clock.now(),
      finishedAt: null,
      segments: segments.length,
      succeeded: 0,
      failed: 0,
      entered: 0,
      exited: 0,
      ms: null,
      failures: [],
    } satisfies SegmentJobRun);
    await this.runs.insert(run);
    for (const segment of segments) {
      try {
        const done = await this.refresher.refresh(segment.id, { trigger, jobRunId: run.id, createdBy: `${trigger}-job` });
        run.succeeded += 1;
        run.entered += done.entered;
        run.exited += done.exited;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        run.failed += 1;
        run.failures.push({ segmentId: segment.id, name: segment.name, error: message });
        this.logger.error(`Segment ${segment.name} (${segment.id}) did not refresh: ${message}`);
      }
      progress?.(run.succeeded + run.failed, run.segments, segment.name);
    }
    run.status = run.failed === 0 ? 'succeeded' : run.succeeded === 0 ? 'failed' : 'partial';
    run.finishedAt = this.clock.now();
    run.ms = Math.round(performance.now() - started);
    await this.runs.save(run);
    this.logger.log(`Segment refresh (${trigger}): ${run.succeeded}/${run.segments} refreshed, ${run.entered} entered, ${run.exited} exited, ${run.ms} ms`);
    return toJobRunView(run);
  }
}

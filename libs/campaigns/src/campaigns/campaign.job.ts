import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig, JobLockService } from '@app/core';
import { CampaignLifecycle } from './campaign-lifecycle.service';

const LOCK = 'campaigns-plan';
const LOCK_TTL_MS = 30 * 60 * 1000;

/** The campaign job, one instance at a time: starts, completes and plans campaigns on CAMPAIGN_PLAN_SCHEDULE. */
@Injectable()
export class CampaignJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(CampaignJob.name);

  constructor(
    private readonly config: AppConfig,
    private readonly locks: JobLockService,
    private readonly lifecycle: CampaignLifecycle,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_ENABLED) return;
    const job = CronJob.from({
      cronTime: this.config.CAMPAIGN_PLAN_SCHEDULE,
      onTick: () => void this.run().catch((e: unknown) => this.logger.error(String(e))),
      timeZone: this.config.DEFAULT_TIME_ZONE,
      start: true,
    });
    this.scheduler.addCronJob(LOCK, job);
  }

  run() {
    return this.locks.runExclusive(LOCK, LOCK_TTL_MS, () => this.lifecycle.tick());
  }
}

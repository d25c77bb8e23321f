import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DemoDataLoader } from '@app/customers';
import { SegmentRefreshJob } from '../refresh/segment-refresh.job';
import { LIFECYCLE_TEMPLATES } from '../rules/templates';
import { Segment } from './segment.entity';
import { SegmentsService } from './segments.service';

/**
 * When this start loaded the demo customers, the six lifecycle segments are created from their
 * templates and refreshed, so the console shows segments with members from the first minute.
 * It runs after start-up, never holding it up.
 */
@Injectable()
export class SegmentsDemoLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(SegmentsDemoLoader.name);
  /** Settles when the demo segments are in (or were not needed). */
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly customersDemo: DemoDataLoader,
    private readonly segments: SegmentsService,
    private readonly job: SegmentRefreshJob,
    @InjectRepository(Segment) private readonly repository: Repository<Segment>,
  ) {}

  onApplicationBootstrap(): void {
    this.done = this.customersDemo.ready
      .then((loaded) => (loaded ? this.seed() : undefined))
      .catch((e: unknown) => this.logger.error(`Demo segments were not created: ${String(e)}`));
  }

  private async seed(): Promise<void> {
    if ((await this.repository.count({ take: 1 })) > 0) return;
    for (const t of LIFECYCLE_TEMPLATES) {
      await this.segments.create({ name: t.name, description: t.description, templateKey: t.key }, { userId: null, username: 'demo' });
    }
    const run = await this.job.run('manual');
    this.logger.log(`Demo segments: ${LIFECYCLE_TEMPLATES.length} lifecycle segments, ${run?.entered ?? 0} memberships`);
  }
}

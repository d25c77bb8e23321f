import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DemoDataLoader } from '@app/customers';
import { DEMO_SCRIPTS } from '../text/demo-scripts';
import { Script } from './script.entity';
import { ScriptsService } from './scripts.service';

/**
 * When this start loaded the demo customers and there are no scripts yet, the bank's scripts
 * (new-account call for agents and the AI, points and dormant-account SMS, near-upgrade offer,
 * online banking reminder) are created through the same checks as any saved script.
 */
@Injectable()
export class ScriptsDemoLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScriptsDemoLoader.name);
  /** Settles when the demo scripts are in (or were not needed). */
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly customersDemo: DemoDataLoader,
    private readonly scripts: ScriptsService,
    @InjectRepository(Script) private readonly repository: Repository<Script>,
  ) {}

  onApplicationBootstrap(): void {
    this.done = this.customersDemo.ready
      .then((loaded) => (loaded ? this.seed() : undefined))
      .catch((e: unknown) => this.logger.error(`Demo scripts were not created: ${String(e)}`));
  }

  private async seed(): Promise<void> {
    if ((await this.repository.count({ take: 1 })) > 0) return;
    for (const s of DEMO_SCRIPTS) {
      await this.scripts.create({ name: s.name, description: s.description, kind: s.kind, body: s.body }, { userId: null, username: 'demo' });
    }
    this.logger.log(`Demo scripts: ${DEMO_SCRIPTS.length} scripts`);
  }
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig, Clock, JobLockService } from '@app/core';
import { CustomerImportUseCase } from './customer-import.use-case';
import { FEEDS_IMPORTED, FeedsImportedEvent } from './feed-events';
import { fileSource } from './feed-reader';
import { ImportRunsService } from './import-runs.service';

export interface NightlyFileOutcome {
  file: string;
  status: 'imported' | 'already_imported' | 'failed';
  runId?: string;
  reason?: string;
}

const LOCK = 'nightly-import';
const LOCK_TTL_MS = 3 * 60 * 60 * 1000;

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The feed's date from its name (`customers_20261122.csv`, `feed-2026-11-22.csv`), if it has one. */
export function asOfFromFileName(name: string): string | undefined {
  const m = /(20\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])/.exec(name);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/**
 * Picks up the warehouse's feed files from IMPORT_DIR: each imported exactly once (known by its
 * content hash), moved to done/ or, when refused whole, to failed/ with its reason; the next file
 * still runs. One instance runs it at a time (job lock).
 */
@Injectable()
export class NightlyImportJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(NightlyImportJob.name);

  constructor(
    private readonly config: AppConfig,
    private readonly locks: JobLockService,
    private readonly importer: CustomerImportUseCase,
    private readonly runs: ImportRunsService,
    private readonly scheduler: SchedulerRegistry,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_ENABLED) return;
    const job = CronJob.from({ cronTime: this.config.IMPORT_SCHEDULE, onTick: () => void this.run().catch((e: unknown) => this.logger.error(String(e))), timeZone: this.config.DEFAULT_TIME_ZONE, start: true });
    this.scheduler.addCronJob(LOCK, job);
  }

  /** Answers undefined when another instance holds the lock. Tells the segments when feeds came in. */
  async run(): Promise<NightlyFileOutcome[] | undefined> {
    const outcomes = await this.locks.runExclusive(LOCK, LOCK_TTL_MS, () => this.processDirectory());
    const imported = (outcomes ?? []).filter((o) => o.status === 'imported').map((o) => o.runId as string);
    if (imported.length) await this.events.emitAsync(FEEDS_IMPORTED, new FeedsImportedEvent(imported, this.clock.now()));
    return outcomes;
  }

  private async processDirectory(): Promise<NightlyFileOutcome[]> {
    const dir = this.config.importDir;
    await mkdir(join(dir, 'done'), { recursive: true });
    await mkdir(join(dir, 'failed'), { recursive: true });
    const names = (await readdir(dir)).filter((n) => /\.csv$/i.test(n)).sort();
    const outcomes: NightlyFileOutcome[] = [];
    for (const name of names) {
      const path = join(dir, name);
      if (!(await stat(path)).isFile()) continue;
      outcomes.push(await this.processFile(path));
    }
    if (outcomes.length) this.logger.log(`Nightly import: ${outcomes.map((o) => `${o.file} ${o.status}`).join(', ')}`);
    return outcomes;
  }

  private async processFile(path: string): Promise<NightlyFileOutcome> {
    const file = basename(path);
    try {
      const hash = await sha256(path);
      const earlier = await this.runs.findSucceededByHash(hash);
      if (earlier) {
        await this.moveTo(path, 'done');
        return { file, status: 'already_imported', runId: earlier.id };
      }
      const result = await this.importer.execute({ source: fileSource(path), fileName: file, fileHash: hash, origin: 'nightly', asOf: asOfFromFileName(file), createdBy: 'nightly-job' });
      await this.moveTo(path, 'done');
      return { file, status: 'imported', runId: result.runId };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const moved = await this.moveTo(path, 'failed').catch(() => path);
      await writeFile(`${moved}.reason.txt`, reason + '\n').catch(() => undefined);
      this.logger.warn(`Feed ${file} failed: ${reason}`);
      return { file, status: 'failed', reason };
    }
  }

  private async moveTo(path: string, folder: 'done' | 'failed'): Promise<string> {
    let target = join(this.config.importDir, folder, basename(path));
    if (await stat(target).then(() => true, () => false)) target = `${target}.${Date.now()}`;
    await rename(path, target);
    return target;
  }
}

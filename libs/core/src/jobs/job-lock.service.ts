import { hostname } from 'node:os';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { Clock } from '../clock/clock';
import { execute, isPostgres, query } from '../database/sql';

/** How long a shutdown waits for scheduled jobs under way (a refresh, the nightly import) to finish. */
export const JOB_DRAIN_MS = 20_000;

/**
 * A portable cluster lock for scheduled jobs: one conditional UPDATE that checks the affected
 * count (after Vendure), with an expiry so a crashed holder cannot keep it forever. On shutdown no
 * job starts any more, and the ones under way are waited for (at most JOB_DRAIN_MS) before the
 * database closes, so a refresh is not cut off half-written and its lock row is released.
 */
@Injectable()
export class JobLockService implements OnModuleDestroy, BeforeApplicationShutdown {
  readonly owner = `${hostname()}:${process.pid}`;
  private readonly logger = new Logger(JobLockService.name);
  private readonly running = new Set<Promise<unknown>>();
  private draining = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async tryAcquire(name: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    await execute(this.dataSource, 'INSERT INTO job_locks (name) VALUES (:name) ON CONFLICT (name) DO NOTHING', { name });
    const taken = await execute(
      this.dataSource,
      'UPDATE job_locks SET owner = :owner, locked_until = :until WHERE name = :name AND (locked_until IS NULL OR locked_until < :now OR owner = :owner)',
      { owner: this.owner, until: new Date(now.getTime() + ttlMs), name, now },
    );
    return taken === 1;
  }

  async release(name: string): Promise<void> {
    await execute(this.dataSource, 'UPDATE job_locks SET locked_until = NULL WHERE name = :name AND owner = :owner', { name, owner: this.owner });
  }

  /**
   * Runs `task` if the lock is free; answers undefined when another holder has it. On PostgreSQL
   * a session advisory lock is taken first, held on its own connection for the whole task, so a
   * task that outlives the row lock's expiry still runs on one instance only; the row records who.
   */
  async runExclusive<T>(name: string, ttlMs: number, task: () => Promise<T>): Promise<T | undefined> {
    if (this.draining) return undefined;
    const run = this.exclusive(name, ttlMs, task);
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  onModuleDestroy(): void {
    this.draining = true;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.running.size) return;
    this.logger.log(`shutting down: waiting for ${this.running.size} scheduled job(s) under way`);
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      Promise.allSettled([...this.running]).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), JOB_DRAIN_MS))),
    ]);
    clearTimeout(timer);
    if (late) this.logger.warn(`shutting down with ${this.running.size} scheduled job(s) still running after ${JOB_DRAIN_MS} ms; their locks expire on their own`);
  }

  private async exclusive<T>(name: string, ttlMs: number, task: () => Promise<T>): Promise<T | undefined> {
    const advisory = isPostgres(this.dataSource) ? this.dataSource.createQueryRunner() : undefined;
    const key = { key: `job:${name}` };
    let advised = false;
    try {
      if (advisory) {
        const [row] = await query<{ locked: boolean }>(advisory, 'SELECT pg_try_advisory_lock(hashtext(:key)) AS locked', key);
        advised = row?.locked === true;
        if (!advised) return undefined;
      }
      if (!(await this.tryAcquire(name, ttlMs))) return undefined;
      try {
        return await task();
      } finally {
        await this.release(name);
      }
    } finally {
      if (advised) await query(advisory as QueryRunner, 'SELECT pg_advisory_unlock(hashtext(:key))', key);
      await advisory?.release();
    }
  }
}

import type { DataSource } from 'typeorm';
import { type Clock, JobLockService } from '@app/core';

/** Another instance's job-lock service on the same database. */
export class OtherInstanceLock extends JobLockService {
  override readonly owner = 'other-host:42';
}

/** Another instance holding a job's row lock until the answer is called. */
export async function holdRowLock(dataSource: DataSource, clock: Clock, name: string): Promise<() => Promise<void>> {
  const other = new OtherInstanceLock(dataSource, clock);
  if (!(await other.tryAcquire(name, 60_000))) throw new Error(`${name} is already locked`);
  return () => other.release(name);
}

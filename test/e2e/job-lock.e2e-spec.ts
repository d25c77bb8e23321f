import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Clock, JobLockService } from '@app/core';
import { OtherInstanceLock } from '../support/other-instance';
import { createTestApp, type TestApp } from '../support/test-app';

describe('job locks on the database (e2e)', () => {
  let t: TestApp;
  let mine: JobLockService;
  let theirs: JobLockService;

  beforeAll(async () => {
    t = await createTestApp();
    mine = t.app.get(JobLockService);
    theirs = new OtherInstanceLock(t.app.get(DataSource), t.app.get(Clock));
  });
  afterAll(() => t.close());

  it('lets one holder at a time run a job, until it releases or its lock expires', async () => {
    expect(await mine.tryAcquire('segments-refresh', 60_000)).toBe(true);
    expect(await theirs.tryAcquire('segments-refresh', 60_000)).toBe(false);
    await mine.release('segments-refresh');
    expect(await theirs.tryAcquire('segments-refresh', 60_000)).toBe(true);
    // the holder crashed: after the expiry another instance takes over
    t.clock.advance(61_000);
    expect(await mine.tryAcquire('segments-refresh', 60_000)).toBe(true);
  });

  it('skips the task when another instance holds the lock', async () => {
    expect(await theirs.tryAcquire('nightly-import', 60_000)).toBe(true);
    let ran = false;
    const result = await mine.runExclusive('nightly-import', 60_000, async () => {
      ran = true;
      return 'done';
    });
    expect(result).toBeUndefined();
    expect(ran).toBe(false);
  });
});

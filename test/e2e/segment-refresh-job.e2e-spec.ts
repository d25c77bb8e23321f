import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Clock, isPostgres } from '@app/core';
import { NightlyImportJob } from '@app/customers';
import { SegmentRefreshJob } from '@app/segments';
import { feedCsv, feedRow } from '../support/feed';
import { holdRowLock } from '../support/other-instance';
import { createTestApp, type TestApp } from '../support/test-app';

describe('the nightly segment refresh (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let job: SegmentRefreshJob;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin', 'Kx7-bank-2026');
    job = t.app.get(SegmentRefreshJob);
  });
  afterAll(() => t.close());

  it('refreshes the nightly segments right after the nightly import brings a feed', async () => {
    const inactive = (await t.http.post('/api/segments').set(as(admin)).send({ name: '网银未激活', templateKey: 'online_banking_inactive' })).body;
    const onDemand = (await t.http.post('/api/segments').set(as(admin)).send({ name: '按需刷新', templateKey: 'online_banking_inactive', nightly: false })).body;
    const dir = join(t.db.dataDir, 'import');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'customers_20261122.csv'), feedCsv([feedRow(1, { online_banking_activated: 'N' }), feedRow(2, { online_banking_activated: 'N' }), feedRow(3)]));
    await t.app.get(NightlyImportJob).run();

    const runs = (await t.http.get('/api/segments/refresh-jobs').set(as(admin))).body;
    expect(runs.items).toEqual([expect.objectContaining({ trigger: 'nightly', status: 'succeeded', segments: 1, succeeded: 1, entered: 2, exited: 0 })]);
    expect((await t.http.get(`/api/segments/${inactive.id}`).set(as(admin))).body).toMatchObject({ members: 2, lastRefresh: { trigger: 'nightly', createdBy: 'nightly-job' } });
    expect((await t.http.get(`/api/segments/${onDemand.id}`).set(as(admin))).body).toMatchObject({ members: 0, lastRefresh: null });
  });

  it('skips the scheduled run when the segments were already refreshed today, and runs it the next day', async () => {
    expect(await job.runScheduled()).toBeUndefined();
    t.clock.advance(86_400_000);
    try {
      expect(await job.runScheduled()).toMatchObject({ trigger: 'nightly', status: 'succeeded' });
    } finally {
      t.clock.advance(-86_400_000);
    }
  });

  it('runs on one instance at a time: while another holds the lock, a run is refused', async () => {
    const dataSource = t.app.get(DataSource);
    const release = isPostgres(dataSource) ? await holdAdvisoryLock(dataSource) : await holdRowLock(dataSource, t.app.get(Clock), 'segments-refresh');
    try {
      expect(await job.run('cli')).toBeUndefined();
      const refused = await t.http.post('/api/segments/refresh-jobs').set(as(admin));
      expect(refused.status).toBe(409);
    } finally {
      await release();
    }
    expect((await t.http.post('/api/segments/refresh-jobs').set(as(admin))).status).toBe(201);
  });
});

/** Another instance's session holding the PostgreSQL advisory lock of the job. */
async function holdAdvisoryLock(dataSource: DataSource): Promise<() => Promise<void>> {
  const other = dataSource.createQueryRunner();
  await other.query("SELECT pg_advisory_lock(hashtext('job:segments-refresh'))");
  return async () => {
    await other.query("SELECT pg_advisory_unlock(hashtext('job:segments-refresh'))");
    await other.release();
  };
}

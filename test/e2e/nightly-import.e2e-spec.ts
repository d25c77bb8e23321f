import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NightlyImportJob } from '@app/customers';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';

describe('the nightly import of IMPORT_DIR (e2e)', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    dir = join(t.db.dataDir, 'import');
    mkdirSync(dir, { recursive: true });
  });
  afterAll(() => t.close());

  it('imports each new file once, moves it to done/, sets a failed one aside with its reason and goes on', async () => {
    writeFileSync(join(dir, 'customers_20261121.csv'), feedCsv([feedRow(1, { last_txn_at: '2026-11-01' }), feedRow(2, { last_txn_at: '2026-11-01' })]));
    writeFileSync(join(dir, 'customers_20261122.csv'), 'this is not,a feed\n1,2\n');
    writeFileSync(join(dir, 'customers_20261123.csv'), feedCsv([feedRow(1, { last_txn_at: '2026-11-01' }), feedRow(3, { last_txn_at: '2026-11-01' })]));
    const job = t.app.get(NightlyImportJob);
    const outcomes = await job.run();
    expect(outcomes?.map((o) => [o.file, o.status])).toEqual([
      ['customers_20261121.csv', 'imported'],
      ['customers_20261122.csv', 'failed'],
      ['customers_20261123.csv', 'imported'],
    ]);
    expect(readdirSync(join(dir, 'done')).sort()).toEqual(['customers_20261121.csv', 'customers_20261123.csv']);
    expect(readdirSync(dir).filter((n) => n.endsWith('.csv'))).toEqual([]);
    const reason = readFileSync(join(dir, 'failed', 'customers_20261122.csv.reason.txt'), 'utf8');
    expect(reason).toContain('表头');

    const admin = await t.login('admin', 'Kx7-bank-2026');
    const runs = (await t.http.get('/api/imports').set('Authorization', `Bearer ${admin}`)).body.items;
    const nightly = runs.filter((r: { source: string }) => r.source === 'nightly');
    expect(nightly.map((r: { fileName: string; asOf: string; status: string; imported: number }) => [r.fileName, r.asOf, r.status, r.imported]).sort()).toEqual([
      ['customers_20261121.csv', '2026-11-21', 'succeeded', 2],
      ['customers_20261122.csv', '2026-11-22', 'failed', 0],
      ['customers_20261123.csv', '2026-11-23', 'succeeded', 1],
    ]);
  });

  it('recognizes a file it already imported by its content, even under another name', async () => {
    const content = readFileSync(join(dir, 'done', 'customers_20261121.csv'));
    writeFileSync(join(dir, 'resent-copy.csv'), content);
    const outcomes = await t.app.get(NightlyImportJob).run();
    expect(outcomes).toEqual([expect.objectContaining({ file: 'resent-copy.csv', status: 'already_imported' })]);
    expect(existsSync(join(dir, 'done', 'resent-copy.csv'))).toBe(true);
  });
});

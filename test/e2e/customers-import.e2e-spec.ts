import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { query } from '@app/core';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';

describe('warehouse feed import (e2e)', () => {
  let t: TestApp;
  let auth: { Authorization: string };

  const upload = (csv: string | Buffer, asOf = '2026-11-22', name = 'feed.csv') =>
    t.http.post(`/api/customers/import?asOf=${asOf}`).set(auth).attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv), name);

  beforeAll(async () => {
    t = await createTestApp();
    auth = { Authorization: `Bearer ${await t.userToken('campaign_manager', 'manager1')}` };
  });
  afterAll(() => t.close());

  it('imports good rows and reports each bad one with its line and column', async () => {
    const csv = feedCsv([
      feedRow(1),
      feedRow(2, { uscc: '91330100000000020X' }),
      feedRow(3, { phone: '12345', avg_daily_balance: '-5.00' }),
      feedRow(4, { phone: '+86 139-0000-0004', avg_daily_balance: '1,234.5' }),
      feedRow(5, { opened_at: '2026-02-30', tier: '7' }),
      feedRow(6, { online_banking_activated: '是', consent_sms: '否', last_txn_at: '' }),
      feedRow(7, { avg_daily_balance: '10.123' }),
    ]);
    const res = await upload(csv);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 3, updated: 0, unchanged: 0, rejectedCount: 6, warnings: [] });
    expect(res.body.rejected.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [3, 'uscc'],
      [4, 'phone'],
      [4, 'avg_daily_balance'],
      [6, 'opened_at'],
      [6, 'tier'],
      [8, 'avg_daily_balance'],
    ]);
    expect(res.body.rejected[0]).toMatchObject({ code: 'uscc_checksum' });
    expect(res.body.rejected[2]).toMatchObject({ code: 'money_negative' });

    const list = await t.http.get('/api/customers?search=C0000000004').set(auth);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ customerNo: 'C0000000004', phoneMasked: '139****0004', avgDailyBalanceFen: 123450 });
    const six = (await t.http.get('/api/customers?customerNo=C0000000006').set(auth)).body.items[0];
    expect(six).toMatchObject({ lastTxnAt: null, onlineBankingActivated: true });
  });

  it('changes nothing when the same file comes twice, and counts a changed row as updated', async () => {
    const rows = [feedRow(11), feedRow(12), feedRow(13)];
    const first = await upload(feedCsv(rows));
    expect(first.body).toMatchObject({ imported: 3, updated: 0, unchanged: 0 });
    const again = await upload(feedCsv(rows));
    expect(again.body).toMatchObject({ imported: 0, updated: 0, unchanged: 3, rejectedCount: 0 });
    rows[1] = feedRow(12, { company_name: '杭州测试12号科技有限公司', tier: '3' });
    const changed = await upload(feedCsv(rows));
    expect(changed.body).toMatchObject({ imported: 0, updated: 1, unchanged: 2 });
    const customer = (await t.http.get('/api/customers?customerNo=C0000000012').set(auth)).body.items[0];
    expect(customer).toMatchObject({ companyName: '杭州测试12号科技有限公司', tier: 3 });
  });

  it('keeps one history row per customer and feed date', async () => {
    const earlier = await upload(feedCsv([feedRow(21, { avg_daily_balance: '1000.00', last_txn_at: '2026-10-01' })]), '2026-10-23');
    expect(earlier.body).toMatchObject({ imported: 1, asOf: '2026-10-23' });
    await upload(feedCsv([feedRow(21, { avg_daily_balance: '600.00', last_txn_at: '2026-10-01' })]), '2026-11-22');
    const ds = t.app.get(DataSource);
    const rows = await query<{ feed_date: unknown; avg_daily_balance_fen: number }>(
      ds,
      'SELECT d.feed_date, d.avg_daily_balance_fen FROM customer_daily d JOIN customers c ON c.id = d.customer_id WHERE c.customer_no = :no ORDER BY d.feed_date',
      { no: 'C0000000021' },
    );
    expect(rows.map((r) => Number(r.avg_daily_balance_fen))).toEqual([100000, 60000]);
  });

  it('reads UTF-8 with a BOM, GB18030 and a text/csv body alike', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(feedCsv([feedRow(31, { company_name: '宁波甬江贸易有限公司' })]))]);
    expect((await upload(bom)).body).toMatchObject({ imported: 1, encoding: 'utf-8-bom' });
    const gb = iconv.encode(feedCsv([feedRow(32, { company_name: '温州瓯海鞋业有限公司', legal_rep_name: '陈晓明' })]), 'gb18030');
    expect((await upload(gb)).body).toMatchObject({ imported: 1, encoding: 'gb18030' });
    const body = await t.http.post('/api/customers/import?asOf=2026-11-22').set(auth).set('Content-Type', 'text/csv').send(feedCsv([feedRow(33)]));
    expect(body.status).toBe(201);
    expect(body.body).toMatchObject({ imported: 1, encoding: 'utf-8' });
    const gbCustomer = (await t.http.get('/api/customers?customerNo=C0000000032').set(auth)).body.items[0];
    expect(gbCustomer).toMatchObject({ companyName: '温州瓯海鞋业有限公司', legalRepName: '陈晓明' });
  });

  it('refuses a file whole when a required column is missing, there is no header, or it is not text', async () => {
    const columns = ['customer_no', 'company_name', 'uscc'];
    const missing = await upload(feedCsv([feedRow(41)], columns));
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('feed_missing_columns');
    expect(missing.body.message).toContain('phone');
    const noHeader = await upload(feedCsv([feedRow(42)]).split('\n').slice(1).join('\n'));
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error).toBe('feed_no_header');
    const binary = await upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), '2026-11-22', 'feed.xlsx');
    expect(binary.status).toBe(400);
    expect(binary.body.error).toBe('feed_binary');
    const empty = await upload(Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const runs = await t.http.get('/api/imports?pageSize=50').set(auth);
    expect(runs.body.items.filter((r: { status: string }) => r.status === 'failed').length).toBeGreaterThanOrEqual(3);
    expect((await t.http.get('/api/customers?customerNo=C0000000041').set(auth)).body.total).toBe(0);
  });

  it('ignores unknown columns with a warning and refuses later duplicates of a customer number', async () => {
    const columns = [...Object.keys(feedRow(0)), 'manager_note'];
    const csv = feedCsv([feedRow(51, { manager_note: 'x' }), feedRow(52), feedRow(51, { company_name: '重复的行' })], columns);
    const res = await upload(csv);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(2);
    expect(res.body.warnings[0]).toContain('manager_note');
    expect(res.body.rejected).toEqual([expect.objectContaining({ line: 4, field: 'customer_no', code: 'duplicate_customer_no' })]);
  });

  it('reports a row with a stray quote and one with missing columns, and still lands the rest', async () => {
    const good = feedCsv([feedRow(61), feedRow(62), feedRow(63)]).trimEnd().split('\n');
    const strayQuote = good[3].replace('杭州测试63号', '杭州"测试63号');
    const csv = [good[0], good[1], strayQuote, 'C0000000064,只有两列', good[2]].join('\n') + '\n';
    const res = await upload(csv);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(2);
    expect(res.body.rejected.map((r: { line: number; field: string; code: string }) => [r.line, r.field, r.code])).toEqual([
      [3, 'row', 'csv_syntax'],
      [4, 'row', 'column_count'],
    ]);
  });

  it('answers an upload under the wrong field or with no body with 400', async () => {
    const wrongField = await t.http.post('/api/customers/import').set(auth).attach('upload', Buffer.from(feedCsv([feedRow(72)])), 'feed.csv');
    expect(wrongField.status).toBe(400);
    const noBody = await t.http.post('/api/customers/import').set(auth).send({ rows: [] });
    expect(noBody.status).toBe(400);
    expect(noBody.body.fields).toEqual([expect.objectContaining({ field: 'file' })]);
  });

  it('answers a bad asOf with 400 naming the parameter', async () => {
    const res = await upload(feedCsv([feedRow(71)]), '2026-13-01');
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ field: 'asOf' })]);
  });

  it('lists runs and serves the rejected rows as a CSV download', async () => {
    const res = await upload(feedCsv([feedRow(81), feedRow(82, { phone: 'abc' })]));
    const csv = await t.http.get(`/api/imports/${res.body.runId}/rejections.csv`).set(auth);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[1]).toMatch(/^3,phone,/);
    const run = await t.http.get(`/api/imports/${res.body.runId}`).set(auth);
    expect(run.body).toMatchObject({ status: 'succeeded', imported: 1, rejected: 1, source: 'upload', createdBy: 'manager1', asOf: '2026-11-22' });
    expect((await t.http.get('/api/imports/7d0c1a7e-0000-4000-8000-000000000000').set(auth)).status).toBe(404);
  });
});

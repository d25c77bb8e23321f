import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';

describe('finding customers, masking and audit (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let supervisor: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin', 'Kx7-bank-2026');
    agent = await t.userToken('agent', 'agent007');
    supervisor = await t.userToken('supervisor', 'sup01');
    const rows = [
      feedRow(1, { company_name: '杭州西湖茶叶有限公司', phone: '13912345678', branch_code: 'BR001', tier: '1' }),
      feedRow(2, { company_name: '宁波港通物流有限公司', branch_code: 'BR002', tier: '3' }),
      feedRow(3, { company_name: '杭州滨江电子科技有限公司', branch_code: 'BR001', tier: '3' }),
      ...Array.from({ length: 30 }, (_, i) => feedRow(100 + i, { company_name: `温州${i}号鞋业有限公司`, branch_code: 'BR009', tier: '0' })),
    ];
    const res = await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(feedCsv(rows)), 'feed.csv');
    expect(res.body.imported).toBe(33);
  });
  afterAll(() => t.close());

  it('searches across customer number and company name, and filters by branch and tier', async () => {
    const byName = await t.http.get('/api/customers').query({ search: '杭州' }).set(as(agent));
    expect(byName.body.items.map((c: { companyName: string }) => c.companyName)).toEqual(['杭州西湖茶叶有限公司', '杭州滨江电子科技有限公司']);
    // the agent is of branch BR001 (issue 10: customers of other branches are not theirs to see)
    const byNo = await t.http.get('/api/customers').query({ search: 'C0000000002' }).set(as(admin));
    expect(byNo.body.items.map((c: { companyName: string }) => c.companyName)).toEqual(['宁波港通物流有限公司']);
    const filtered = await t.http.get('/api/customers').query({ branchCode: 'BR001', tier: 3 }).set(as(agent));
    expect(filtered.body).toMatchObject({ total: 1, items: [{ customerNo: 'C0000000003' }] });
    const wildcard = await t.http.get('/api/customers').query({ search: '%' }).set(as(agent));
    expect(wildcard.body.total).toBe(0);
  });

  it('pages through results', async () => {
    const page2 = await t.http.get('/api/customers').query({ branchCode: 'BR009', page: 2, pageSize: 20 }).set(as(admin));
    expect(page2.body).toMatchObject({ total: 30, page: 2, pageSize: 20 });
    expect(page2.body.items).toHaveLength(10);
  });

  it('answers bad query parameters with 400 and the field', async () => {
    const tier = await t.http.get('/api/customers').query({ tier: 9 }).set(as(agent));
    expect(tier.status).toBe(400);
    expect(tier.body.fields[0].field).toBe('tier');
    const size = await t.http.get('/api/customers').query({ pageSize: 'many' }).set(as(agent));
    expect(size.status).toBe(400);
    expect(size.body.fields[0].field).toBe('pageSize');
    const unknown = await t.http.get('/api/customers').query({ orderBy: 'phone' }).set(as(agent));
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields[0].field).toBe('orderBy');
    expect((await t.http.get('/api/customers/abc').set(as(agent))).status).toBe(400);
    expect((await t.http.get('/api/customers/999999').set(as(agent))).status).toBe(404);
  });

  it('shows an agent only the masked phone, with its empty timeline', async () => {
    const list = await t.http.get('/api/customers').query({ customerNo: 'C0000000001' }).set(as(agent));
    const summary = list.body.items[0];
    expect(summary.phoneMasked).toBe('139****5678');
    expect(JSON.stringify(list.body)).not.toContain('13912345678');
    const detail = await t.http.get(`/api/customers/${summary.id}`).set(as(agent));
    expect(detail.body).toMatchObject({ phoneMasked: '139****5678', canRevealContact: false, timeline: [], uscc: expect.any(String), timeZone: 'Asia/Shanghai' });
    expect(JSON.stringify(detail.body)).not.toContain('13912345678');
    const reveal = await t.http.post(`/api/customers/${summary.id}/contact`).set(as(agent));
    expect(reveal.status).toBe(403);
  });

  it('lets a supervisor see the full number, and writes who, whom and when to the audit log', async () => {
    const summary = (await t.http.get('/api/customers').query({ customerNo: 'C0000000001' }).set(as(supervisor))).body.items[0];
    const detail = await t.http.get(`/api/customers/${summary.id}`).set(as(supervisor));
    expect(detail.body.canRevealContact).toBe(true);
    const reveal = await t.http.post(`/api/customers/${summary.id}/contact`).set(as(supervisor));
    expect(reveal.status).toBe(200);
    expect(reveal.body).toEqual({ phone: '+8613912345678' });
    const audit = await t.http.get('/api/audit').query({ action: 'customer.contact.view' }).set(as(admin));
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ actorName: 'sup01', targetType: 'customer', targetId: String(summary.id), detail: { customerNo: 'C0000000001', fields: ['phone'] } });
    expect(new Date(audit.body.items[0].at).toISOString()).toBe('2026-11-23T02:00:00.000Z');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DoNotContactService } from '@app/campaigns';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';

/** The global policy, the bank's calendar entries, the do-not-contact list and "why" answers, through HTTP. */
describe('contact policy, calendar and do-not-contact (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const no = (n: number) => `C${String(n).padStart(10, '0')}`;
  // customers 4 and 5: two companies with one contact person, so one mobile number
  const SHARED_PHONE = '13957000045';
  const why = (body: Record<string, unknown>) => t.http.post('/api/contact-policy/evaluate').set(as(admin)).send({ channel: 'agent_call', purpose: 'marketing', ...body });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin', 'Kx7-bank-2026');
    const csv = feedCsv([...[1, 2, 3].map((n) => feedRow(n)), ...[4, 5].map((n) => feedRow(n, { phone: SHARED_PHONE }))]);
    expect((await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(csv), 'feed.csv')).body.imported).toBe(5);
  });
  afterAll(() => t.close());

  it('shows the default policy and where the official calendar ends', async () => {
    const res = await t.http.get('/api/contact-policy').set(as(admin));
    expect(res.body.settings).toEqual({
      hours: { call: { start: '09:00', end: '20:00', days: 'workdays' }, sms: { start: '08:00', end: '21:00', days: 'all_but_holidays' } },
      caps: { call: { max: 1, days: 7 }, sms: { max: 2, days: 7 } },
      maxAttempts: 3,
      retryMinutes: { busy: 30, no_answer: 120, failed: null, undelivered: null },
    });
    expect(res.body.calendar.knownThrough).toBe('2026-12-31');
    const health = await t.http.get('/api/health');
    expect(health.body.calendar).toMatchObject({ knownThrough: '2026-12-31', daysLeft: 38 });
    expect(health.body.calendar.warning).toContain('2026-12-31');
  });

  it('refuses a bad policy with the path of each fault, and keeps the old one', async () => {
    const current = (await t.http.get('/api/contact-policy').set(as(admin))).body.settings;
    const bad = { ...current, hours: { ...current.hours, call: { start: '21:00', end: '09:00', days: 'workdays' } }, caps: { ...current.caps, sms: { max: 0, days: 7 } } };
    const res = await t.http.put('/api/contact-policy').set(as(admin)).send({ settings: bad });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['settings.caps.sms.max']));
    expect(res.body.fields.map((f: { field: string }) => f.field).some((f: string) => f.startsWith('settings.hours.call'))).toBe(true);
    expect((await t.http.get('/api/contact-policy').set(as(admin))).body.settings).toEqual(current);
    const manager = await t.userToken('campaign_manager');
    expect((await t.http.put('/api/contact-policy').set(as(manager)).send({ settings: current })).status).toBe(403);
  });

  it('decides 2027 on weekdays until the bank adds its own calendar, then follows the entries', async () => {
    // Monday 2027-02-08 10:00 Shanghai: past the official data, decided as a weekday
    const before = await why({ customerNo: no(1), at: '2027-02-08T02:00:00Z' });
    expect(before.body.allowed).toBe(true);
    expect(before.body.trace.find((e: { rule: string }) => e.rule === 'calendar').detail.en).toContain('2026-12-31');
    const put = await t.http.put('/api/contact-policy/calendar').set(as(admin)).send({ date: '2027-02-08', kind: 'holiday', note: '春节（本行预设）' });
    expect(put.status).toBe(200);
    const after = await why({ customerNo: no(1), at: '2027-02-08T02:00:00Z' });
    expect(after.body).toMatchObject({ allowed: false, nextAllowedAt: '2027-02-09T01:00:00.000Z' });
    expect(after.body.trace.find((e: { rule: string }) => e.rule === 'calendar').passed).toBe(false);
    const badDate = await t.http.put('/api/contact-policy/calendar').set(as(admin)).send({ date: '2027/02/08', kind: 'holiday', note: 'x' });
    expect(badDate.body.fields[0].field).toBe('date');
    expect((await t.http.delete('/api/contact-policy/calendar/2027-02-08').set(as(admin))).status).toBe(204);
    expect((await why({ customerNo: no(1), at: '2027-02-08T02:00:00Z' })).body.allowed).toBe(true);
  });

  it('answers "why" for Spring Festival 2026 and a 调休 Saturday', async () => {
    const festival = await why({ customerNo: no(1), at: '2026-02-17T02:00:00Z' });
    expect(festival.body.allowed).toBe(false);
    expect(festival.body.trace.find((e: { rule: string }) => e.rule === 'calendar').detail.zh).toContain('春节');
    const makeUp = await why({ customerNo: no(1), at: '2026-02-14T02:00:00Z' }); // Saturday, a make-up workday
    expect(makeUp.body.allowed).toBe(true);
    const unknown = await why({ customerNo: 'C404' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields[0].field).toBe('customerNo');
    const badChannel = await why({ customerNo: no(1), channel: 'fax' });
    expect(badChannel.body.fields[0].field).toBe('channel');
  });

  it('keeps a do-not-contact list by customer or phone, which agents can add to and only supervisors or admins remove from', async () => {
    const agent = await t.userToken('agent');
    const byPhone = await t.http.post('/api/do-not-contact').set(as(agent)).send({ phone: '139 1000 0002', channel: 'all', reason: '来电要求不再联系' });
    expect(byPhone.status).toBe(201);
    // a number on file: the entry shows whose it is
    expect(byPhone.body).toMatchObject({ customerNo: no(2), companyName: '杭州测试2号商贸有限公司', matchedByPhone: true, moreCustomers: 0, phoneMasked: '139****0002', channel: 'all', scope: 'marketing' });
    expect((await why({ customerNo: no(2) })).body.allowed).toBe(false);
    expect((await why({ customerNo: no(2), purpose: 'service' })).body.allowed).toBe(true);
    const badPhone = await t.http.post('/api/do-not-contact').set(as(admin)).send({ phone: '12345', channel: 'sms', reason: 'x' });
    expect([badPhone.status, badPhone.body.fields[0].field]).toEqual([400, 'phone']);
    const unknown = await t.http.post('/api/do-not-contact').set(as(admin)).send({ customerNo: 'C404', channel: 'sms', reason: 'x' });
    expect([unknown.status, unknown.body.fields[0].field]).toEqual([400, 'customerNo']);
    const past = await t.http.post('/api/do-not-contact').set(as(admin)).send({ customerNo: no(3), channel: 'sms', reason: 'x', until: '2020-01-01T00:00:00Z' });
    expect([past.status, past.body.fields[0].field]).toEqual([400, 'until']);
    const week = await t.http.post('/api/do-not-contact').set(as(admin)).send({ customerNo: no(3), channel: 'call', reason: '客户出差一周', until: '2026-11-30T00:00:00Z' });
    expect(week.status).toBe(201);
    expect((await why({ customerNo: no(3) })).body).toMatchObject({ allowed: false, nextAllowedAt: '2026-11-30T01:00:00.000Z' });

    expect((await t.http.get('/api/do-not-contact').set(as(agent))).status).toBe(403);
    const list = await t.http.get('/api/do-not-contact?search=0002').set(as(admin));
    expect(list.body.items.map((e: { id: number }) => e.id)).toEqual([byPhone.body.id]);
    expect((await t.http.delete(`/api/do-not-contact/${byPhone.body.id}`).set(as(agent))).status).toBe(403);
    expect((await t.http.delete(`/api/do-not-contact/${byPhone.body.id}`).set(as(admin))).status).toBe(204);
    expect((await t.http.delete(`/api/do-not-contact/${byPhone.body.id}`).set(as(admin))).status).toBe(404);
    expect((await why({ customerNo: no(2) })).body.allowed).toBe(true);
    const all = await t.http.get('/api/do-not-contact?active=false').set(as(admin));
    expect(all.body.total).toBe(2);
  });

  it('shows whose number an SMS 退订 came from, and finds it by customer number, company name or phone', async () => {
    // as the inbound SMS webhook files it: by the sender's number alone
    const reply = (phone: string) =>
      t.app.get(DoNotContactService).add({ phone, channel: 'sms', scope: 'marketing', reason: '客户短信回复“退订”', source: 'sms_keyword' }, { userId: null, username: '客户短信回复', role: null });
    const one = await reply('+8613910000001');
    const shared = await reply(`+86${SHARED_PHONE}`);
    const stranger = await reply('+8613800009999');
    const customer1 = (await t.http.get(`/api/customers?search=${no(1)}`).set(as(admin))).body.items[0];
    expect(one).toMatchObject({ customerId: customer1.id, customerNo: no(1), companyName: '杭州测试1号商贸有限公司', matchedByPhone: true, moreCustomers: 0, phoneMasked: '139****0001', source: 'sms_keyword' });
    expect(shared).toMatchObject({ customerNo: no(4), companyName: '杭州测试4号商贸有限公司', matchedByPhone: true, moreCustomers: 1, phoneMasked: '139****0045' });
    expect(stranger).toMatchObject({ customerId: null, customerNo: null, companyName: null, matchedByPhone: false, moreCustomers: 0, phoneMasked: '138****9999' });

    const found = async (search: string) => {
      const res = await t.http.get(`/api/do-not-contact?pageSize=100&search=${encodeURIComponent(search)}`).set(as(admin));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(res.body.items.length);
      return res.body.items.map((e: { id: number }) => e.id);
    };
    expect(await found(no(1))).toEqual([one.id]);
    expect(await found(no(1).toLowerCase())).toEqual([one.id]);
    expect(await found('测试1号')).toEqual([one.id]);
    expect(await found('0001')).toEqual([one.id]);
    // one entry for a number two companies share: found by either, listed once, shown with the first
    expect(await found(no(4))).toEqual([shared.id]);
    expect(await found(no(5))).toEqual([shared.id]);
    expect(await found('测试5号')).toEqual([shared.id]);
    const companies = await found('商贸有限公司');
    expect(companies).toEqual(expect.arrayContaining([one.id, shared.id]));
    expect(companies).not.toContain(stranger.id);
    expect(new Set(companies).size).toBe(companies.length);
    expect(await found('9999')).toEqual([stranger.id]);
    // LIKE's wildcards are searched for as themselves
    expect(await found('%')).toEqual([]);

    const listed = await t.http.get('/api/do-not-contact?pageSize=100').set(as(admin));
    const ids = listed.body.items.map((e: { id: number }) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(listed.body.total).toBe(ids.length);
    expect(listed.body.items.find((e: { id: number }) => e.id === shared.id)).toMatchObject({ customerNo: no(4), moreCustomers: 1 });
  });

  it('takes many opt-outs at once, more than the database pool has connections, and keeps every one with its audit entry', async () => {
    // each entry and its audit line are one transaction on one connection: 24 at once on a pool of 10 once locked the pool up
    const phones = Array.from({ length: 24 }, (_, i) => `+861370000${String(i).padStart(4, '0')}`);
    const answers = await Promise.all(phones.map((phone) => t.http.post('/api/do-not-contact').set(as(admin)).send({ phone, channel: 'call', reason: '客户要求不再来电' })));
    expect(answers.map((r) => r.status)).toEqual(phones.map(() => 201));
    const listed = await t.http.get('/api/do-not-contact?pageSize=100').set(as(admin));
    expect(listed.body.items.filter((e: { phoneMasked: string }) => e.phoneMasked.startsWith('137'))).toHaveLength(24);
    const audit = await t.http.get('/api/audit?action=do_not_contact.add&pageSize=100').set(as(admin));
    expect(audit.status).toBe(200);
    expect(audit.body.total).toBeGreaterThanOrEqual(24);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Conversation, ConversationTurn } from '@app/conversations';
import { customerNo as no } from '../support/dispatch-fixtures';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 10: a user with a branch sees only the customers of that branch, on every route that
 * answers customer data; a user without one (the remote center's own staff) and every admin see
 * all. Out of branch reads exactly as "does not exist"; in lists the rows are simply not there,
 * and a `branchCode` filter naming another branch matches nothing.
 *
 * Customers 1–3 belong to branch BR001 (A), 4–5 to BR002 (B).
 */
const A = ['BR001', [1, 2, 3]] as const;
const B = ['BR002', [4, 5]] as const;
const ALL = [...A[1], ...B[1]];

interface Caller {
  id: string;
  token: string;
}

describe('branch scoping: a user of branch A never sees branch B’s customers (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const users = {} as Record<'agentA' | 'agentB' | 'agentCenter' | 'supervisorA' | 'supervisorCenter' | 'managerA' | 'adminB', Caller>;
  const customerIds: Record<number, number> = {};
  let segmentId: string;
  let scriptId: string;
  let campaignId: string;
  const attemptIds: Record<number, number> = {};
  const dncIds: Record<string, number> = {};
  const as = (caller: Caller | string) => ({ Authorization: `Bearer ${typeof caller === 'string' ? caller : caller.token}` });
  const numbersOf = (items: Array<{ customerNo: string }>) => items.map((c) => c.customerNo).sort();
  const nos = (ns: readonly number[]) => ns.map(no);

  async function user(username: string, role: string, branchCode?: string): Promise<Caller> {
    const password = `Kx7-${Object.keys(users).length}-${role.length}-secret!`;
    const res = await t.http.post('/api/users').set(as(admin)).send({ username, password, role, ...(branchCode ? { branchCode } : {}) });
    expect(res.body.fields ?? res.status).toBe(201);
    expect(res.body.branchCode).toBe(branchCode ?? null);
    return { id: res.body.id, token: await t.login(username, password) };
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin', 'Kx7-bank-2026');
    Object.assign(users, {
      agentA: await user('agent_a', 'agent', A[0]),
      agentB: await user('agent_b', 'agent', B[0]),
      agentCenter: await user('agent_center', 'agent'),
      supervisorA: await user('super_a', 'supervisor', A[0]),
      supervisorCenter: await user('super_center', 'supervisor'),
      managerA: await user('manager_a', 'campaign_manager', A[0]),
      adminB: await user('admin_b', 'admin', B[0]),
    });

    const rows = [...A[1].map((n) => feedRow(n, { branch_code: A[0] })), ...B[1].map((n) => feedRow(n, { branch_code: B[0] }))];
    const imported = await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(feedCsv(rows)), 'feed.csv');
    expect(imported.body.rejected).toEqual([]);
    const listed = await t.http.get('/api/customers?pageSize=50').set(as(admin));
    for (const c of listed.body.items) customerIds[Number(c.customerNo.slice(1))] = c.id;
    expect(Object.keys(customerIds)).toHaveLength(ALL.length);

    const segment = await t.http.post('/api/segments').set(as(admin)).send({ name: '两个网点的客户', rule: { field: 'customerNo', op: 'in', value: nos(ALL) } });
    segmentId = segment.body.id;
    expect((await t.http.post(`/api/segments/${segmentId}/refresh`).set(as(admin))).body.members).toBe(ALL.length);
    scriptId = (await t.http.post('/api/scripts').set(as(admin)).send({ name: '积分提醒', kind: 'sms', body: { text: '{{companyName}}您好：积分将到期。回复TD退订' } })).body.id;
    const campaign = await t.http.post('/api/campaigns').set(as(admin)).send({ name: '积分到期提醒', segmentId, purpose: 'service', startsAt: t.clock.now().toISOString(), steps: [{ channel: 'sms', scriptId }] });
    campaignId = campaign.body.id;
    expect((await t.http.post(`/api/campaigns/${campaignId}/start`).set(as(admin))).status).toBe(200);
    const attempts = await t.http.get(`/api/campaigns/${campaignId}/attempts?pageSize=50`).set(as(admin));
    for (const a of attempts.body.items) attemptIds[Number(a.customerNo.slice(1))] = a.id;
    expect(Object.keys(attemptIds)).toHaveLength(ALL.length);

    // an AI call held on customer 1's attempt and one on customer 4's (as the relay writes them)
    const ds = t.app.get(DataSource);
    for (const n of [1, 4]) {
      const conversation = await ds.getRepository(Conversation).save({
        attemptId: attemptIds[n], customerId: customerIds[n], campaignId, callSid: `CA${n}`, sessionId: null, status: 'ended', step: 'greeting',
        state: { step: 'greeting', silences: 0, unclears: 0, offeredHuman: false }, elderly: false, outcome: null, summary: `客户${n}的通话`, handoff: null,
        startedAt: t.clock.now(), endedAt: t.clock.now(),
      });
      await ds.getRepository(ConversationTurn).save({ conversationId: conversation.id, seq: 0, speaker: 'ai', text: `您好，客户${n}`, intent: null, confidence: null, step: 'greeting', at: t.clock.now() });
    }

    // do-not-contact entries: one per branch, and one of a bare phone number
    for (const [key, body] of [
      ['A', { customerNo: no(2), channel: 'sms', reason: '客户要求' }],
      ['B', { customerNo: no(5), channel: 'sms', reason: '客户要求' }],
      ['phone', { phone: '13700001111', channel: 'call', reason: '陌生来电要求' }],
    ] as const) {
      const res = await t.http.post('/api/do-not-contact').set(as(admin)).send(body);
      expect(res.body.fields ?? res.status).toBe(201);
      dncIds[key] = res.body.id;
    }
  });
  afterAll(() => t?.close());

  it('lists and searches only the customers of the user’s branch; the center’s staff and admins see every branch', async () => {
    const seen = async (caller: Caller, query = '') => {
      const res = await t.http.get(`/api/customers?pageSize=50${query}`).set(as(caller));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(res.body.items.length);
      return numbersOf(res.body.items);
    };
    expect(await seen(users.agentA)).toEqual(nos(A[1]));
    expect(await seen(users.agentB)).toEqual(nos(B[1]));
    expect(await seen(users.supervisorA)).toEqual(nos(A[1]));
    expect(await seen(users.managerA)).toEqual(nos(A[1]));
    expect(await seen(users.agentCenter)).toEqual(nos(ALL));
    expect(await seen(users.supervisorCenter)).toEqual(nos(ALL));
    expect(await seen(users.adminB)).toEqual(nos(ALL));

    // search, name and number find nothing across the line
    expect(await seen(users.agentA, '&search=C00000000')).toEqual(nos(A[1]));
    expect(await seen(users.agentA, `&search=${encodeURIComponent('杭州测试4号')}`)).toEqual([]);
    expect(await seen(users.agentA, `&name=${encodeURIComponent('测试5号')}`)).toEqual([]);
    expect(await seen(users.agentA, `&customerNo=${no(4)}`)).toEqual([]);
    expect(await seen(users.agentB, `&customerNo=${no(4)}`)).toEqual([no(4)]);

    // a branch filter of the user's own narrows nothing further; another branch's is empty, not an error
    expect(await seen(users.agentA, `&branchCode=${A[0]}`)).toEqual(nos(A[1]));
    expect(await seen(users.agentA, `&branchCode=${B[0]}`)).toEqual([]);
    expect(await seen(users.agentCenter, `&branchCode=${B[0]}`)).toEqual(nos(B[1]));
    const bad = await t.http.get('/api/customers?branchCode=BR-1').set(as(users.agentA));
    expect({ status: bad.status, fields: bad.body.fields?.map((f: { field: string }) => f.field) }).toEqual({ status: 400, fields: ['branchCode'] });
  });

  it('answers another branch’s customer detail and timeline with the same 404 as a customer that does not exist', async () => {
    const missing = await t.http.get('/api/customers/999999').set(as(users.agentA));
    const other = await t.http.get(`/api/customers/${customerIds[4]}`).set(as(users.agentA));
    expect({ status: other.status, error: other.body.error }).toEqual({ status: 404, error: missing.body.error });
    expect(other.body.message).toBe(missing.body.message.replace('999999', String(customerIds[4])));
    expect(JSON.stringify(other.body)).not.toMatch(/杭州测试4号|BR002|timeline/);

    const own = await t.http.get(`/api/customers/${customerIds[2]}`).set(as(users.agentA));
    expect(own.status).toBe(200);
    expect(own.body.timeline.map((e: { kind: string }) => e.kind)).toContain('do_not_contact');
    expect((await t.http.get(`/api/customers/${customerIds[5]}`).set(as(users.agentB))).body.timeline.map((e: { kind: string }) => e.kind)).toContain('do_not_contact');
    expect((await t.http.get(`/api/customers/${customerIds[5]}`).set(as(users.supervisorA))).status).toBe(404);
    expect((await t.http.get(`/api/customers/${customerIds[5]}`).set(as(users.agentCenter))).status).toBe(200);
    expect((await t.http.get(`/api/customers/${customerIds[5]}`).set(as(users.adminB))).status).toBe(200);
  });

  it('reveals a full phone number only within the branch, and audits no view it refused', async () => {
    const other = await t.http.post(`/api/customers/${customerIds[4]}/contact`).set(as(users.supervisorA));
    expect({ status: other.status, phone: other.body.phone }).toEqual({ status: 404, phone: undefined });
    const own = await t.http.post(`/api/customers/${customerIds[1]}/contact`).set(as(users.supervisorA));
    expect({ status: own.status, phone: own.body.phone }).toEqual({ status: 200, phone: '+8613910000001' });
    const center = await t.http.post(`/api/customers/${customerIds[4]}/contact`).set(as(users.supervisorCenter));
    expect({ status: center.status, phone: center.body.phone }).toEqual({ status: 200, phone: '+8613910000004' });

    const audit = await t.http.get('/api/audit?pageSize=200&action=customer.contact.view').set(as(admin));
    const views = audit.body.items.filter((e: { action: string }) => e.action === 'customer.contact.view').map((e: { actorName: string; targetId: string }) => [e.actorName, e.targetId]);
    expect(views.sort()).toEqual([['super_a', String(customerIds[1])], ['super_center', String(customerIds[4])]]);
  });

  it('renders a script preview only for a customer of the branch (another branch’s: 404, as a missing one)', async () => {
    const preview = (caller: Caller, customerId: number) => t.http.post(`/api/scripts/${scriptId}/preview`).set(as(caller)).send({ customerId });
    const missing = await preview(users.agentA, 999999);
    const other = await preview(users.agentA, customerIds[4]);
    expect({ status: other.status, error: other.body.error, fields: other.body.fields }).toEqual({ status: 404, error: missing.body.error, fields: missing.body.fields });
    expect(JSON.stringify(other.body)).not.toContain('杭州测试4号');
    const own = await preview(users.agentA, customerIds[1]);
    expect({ status: own.status, text: own.body.text }).toEqual({ status: 200, text: '杭州测试1号商贸有限公司您好：积分将到期。回复TD退订' });
    expect((await preview(users.agentB, customerIds[4])).status).toBe(200);
    expect((await preview(users.agentB, customerIds[1])).status).toBe(404);
    expect((await preview(users.agentCenter, customerIds[4])).status).toBe(200);
  });

  it('shows an AI call’s transcript only for a customer of the branch (another’s: the 404 of an attempt that does not exist)', async () => {
    const read = (caller: Caller, n: number) => t.http.get(`/api/campaigns/${campaignId}/attempts/${attemptIds[n]}/conversation`).set(as(caller));
    const own = await read(users.agentA, 1);
    expect({ status: own.status, turns: own.body.turns?.map((x: { text: string }) => x.text) }).toEqual({ status: 200, turns: ['您好，客户1'] });
    const other = await read(users.agentA, 4);
    expect({ status: other.status, error: other.body.error }).toEqual({ status: 404, error: 'attempt_not_found' });
    expect(JSON.stringify(other.body)).not.toContain('客户4');
    // an attempt of the other branch without a call is not "attempt without a call" either
    const noCall = await read(users.agentA, 5);
    expect({ status: noCall.status, error: noCall.body.error }).toEqual({ status: 404, error: 'attempt_not_found' });
    const ownNoCall = await read(users.agentA, 2);
    expect({ status: ownNoCall.status, error: ownNoCall.body.error }).toEqual({ status: 404, error: 'conversation_not_found' });

    expect((await read(users.agentB, 4)).status).toBe(200);
    expect((await read(users.agentB, 1)).status).toBe(404);
    expect((await read(users.agentCenter, 4)).status).toBe(200);
    expect((await read(users.adminB, 1)).status).toBe(200);
  });

  it('previews a segment rule, lists its members and exports them with only the branch’s customers', async () => {
    const rule = { field: 'customerNo', op: 'in', value: nos(ALL) };
    const preview = async (caller: Caller) => {
      const res = await t.http.post('/api/segments/preview').set(as(caller)).send({ rule });
      expect(res.status).toBe(200);
      return { count: res.body.count, sample: numbersOf(res.body.sample) };
    };
    expect(await preview(users.supervisorA)).toEqual({ count: 3, sample: nos(A[1]) });
    expect(await preview(users.managerA)).toEqual({ count: 3, sample: nos(A[1]) });
    expect(await preview(users.supervisorCenter)).toEqual({ count: 5, sample: nos(ALL) });

    const members = async (caller: Caller, status = 'current') => {
      const res = await t.http.get(`/api/segments/${segmentId}/members?pageSize=50&status=${status}`).set(as(caller));
      expect(res.status).toBe(200);
      return { total: res.body.total, customers: numbersOf(res.body.items) };
    };
    expect(await members(users.supervisorA)).toEqual({ total: 3, customers: nos(A[1]) });
    expect(await members(users.supervisorA, 'all')).toEqual({ total: 3, customers: nos(A[1]) });
    expect(await members(users.supervisorCenter)).toEqual({ total: 5, customers: nos(ALL) });
    expect(await members(users.adminB)).toEqual({ total: 5, customers: nos(ALL) });

    const exported = async (caller: Caller) => {
      const res = await t.http.get(`/api/segments/${segmentId}/members.csv`).set(as(caller)).buffer(true).parse((r, done) => {
        let text = '';
        r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        r.on('end', () => done(null, text));
      });
      expect(res.status).toBe(200);
      return (res.body as string).trim().split('\n').slice(1).map((line) => line.split(',')[0]).sort();
    };
    expect(await exported(users.managerA)).toEqual(nos(A[1]));
    expect(await exported(users.adminB)).toEqual(nos(ALL));
  });

  it('lists a campaign’s attempts on the branch’s customers only, and resolves only those', async () => {
    const attempts = async (caller: Caller, query = '') => {
      const res = await t.http.get(`/api/campaigns/${campaignId}/attempts?pageSize=50${query}`).set(as(caller));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(res.body.items.length);
      return numbersOf(res.body.items);
    };
    expect(await attempts(users.supervisorA)).toEqual(nos(A[1]));
    expect(await attempts(users.supervisorA, `&customerNo=${no(4)}`)).toEqual([]);
    expect(await attempts(users.supervisorCenter)).toEqual(nos(ALL));
    expect(await attempts(users.adminB)).toEqual(nos(ALL));

    // two attempts the carrier could not account for, one per branch
    const ds = t.app.get(DataSource);
    await ds.query(`UPDATE contact_attempts SET state = 'review' WHERE id IN (${attemptIds[3]}, ${attemptIds[4]})`);
    const resolve = (caller: Caller, n: number) => t.http.post(`/api/campaigns/${campaignId}/attempts/${attemptIds[n]}/resolve`).set(as(caller)).send({ outcome: 'delivered', note: '查询短信回执' });
    const missing = await t.http.post(`/api/campaigns/${campaignId}/attempts/999999/resolve`).set(as(users.supervisorA)).send({ outcome: 'delivered' });
    const other = await resolve(users.supervisorA, 4);
    expect({ status: other.status, error: other.body.error }).toEqual({ status: 404, error: missing.body.error });
    expect((await resolve(users.supervisorA, 3)).status).toBe(200);
    expect((await resolve(users.supervisorCenter, 4)).status).toBe(200);
  });

  it('keeps the do-not-contact list to the branch’s customers: listed, added and removed', async () => {
    const listed = async (caller: Caller) => {
      const res = await t.http.get('/api/do-not-contact?pageSize=50').set(as(caller));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(res.body.items.length);
      return res.body.items.map((e: { id: number }) => e.id).sort((a: number, b: number) => a - b);
    };
    // a bare phone's entry belongs to no branch: the center's staff see it, a branch does not
    expect(await listed(users.supervisorA)).toEqual([dncIds.A]);
    expect(await listed(users.supervisorCenter)).toEqual([dncIds.A, dncIds.B, dncIds.phone]);
    expect(await listed(users.adminB)).toEqual([dncIds.A, dncIds.B, dncIds.phone]);
    const search = await t.http.get(`/api/do-not-contact?search=${no(5)}`).set(as(users.supervisorA));
    expect(search.body.items).toEqual([]);

    // another branch's customer number is no customer number (the 400 of an unknown one)
    const add = (caller: Caller, n: number) => t.http.post('/api/do-not-contact').set(as(caller)).send({ customerNo: no(n), channel: 'call', reason: '客户来电要求不再推销' });
    const unknown = await t.http.post('/api/do-not-contact').set(as(users.agentA)).send({ customerNo: 'C9999999999', channel: 'call', reason: '客户来电要求不再推销' });
    const other = await add(users.agentA, 4);
    expect({ status: other.status, error: other.body.error, fields: other.body.fields?.map((f: { field: string }) => f.field) }).toEqual({ status: 400, error: unknown.body.error, fields: ['customerNo'] });
    const own = await add(users.agentA, 1);
    expect({ status: own.status, customerNo: own.body.customerNo }).toEqual({ status: 201, customerNo: no(1) });
    expect((await add(users.agentCenter, 4)).status).toBe(201);

    // removing another branch's entry: 404, and it stays in force
    const removeOther = await t.http.delete(`/api/do-not-contact/${dncIds.B}`).set(as(users.supervisorA));
    expect(removeOther.status).toBe(404);
    expect((await t.http.delete(`/api/do-not-contact/${dncIds.phone}`).set(as(users.supervisorA))).status).toBe(404);
    expect(await listed(users.supervisorCenter)).toEqual(expect.arrayContaining([dncIds.B, dncIds.phone]));
    expect((await t.http.delete(`/api/do-not-contact/${dncIds.A}`).set(as(users.supervisorA))).status).toBe(204);
    expect((await t.http.delete(`/api/do-not-contact/${dncIds.B}`).set(as(users.supervisorCenter))).status).toBe(204);

    // a phone of another branch's customer: the entry is made, but whose number it is is not told;
    // the center's staff see the customer, and find the entry by the customer number
    const byPhone = await t.http.post('/api/do-not-contact').set(as(users.agentA)).send({ phone: '139 1000 0004', channel: 'call', reason: '客户来电要求不再推销' });
    expect(byPhone.status).toBe(201);
    expect(byPhone.body).toMatchObject({ customerId: null, customerNo: null, companyName: null, matchedByPhone: false, phoneMasked: '139****0004' });
    const atCenter = await t.http.get(`/api/do-not-contact?search=${no(4)}`).set(as(users.supervisorCenter));
    expect(atCenter.body.items.find((e: { id: number }) => e.id === byPhone.body.id)).toMatchObject({ customerId: customerIds[4], customerNo: no(4), matchedByPhone: true });
    expect(await listed(users.supervisorA)).not.toContain(byPhone.body.id);
  });

  it('evaluates the contact policy only for a customer of the branch (another’s: the 400 of an unknown one)', async () => {
    const evaluate = (caller: Caller, body: Record<string, unknown>) => t.http.post('/api/contact-policy/evaluate').set(as(caller)).send({ channel: 'sms', purpose: 'service', ...body });
    for (const [key, other, missing] of [
      ['customerNo', no(4), 'C9999999999'],
      ['customerId', customerIds[4], 999999],
    ] as const) {
      const refused = await evaluate(users.supervisorA, { [key]: other });
      const unknown = await evaluate(users.supervisorA, { [key]: missing });
      expect({ status: refused.status, error: refused.body.error, fields: refused.body.fields }).toEqual({ status: 400, error: unknown.body.error, fields: unknown.body.fields });
      expect(refused.body.fields).toEqual([{ field: key, message: 'no such customer' }]);
    }
    const own = await evaluate(users.supervisorA, { customerNo: no(1) });
    expect({ status: own.status, customerNo: own.body.customerNo }).toEqual({ status: 200, customerNo: no(1) });
    expect((await evaluate(users.supervisorCenter, { customerNo: no(4) })).status).toBe(200);
  });

  it('follows the user’s branch as it is now: moved to another branch, or to the center', async () => {
    const mover = await user('agent_mover', 'agent', A[0]);
    const seen = async () => numbersOf((await t.http.get('/api/customers?pageSize=50').set(as(mover))).body.items);
    expect(await seen()).toEqual(nos(A[1]));
    expect((await t.http.patch(`/api/users/${mover.id}`).set(as(admin)).send({ branchCode: B[0] })).status).toBe(200);
    expect(await seen()).toEqual(nos(B[1]));
    expect((await t.http.get(`/api/customers/${customerIds[1]}`).set(as(mover))).status).toBe(404);
    expect((await t.http.patch(`/api/users/${mover.id}`).set(as(admin)).send({ branchCode: '' })).status).toBe(200);
    expect(await seen()).toEqual(nos(ALL));
  });
});

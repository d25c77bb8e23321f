import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { holdoutBucket } from '@app/campaigns';
import { feedCsv, feedRow, type FeedValues } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Monday 2026-11-23, 10:00 in Shanghai (02:00 UTC), a frozen clock. Customers on both sides of
 * each policy rule; a segment of them all; campaigns planned through the API and read back.
 */
const CUSTOMERS: Array<[number, FeedValues]> = [
  [1, {}], // contactable
  [2, { consent_call: 'N', consent_sms: 'N' }], // no marketing consent
  [3, {}], // on the do-not-call list
  [4, { province: '新疆' }], // Asia/Urumqi: 08:00 there now
  [5, {}], // refused SMS only
  [6, {}], // refused everything, service too
];
const no = (n: number) => `C${String(n).padStart(10, '0')}`;
const SMS_TEXT = '{{companyName}}您好：您的积分{{pointsBalance}}分将于{{date pointsExpireAt}}到期。回复TD退订';
const AGENT_BODY = {
  start: 'greet',
  steps: [
    { id: 'greet', title: '问候', text: '您好，请问是{{legalRepName}}吗？', options: [{ label: '是', next: 'close' }], dispositions: [] },
    { id: 'close', title: '结束', text: '感谢接听。', options: [], dispositions: ['completed', 'not_interested'] },
  ],
};
const VOICE_BODY = {
  start: 'greet',
  steps: [
    { id: 'greet', title: '问候', text: '您好，这里是银行远程服务中心，请问是{{legalRepName}}吗？', options: [{ label: '是', intent: 'yes', next: 'close' }], dispositions: [] },
    { id: 'close', title: '结束', text: '感谢接听，再见。', options: [], dispositions: ['completed', 'not_interested'] },
  ],
};

interface Attempt {
  customerNo: string;
  state: string;
  dueAt: string | null;
  reason: string | null;
  stepNo: number;
  attemptNo: number;
  trace: Array<{ rule: string; passed: boolean; detail: { en: string; zh: string } }>;
}

describe('campaigns: scripts, the contact policy gate and planning (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let segmentId: string;
  const scripts: Record<string, string> = {};
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function attempts(campaignId: string, query = ''): Promise<Attempt[]> {
    const res = await t.http.get(`/api/campaigns/${campaignId}/attempts?pageSize=200${query}`).set(as(admin));
    expect(res.status).toBe(200);
    return res.body.items;
  }
  const byCustomer = (items: Attempt[]) => Object.fromEntries(items.map((a) => [a.customerNo, a]));

  async function campaign(body: Record<string, unknown>): Promise<string> {
    const res = await t.http.post('/api/campaigns').set(as(admin)).send({ segmentId, purpose: 'marketing', startsAt: t.clock.now().toISOString(), ...body });
    expect(res.body.fields ?? res.status).toBe(201);
    return res.body.id;
  }
  async function start(id: string) {
    const res = await t.http.post(`/api/campaigns/${id}/start`).set(as(admin));
    expect(res.status).toBe(200);
    return res.body;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin', 'Kx7-bank-2026');
    const extra = Array.from({ length: 40 }, (_, i): [number, FeedValues] => [100 + i, {}]);
    const csv = feedCsv([...CUSTOMERS, ...extra].map(([n, v]) => feedRow(n, v)));
    const imported = await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(csv), 'feed.csv');
    expect(imported.body.rejected).toEqual([]);
    const seg = await t.http.post('/api/segments').set(as(admin)).send({ name: '前六位客户', rule: { field: 'customerNo', op: 'in', value: CUSTOMERS.map(([n]) => no(n)) } });
    expect(seg.status).toBe(201);
    segmentId = seg.body.id;
    expect((await t.http.post(`/api/segments/${segmentId}/refresh`).set(as(admin))).body.members).toBe(6);
    for (const [key, kind, body] of [
      ['sms', 'sms', { text: SMS_TEXT }],
      ['smsNoOptOut', 'sms', { text: '{{companyName}}您好：您的积分即将到期。' }],
      ['agent', 'agent', AGENT_BODY],
      ['voice', 'voice', VOICE_BODY],
    ] as const) {
      const res = await t.http.post('/api/scripts').set(as(admin)).send({ name: `话术-${key}`, kind, body });
      expect(res.body.fields ?? res.status).toBe(201);
      scripts[key] = res.body.id;
    }
    for (const [n, channel, scope] of [
      [3, 'call', 'marketing'],
      [5, 'sms', 'marketing'],
      [6, 'all', 'all'],
    ] as const) {
      const res = await t.http.post('/api/do-not-contact').set(as(admin)).send({ customerNo: no(n), channel, scope, reason: '客户要求' });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('refuses bad campaigns when saved, naming each field', async () => {
    const base = { name: '坏活动', segmentId, purpose: 'marketing', startsAt: '2026-11-24T01:00:00Z' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ steps: [{ channel: 'agent_call', scriptId: scripts.sms }] }, 'steps[0].scriptId'],
      [{ steps: [{ channel: 'sms', scriptId: scripts.smsNoOptOut }] }, 'steps[0].scriptId'],
      [{ steps: [{ channel: 'sms', scriptId: scripts.sms, scriptVersion: 9 }] }, 'steps[0].scriptVersion'],
      [{ steps: [{ channel: 'sms', scriptId: scripts.sms }, { channel: 'agent_call', scriptId: scripts.agent, runIf: 'sometimes' }] }, 'steps[1].runIf'],
      [{ steps: [{ channel: 'sms', scriptId: scripts.sms, runIf: 'reached' }] }, 'steps[0].runIf'],
      [{ steps: [{ channel: 'agent_call', scriptId: scripts.agent }], policy: { hours: { call: { start: '08:00' } } } }, 'policy.hours.call.start'],
      [{ steps: [{ channel: 'agent_call', scriptId: scripts.agent }], policy: { caps: { call: { max: 5 } } } }, 'policy.caps.call.max'],
      [{ steps: [{ channel: 'agent_call', scriptId: scripts.agent }], endsAt: '2026-11-23T12:00:00Z' }, 'endsAt'],
      [{ steps: [{ channel: 'agent_call', scriptId: scripts.agent }], segmentId: '00000000-0000-4000-8000-000000000000' }, 'segmentId'],
      [{ steps: [{ channel: 'agent_call', scriptId: scripts.agent }], holdoutPct: 80 }, 'holdoutPct'],
      [{ steps: [] }, 'steps'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.post('/api/campaigns').set(as(admin)).send({ ...base, ...body });
      expect([res.status, res.body.fields?.map((f: { field: string }) => f.field)]).toEqual([400, expect.arrayContaining([field])]);
    }
    // the same SMS script is fine for a service notice, which needs no opt-out line
    const service = await t.http.post('/api/campaigns').set(as(admin)).send({ ...base, name: '服务通知', purpose: 'service', steps: [{ channel: 'sms', scriptId: scripts.smsNoOptOut }] });
    expect(service.status).toBe(201);
    expect((await t.http.get('/api/campaigns').set(as(admin))).body.map((c: { name: string }) => c.name)).not.toContain('坏活动');
  });

  it('plans an agent-call campaign: consent, do-not-contact per channel and the customer’s own calling hours decide, each with its reason', async () => {
    const id = await campaign({ name: '新开户回访', steps: [{ channel: 'agent_call', scriptId: scripts.agent }] });
    const started = await start(id);
    expect(started).toMatchObject({ status: 'running', segmentVersion: 1, lastPlan: { planned: 3, skipped: 3, holdout: 0, withdrawn: 0 } });
    const a = byCustomer(await attempts(id));
    expect(a[no(1)]).toMatchObject({ state: 'planned', dueAt: '2026-11-23T02:00:00.000Z', reason: null });
    expect(a[no(2)]).toMatchObject({ state: 'skipped', dueAt: null, reason: 'consent' });
    expect(a[no(3)]).toMatchObject({ state: 'skipped', reason: 'do_not_contact' });
    // 08:00 in Urumqi: due when its 09:00 comes
    expect(a[no(4)]).toMatchObject({ state: 'planned', dueAt: '2026-11-23T03:00:00.000Z' });
    expect(a[no(5)]).toMatchObject({ state: 'planned' }); // refused SMS, not calls
    expect(a[no(6)]).toMatchObject({ state: 'skipped', reason: 'do_not_contact' });
    // a planned attempt's trace passes every rule at its due time; a refused one fails its reason's rule
    for (const x of Object.values(a)) {
      if (x.state === 'planned') expect(x.trace.filter((e) => !e.passed)).toEqual([]);
      else expect(x.trace.filter((e) => !e.passed).map((e) => e.rule)).toContain(x.reason);
    }
    expect(a[no(2)].trace.find((e) => e.rule === 'consent')?.detail.zh).toBeTruthy();
    // a refusal names the entry that made it, as the list has it
    expect(a[no(3)].trace.find((e) => e.rule === 'do_not_contact')?.detail.zh).toBe('已列入免打扰名单（电话，营销类），无截止日期：客户要求');

    // planning again changes nothing
    const again = await t.http.post(`/api/campaigns/${id}/plan`).set(as(admin));
    expect(again.body).toMatchObject({ planned: 0, skipped: 0, holdout: 0, withdrawn: 0 });
    expect(await attempts(id)).toHaveLength(6);
  });

  it('caps marketing calls across campaigns: a second campaign waits a week for the customers the first one calls', async () => {
    const id = await campaign({ name: 'AI 语音邀约', steps: [{ channel: 'ai_call', scriptId: scripts.voice }] });
    await start(id);
    const a = byCustomer(await attempts(id));
    expect(a[no(1)]).toMatchObject({ state: 'planned', dueAt: '2026-11-30T02:00:00.000Z' });
    expect(a[no(4)]).toMatchObject({ state: 'planned', dueAt: '2026-11-30T03:00:00.000Z' });
    expect(a[no(1)].trace.every((e) => e.passed)).toBe(true);
    const why = await t.http.post('/api/contact-policy/evaluate').set(as(admin)).send({ customerNo: no(1), channel: 'ai_call', purpose: 'marketing', at: '2026-11-25T02:00:00Z' });
    // one call is done (Monday) and one planned (next Monday): a third waits a week after the planned one
    expect(why.body).toMatchObject({ allowed: false, nextAllowedAt: '2026-12-07T02:00:00.000Z' });
    expect(why.body.trace.filter((e: { passed: boolean }) => !e.passed).map((e: { rule: string }) => e.rule)).toEqual(['frequency_cap']);
  });

  it('an opt-out withdraws the planned calls of every campaign at once, and planning again does not bring them back', async () => {
    const added = await t.http.post('/api/do-not-contact').set(as(admin)).send({ customerNo: no(1), channel: 'call', reason: '客户来电：不要再打电话' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ withdrawn: 2, channel: 'call', scope: 'marketing', phoneMasked: '139****0001' });
    const campaigns = (await t.http.get('/api/campaigns?status=running').set(as(admin))).body as Array<{ id: string }>;
    for (const c of campaigns) {
      const a = byCustomer(await attempts(c.id));
      expect(a[no(1)]).toMatchObject({ state: 'cancelled', reason: 'do_not_contact', detail: '已撤销：客户已列入免打扰名单（客户来电：不要再打电话）' });
      const replan = await t.http.post(`/api/campaigns/${c.id}/plan`).set(as(admin));
      expect(replan.body.planned).toBe(0);
      expect(byCustomer(await attempts(c.id))[no(1)].state).toBe('cancelled');
    }
    const why = await t.http.post('/api/contact-policy/evaluate').set(as(admin)).send({ customerNo: no(1), channel: 'agent_call', purpose: 'marketing' });
    expect(why.body).toMatchObject({ allowed: false, nextAllowedAt: null });
    // an entry that reached the table another way (by phone, no service call) is caught when planning again
    const ds = t.app.get(DataSource);
    const [{ phone }] = await ds.query(`SELECT phone FROM customers WHERE customer_no = '${no(4)}'`);
    await ds.query(`INSERT INTO do_not_contact (phone, channel, scope, reason, source, created_at) VALUES ('${phone}', 'call', 'marketing', '批量导入', 'manual', ${t.db.kind === 'postgres' ? 'now()' : "'2026-11-23 02:00:00.000'"})`);
    const first = campaigns[campaigns.length - 1].id;
    const replanned = await t.http.post(`/api/campaigns/${first}/plan`).set(as(admin));
    expect(replanned.body).toMatchObject({ planned: 0, withdrawn: 1 });
    expect(byCustomer(await attempts(first))[no(4)]).toMatchObject({ state: 'cancelled', reason: 'do_not_contact' });
    // an SMS is still allowed: the entry closed calls only
    const sms = await t.http.post('/api/contact-policy/evaluate').set(as(admin)).send({ customerNo: no(1), channel: 'sms', purpose: 'marketing' });
    expect(sms.body.allowed).toBe(true);
  });

  it('service contact needs no marketing consent and passes a marketing-only opt-out, but not one for all purposes', async () => {
    const id = await campaign({ name: '风险提示短信', purpose: 'service', steps: [{ channel: 'sms', scriptId: scripts.smsNoOptOut }] });
    await start(id);
    const a = byCustomer(await attempts(id));
    expect(a[no(2)].state).toBe('planned');
    expect(a[no(5)].state).toBe('planned');
    expect(a[no(6)]).toMatchObject({ state: 'skipped', reason: 'do_not_contact' });
  });

  it('a campaign started on a Friday evening waits for Monday 09:00; one that must end first skips with the reason', async () => {
    t.clock.set('2026-11-27T12:30:00Z'); // Friday 20:30 in Shanghai
    try {
      // service calls: no frequency cap, so only the calendar and the hours decide
      const id = await campaign({ name: '周五晚启动', purpose: 'service', steps: [{ channel: 'agent_call', scriptId: scripts.agent }] });
      await start(id);
      expect(byCustomer(await attempts(id))[no(5)].dueAt).toBe('2026-11-30T01:00:00.000Z');
      const short = await campaign({ name: '周末结束', purpose: 'service', endsAt: '2026-11-29T12:00:00Z', steps: [{ channel: 'agent_call', scriptId: scripts.agent }] });
      await start(short);
      expect(byCustomer(await attempts(short))[no(5)]).toMatchObject({ state: 'skipped', reason: 'campaign_window' });
    } finally {
      t.clock.set('2026-11-23T02:00:00Z');
    }
  });

  it('retries a busy line after 30 minutes, and runs the next step only once the calls are used up without reaching the customer', async () => {
    const id = await campaign({
      name: '未接通转短信',
      steps: [
        { channel: 'agent_call', scriptId: scripts.agent },
        { channel: 'sms', scriptId: scripts.sms, runIf: 'not_reached', delayMinutes: 60 },
      ],
      policy: { caps: { call: { max: 1, days: 7 } } },
    });
    // the other campaigns' calls would cap this one: cancel them so only retries decide here
    for (const c of (await t.http.get('/api/campaigns?status=running').set(as(admin))).body as Array<{ id: string }>) await t.http.post(`/api/campaigns/${c.id}/cancel`).set(as(admin));
    await start(id);
    const ds = t.app.get(DataSource);
    const finish = async (attemptNo: number, outcome: string, at: string) => {
      await ds.query(
        `UPDATE contact_attempts SET state = 'done', outcome = '${outcome}', outcome_at = ${t.db.kind === 'postgres' ? `'${at}'::timestamptz` : `'${at.replace('T', ' ').replace('Z', '')}'`}
          WHERE campaign_id = '${id}' AND step_no = 1 AND attempt_no = ${attemptNo} AND customer_id = (SELECT id FROM customers WHERE customer_no = '${no(5)}')`,
      );
    };
    await finish(1, 'busy', '2026-11-23T02:05:00.000Z');
    expect((await t.http.post(`/api/campaigns/${id}/plan`).set(as(admin))).body.planned).toBe(1);
    let mine = (await attempts(id, `&customerNo=${no(5)}`)).map((x) => [x.stepNo, x.attemptNo, x.state, x.dueAt]);
    expect(mine).toEqual([
      [1, 1, 'done', '2026-11-23T02:00:00.000Z'],
      [1, 2, 'planned', '2026-11-23T02:35:00.000Z'],
    ]);
    await finish(2, 'no_answer', '2026-11-23T02:36:00.000Z');
    await t.http.post(`/api/campaigns/${id}/plan`).set(as(admin));
    await finish(3, 'no_answer', '2026-11-23T04:37:00.000Z');
    await t.http.post(`/api/campaigns/${id}/plan`).set(as(admin));
    mine = (await attempts(id, `&customerNo=${no(5)}`)).map((x) => [x.stepNo, x.attemptNo, x.state, x.dueAt]);
    expect(mine).toEqual([
      [1, 1, 'done', '2026-11-23T02:00:00.000Z'],
      [1, 2, 'done', '2026-11-23T02:35:00.000Z'],
      [1, 3, 'done', '2026-11-23T04:36:00.000Z'],
      // three calls, none reached: the SMS an hour after the last; this customer refused SMS marketing though
      [2, 1, 'skipped', null],
    ]);
    const sms = byCustomer(await attempts(id, '&stepNo=2'));
    expect(sms[no(5)].reason).toBe('do_not_contact');
    const stats = await t.http.get(`/api/campaigns/${id}/stats`).set(as(admin));
    expect(stats.body.steps[0]).toMatchObject({ stepNo: 1, channel: 'agent_call', byOutcome: { busy: 1, no_answer: 2 } });
  });

  it('keeps a stable control group: the customers the hash puts below the holdout share are never contacted', async () => {
    const all = await t.http.post('/api/segments').set(as(admin)).send({ name: '全部测试客户', rule: { field: 'tier', op: '>=', value: 0 } });
    await t.http.post(`/api/segments/${all.body.id}/refresh`).set(as(admin));
    const id = await campaign({ name: '对照组', segmentId: all.body.id, holdoutPct: 30, steps: [{ channel: 'agent_call', scriptId: scripts.agent }] });
    const started = await start(id);
    const [{ holdout_seed: seed }] = await t.app.get(DataSource).query(`SELECT holdout_seed FROM campaigns WHERE id = '${id}'`);
    const ids: Array<{ id: number; customer_no: string }> = await t.app.get(DataSource).query('SELECT id, customer_no FROM customers ORDER BY id');
    const expected = ids.filter((c) => holdoutBucket(Number(seed), Number(c.id)) < 30).map((c) => c.customer_no).sort();
    expect(expected.length).toBeGreaterThan(3);
    expect(started.lastPlan.holdout).toBe(expected.length);
    const held = (await attempts(id, '&state=holdout')).map((x) => x.customerNo).sort();
    expect(held).toEqual(expected);
    const stats = await t.http.get(`/api/campaigns/${id}/stats`).set(as(admin));
    expect(stats.body.holdout.customers).toBe(expected.length);
  });

  it('moves campaigns only along the status machine', async () => {
    const id = await campaign({ name: '状态机', startsAt: '2026-11-25T01:00:00Z', steps: [{ channel: 'agent_call', scriptId: scripts.agent }] });
    expect((await t.http.post(`/api/campaigns/${id}/pause`).set(as(admin))).status).toBe(409);
    const scheduled = await start(id);
    expect(scheduled).toMatchObject({ status: 'scheduled', actions: ['cancel'] });
    expect((await t.http.post(`/api/campaigns/${id}/start`).set(as(admin))).status).toBe(200); // the job's own move; a person may start it early
    expect((await t.http.post(`/api/campaigns/${id}/pause`).set(as(admin))).body.status).toBe('paused');
    const edit = await t.http.patch(`/api/campaigns/${id}`).set(as(admin)).send({ holdoutPct: 10 });
    expect(edit.status).toBe(409);
    expect((await t.http.post(`/api/campaigns/${id}/resume`).set(as(admin))).body.status).toBe('running');
    expect((await t.http.post(`/api/campaigns/${id}/cancel`).set(as(admin))).body.status).toBe('cancelled');
    expect((await t.http.post(`/api/campaigns/${id}/resume`).set(as(admin))).status).toBe(409);
    const agent = await t.userToken('agent');
    expect((await t.http.get('/api/campaigns').set(as(agent))).status).toBe(403);
  });
});

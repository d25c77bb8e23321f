import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CallbackPlanner } from '@app/campaigns';
import type { CallEndings, StepStats } from '@app/contracts';
import { query, returning } from '@app/core';
import { VOICE_BODY } from '../support/dispatch-fixtures';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * A campaign's results on screen (GET /stats) and as a CSV (GET /results.csv): ten customers of
 * BR001 and six of BR002 get an SMS (a quarter held out); the delivered, undelivered and converted
 * are written as the dispatcher and the segment refresh would leave them.
 */
const A = Array.from({ length: 10 }, (_, i) => i + 1);
const B = Array.from({ length: 6 }, (_, i) => i + 11);
const CONVERTED = new Set([1, 2, 3, 4, 11, 12, 13]);
const no = (n: number) => `C${String(n).padStart(10, '0')}`;
const BOM = '\uFEFF';

interface Row {
  branch: string;
  n: number;
  id: number;
  held: boolean;
  /** Refused by the policy (the planner's skip, written here). */
  skipped: boolean;
  delivered: boolean;
  converted: boolean;
}

function parseCsv(text: string): string[][] {
  return text.replace(BOM, '').trimEnd().split('\r\n').map((line) => line.split(','));
}

// one app and database for the file (a spec file gets one PostgreSQL database); each campaign has its own customers
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('campaign results: stats and the CSV export, per step and branch (e2e)', () => {
  let admin: string;
  let campaignId: string;
  let rows: Row[];
  let manager: string; // a campaign manager of BR001
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** What the screen and the file must say for some customers: computed from who was held out. */
  function expected(of: Row[]) {
    const treated = of.filter((r) => !r.held && !r.skipped);
    const reached = treated.filter((r) => r.delivered);
    const held = of.filter((r) => r.held);
    return {
      targeted: treated.length,
      sent: treated.length,
      reached: reached.length,
      reachedConverted: reached.filter((r) => r.converted).length,
      treatedConverted: treated.filter((r) => r.converted).length,
      holdout: held.length,
      holdoutConverted: held.filter((r) => r.converted).length,
      skipped: of.filter((r) => r.skipped).length,
    };
  }
  const pct = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '');

  beforeAll(async () => {
    admin = await t.login('admin', 'Kx7-bank-2026');
    const feed = [...A.map((n) => feedRow(n, { branch_code: 'BR001' })), ...B.map((n) => feedRow(n, { branch_code: 'BR002' }))];
    const imported = await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(feedCsv(feed)), 'feed.csv');
    expect(imported.body.rejected).toEqual([]);
    const segment = await t.http.post('/api/segments').set(as(admin)).send({ name: '网银未激活', rule: { field: 'customerNo', op: 'in', value: [...A, ...B].map(no) } });
    expect((await t.http.post(`/api/segments/${segment.body.id}/refresh`).set(as(admin))).body.members).toBe(16);
    const script = await t.http.post('/api/scripts').set(as(admin)).send({ name: '网银激活提醒', kind: 'sms', body: { text: '{{companyName}}您好：请尽快激活网银。回复TD退订' } });
    const campaign = await t.http.post('/api/campaigns').set(as(admin)).send({ name: '网银激活,提醒', segmentId: segment.body.id, purpose: 'service', holdoutPct: 25, startsAt: t.clock.now().toISOString(), steps: [{ channel: 'sms', scriptId: script.body.id }] });
    expect(campaign.body.fields ?? campaign.status).toBe(201);
    campaignId = campaign.body.id;
    expect((await t.http.post(`/api/campaigns/${campaignId}/start`).set(as(admin))).status).toBe(200);

    // the dispatcher's work: every planned SMS sent, the odd-numbered customers' delivered
    const ds = t.app.get(DataSource);
    const attempts = await query<{ id: number; customer_no: string; customer_id: number; state: string }>(ds, 'SELECT a.id, c.customer_no, a.customer_id, a.state FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE a.campaign_id = :campaignId', { campaignId });
    rows = attempts.map((a) => {
      const n = Number(a.customer_no.slice(1));
      const held = a.state === 'holdout';
      return { branch: n <= 10 ? 'BR001' : 'BR002', n, id: Number(a.id), held, skipped: false, delivered: !held && n % 2 === 1, converted: CONVERTED.has(n) };
    });
    // the first contacted customer of BR001 was refused by the policy: neither sent nor counted as contacted
    const refused = rows.filter((r) => r.branch === 'BR001' && !r.held).sort((x, y) => x.n - y.n)[0];
    refused.skipped = true;
    refused.delivered = false;
    await query(ds, "UPDATE contact_attempts SET state = 'skipped', reason = 'do_not_contact' WHERE id = :id", { id: refused.id });
    expect(rows.filter((r) => r.held).length).toBeGreaterThan(0); // precondition: someone is held out
    const sentAt = new Date(t.clock.now().getTime() + 60_000);
    for (const r of rows.filter((x) => !x.held && !x.skipped)) {
      await query(ds, "UPDATE contact_attempts SET state = 'done', sent_at = :sentAt, outcome = :outcome, outcome_at = :sentAt WHERE id = :id", { sentAt, outcome: r.delivered ? 'delivered' : 'undelivered', id: r.id });
    }
    // the segment refresh an hour later: the converted left the segment
    const exitedAt = new Date(t.clock.now().getTime() + 3_600_000);
    const ids = attempts.filter((a) => CONVERTED.has(Number(a.customer_no.slice(1)))).map((a) => Number(a.customer_id));
    await query(ds, 'UPDATE segment_memberships SET exited_at = :exitedAt WHERE segment_id = :segmentId AND customer_id IN (:...ids)', { exitedAt, segmentId: segment.body.id, ids });
  });

  it('counts the funnel, each branch and the treated against the control group', async () => {
    const res = await t.http.get(`/api/campaigns/${campaignId}/stats`).set(as(admin));
    expect(res.status).toBe(200);
    const all = expected(rows);
    expect(res.body.steps).toHaveLength(1);
    expect(res.body.steps[0]).toMatchObject({ stepNo: 1, channel: 'sms', agentCallbacks: false, endings: { ai: {}, agent: {}, open: 0 } }); // an SMS ends in no call
    expect(res.body.steps[0].funnel).toEqual({ targeted: all.targeted, sent: all.sent, reached: all.reached, converted: all.reachedConverted });
    expect(res.body.treated).toEqual({ customers: all.targeted, converted: all.treatedConverted, rate: Math.round((all.treatedConverted / all.targeted) * 10_000) / 10_000 });
    expect(res.body.holdout).toMatchObject({ customers: all.holdout, converted: all.holdoutConverted });
    const a = expected(rows.filter((r) => r.branch === 'BR001'));
    expect(res.body.branches.map((b: { branchCode: string }) => b.branchCode)).toEqual(['BR001', 'BR002']);
    expect(res.body.branches[0]).toMatchObject({ branchCode: 'BR001', members: 10, treated: a.targeted, converted: a.treatedConverted, reached: a.reached, holdout: a.holdout, holdoutConverted: a.holdoutConverted, done: a.targeted, skipped: 1 });
  });

  it('counts only the branch of a user who has one', async () => {
    manager = await t.userToken('campaign_manager', 'managerBR001');
    const res = await t.http.get(`/api/campaigns/${campaignId}/stats`).set(as(manager));
    expect(res.body.branches.map((b: { branchCode: string }) => b.branchCode)).toEqual(['BR001']);
    expect(res.body.steps[0].funnel.targeted).toBe(expected(rows.filter((r) => r.branch === 'BR001')).targeted);
  });

  it('exports a CSV Excel reads as UTF-8: Chinese columns, a row per branch and step, then every branch', async () => {
    const res = await t.http.get(`/api/campaigns/${campaignId}/results.csv`).set(as(admin)).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="campaign-${campaignId}-results.csv"; filename*=UTF-8''${encodeURIComponent('网银激活,提醒-结果.csv')}`);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = parseCsv(bytes.toString('utf8'));
    expect(lines[0]).toEqual(['网点', '步骤', '渠道', '计划联系客户数', '已发送', '已触达（接通/送达）', '触达后转化', '触达率', '触达转化率', '待发送', '已跳过（策略拦截）', '对照组客户数', '对照组已转化', '对照组转化率']);
    const line = (branch: string, e: ReturnType<typeof expected>) => [branch, '第1步', '短信', e.targeted, e.sent, e.reached, e.reachedConverted, pct(e.reached, e.targeted), pct(e.reachedConverted, e.reached), 0, e.skipped, e.holdout, e.holdoutConverted, pct(e.holdoutConverted, e.holdout)].map(String);
    expect(lines.slice(1)).toEqual([
      line('BR001', expected(rows.filter((r) => r.branch === 'BR001'))),
      line('BR002', expected(rows.filter((r) => r.branch === 'BR002'))),
      line('全部网点', expected(rows)),
    ]);
  });

  it('gives a user of one branch only that branch, and audits every export', async () => {
    const res = await t.http.get(`/api/campaigns/${campaignId}/results.csv`).set(as(manager));
    expect(res.status).toBe(200);
    const lines = parseCsv(res.text);
    expect(lines.slice(1).map((l) => l[0])).toEqual(['BR001', 'BR001']);
    expect(lines[2][3]).toBe(String(expected(rows.filter((r) => r.branch === 'BR001')).targeted));

    const audit = await t.http.get('/api/audit?action=campaign.results.export').set(as(admin));
    expect(audit.body.total).toBe(2);
    expect(audit.body.items[0]).toMatchObject({ actorName: 'managerBR001', action: 'campaign.results.export', targetType: 'campaign', targetId: campaignId, detail: { name: '网银激活,提醒', branchCode: 'BR001', rows: 2 } });
    expect(audit.body.items[0].address).toEqual(expect.any(String));
    expect(audit.body.items[1]).toMatchObject({ actorName: 'admin', detail: { branchCode: null, rows: 3 } });
  });

  it('refuses agents, unknown campaigns and bad ids', async () => {
    const agent = await t.userToken('agent');
    expect((await t.http.get(`/api/campaigns/${campaignId}/results.csv`).set(as(agent))).status).toBe(403);
    expect((await t.http.get(`/api/campaigns/${campaignId}/results.csv`)).status).toBe(401);
    expect((await t.http.get('/api/campaigns/00000000-0000-4000-8000-000000000000/results.csv').set(as(admin))).status).toBe(404);
    const bad = await t.http.get('/api/campaigns/not-a-uuid/results.csv').set(as(admin));
    expect(bad.status).toBe(400);
    const audit = await t.http.get('/api/audit?action=campaign.results.export').set(as(admin));
    expect(audit.body.total).toBe(2); // refused exports leave no entry
  });

  it('filters the audit log by time: from inclusive, to exclusive, each validated by name', async () => {
    const now = t.clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const count = async (q: string) => (await t.http.get(`/api/audit?action=campaign.results.export&${q}`).set(as(admin))).body.total;
    expect(await count(`from=${encodeURIComponent(iso(now))}`)).toBe(2);
    expect(await count(`to=${encodeURIComponent(iso(now))}`)).toBe(0);
    expect(await count(`from=${encodeURIComponent('2026-11-23T00:00:00+08:00')}&to=${encodeURIComponent('2026-11-24T00:00:00+08:00')}`)).toBe(2);
    expect(await count(`from=${encodeURIComponent('2026-11-24T00:00:00+08:00')}`)).toBe(0);
    for (const [q, field] of [
      ['from=yesterday', 'from'],
      ['from=2026-11-24', 'from'],
      ['to=2026-13-45T00:00:00Z', 'to'],
      ['from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z', 'to'],
    ]) {
      const res = await t.http.get(`/api/audit?${q}`).set(as(admin));
      expect(res.status).toBe(400);
      expect(res.body.fields?.[0]?.field).toBe(field);
    }
  });
});

/**
 * How the answered calls of an AI step, and of the agent step after it, ended (GET /stats and the
 * CSV), written as the relay, the agent desk and the callback planner leave them: ten customers
 * of BR001 and BR002 called by the AI; two handed over to an agent, one of whom the agent promised
 * a callback (the agent's disposition then overwrites the AI attempt's); the two the AI did not
 * reach called by an agent at step 2.
 */
type AiOutcome = keyof CallEndings['ai'];
type AgentDisposition = keyof CallEndings['agent'];
interface Story {
  n: number;
  branch: 'BR001' | 'BR002';
  /** Step 1: the AI call's outcome (null: answered, still on the line); absent: not answered. */
  ai?: AiOutcome | null;
  /** What the agent recorded for the call put through to them. */
  handoff?: AgentDisposition;
  /** Step 2's agent call (for those the AI did not reach). */
  agent?: AgentDisposition;
}
const STORIES: Story[] = [
  { n: 101, branch: 'BR001', ai: 'handed_off', handoff: 'interested' },
  { n: 102, branch: 'BR001', ai: 'handed_off', handoff: 'callback' }, // the agent's callback, answered: 已开通
  { n: 103, branch: 'BR001', ai: 'callback' }, // the AI's callback, still to call
  { n: 104, branch: 'BR001', ai: 'not_interested' },
  { n: 105, branch: 'BR001', agent: 'not_interested' },
  { n: 106, branch: 'BR002', ai: 'not_interested' },
  { n: 107, branch: 'BR002', ai: 'completed' },
  { n: 108, branch: 'BR002', ai: 'no_agent' }, // nobody free to take it: the AI promised a callback
  { n: 109, branch: 'BR002', ai: null },
  { n: 110, branch: 'BR002', agent: 'callback' }, // the agent's callback at their own step, still to call
];
const AGENT_BODY = {
  start: 'greet',
  steps: [
    { id: 'greet', title: '问候', text: '您好，请问是{{legalRepName}}吗？', options: [{ label: '是', next: 'close' }], dispositions: [] },
    { id: 'close', title: '结束', text: '感谢接听。', options: [], dispositions: ['interested', 'activated', 'not_interested', 'callback'] },
  ],
};

describe('campaign results: how answered AI and agent calls ended (e2e)', () => {
  let admin: string;
  let campaignId: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const stepsOf = async (token: string): Promise<StepStats[]> => {
    const res = await t.http.get(`/api/campaigns/${campaignId}/stats`).set(as(token));
    expect(res.status).toBe(200);
    return res.body.steps;
  };

  beforeAll(async () => {
    admin = await t.login('admin', 'Kx7-bank-2026');
    const imported = await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(feedCsv(STORIES.map((s) => feedRow(s.n, { branch_code: s.branch })))), 'feed.csv');
    expect(imported.body.rejected).toEqual([]);
    const segment = await t.http.post('/api/segments').set(as(admin)).send({ name: '经营贷意向', rule: { field: 'customerNo', op: 'in', value: STORIES.map((s) => no(s.n)) } });
    expect((await t.http.post(`/api/segments/${segment.body.id}/refresh`).set(as(admin))).body.members).toBe(STORIES.length);
    const voice = await t.http.post('/api/scripts').set(as(admin)).send({ name: '经营贷邀约（AI）', kind: 'voice', body: VOICE_BODY });
    const agent = await t.http.post('/api/scripts').set(as(admin)).send({ name: '经营贷邀约（坐席）', kind: 'agent', body: AGENT_BODY });
    const campaign = await t.http.post('/api/campaigns').set(as(admin)).send({
      name: '经营贷邀约',
      segmentId: segment.body.id,
      purpose: 'service',
      holdoutPct: 0,
      startsAt: t.clock.now().toISOString(),
      steps: [
        { channel: 'ai_call', scriptId: voice.body.id },
        { channel: 'agent_call', scriptId: agent.body.id, runIf: 'not_reached' },
      ],
    });
    expect(campaign.body.fields ?? campaign.status).toBe(201);
    campaignId = campaign.body.id;
    expect((await t.http.post(`/api/campaigns/${campaignId}/start`).set(as(admin))).status).toBe(200);

    const ds = t.app.get(DataSource);
    const callbacks = t.app.get(CallbackPlanner);
    const attempts = await query<{ id: number; customer_no: string; customer_id: number; state: string }>(ds, 'SELECT a.id, c.customer_no, a.customer_id, a.state FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE a.campaign_id = :campaignId AND a.step_no = 1', { campaignId });
    expect(attempts.map((a) => a.state)).toEqual(STORIES.map(() => 'planned')); // precondition: every customer called, nobody held out
    const at = new Date(t.clock.now().getTime() + 60_000);
    const tomorrow = new Date(t.clock.now().getTime() + 86_400_000);
    for (const story of STORIES) {
      const attempt = attempts.find((a) => a.customer_no === no(story.n))!;
      const [attemptId, customerId] = [Number(attempt.id), Number(attempt.customer_id)];
      const answered = story.ai !== undefined;
      await query(ds, "UPDATE contact_attempts SET state = 'done', sent_at = :at, outcome = :outcome, outcome_at = :at WHERE id = :id", { at, outcome: answered ? 'answered' : 'no_answer', id: attemptId });
      if (answered) {
        // the relay: one conversation per answered call, its outcome once the AI's part is over
        const [conversation] = await returning<{ id: number }>(
          ds,
          "INSERT INTO conversations (attempt_id, customer_id, campaign_id, call_sid, status, step, state, elderly, outcome, started_at, ended_at) VALUES (:attemptId, :customerId, :campaignId, :sid, :status, 'greet', '{}', false, :outcome, :at, :endedAt) RETURNING id",
          { attemptId, customerId, campaignId, sid: `CA${story.n}`, status: story.ai ? 'ended' : 'active', outcome: story.ai, at, endedAt: story.ai ? at : null },
        );
        if (story.ai === 'callback' || story.ai === 'no_agent') await callbacks.schedule({ campaignId, stepNo: 1, customerId, channel: 'ai_call', at: tomorrow, reason: '客户要求稍后回电', by: '智能外呼' });
        if (story.ai === 'handed_off' || story.ai === 'no_agent') {
          // the agent desk: the handover, done with the agent's disposition (also written on the AI attempt), or withdrawn when nobody was free
          const callback = story.handoff === 'callback' ? await callbacks.schedule({ campaignId, stepNo: 1, customerId, channel: 'agent_call', at: tomorrow, reason: '客户约明天上午回电', by: '张敏' }) : null;
          await query(
            ds,
            "INSERT INTO desk_calls (kind, state, attempt_id, conversation_id, customer_id, campaign_id, step_no, branch_code, skills, declined_by, reason, script, step, visited, acknowledged, notes, disposition, callback_attempt_id, waiting_since, ended_at, done_at) VALUES ('ai_handoff', :state, :attemptId, :conversationId, :customerId, :campaignId, 1, :branch, '[]', '[]', 'interested', '{}', 'close', '[]', '[]', '[]', :disposition, :callbackId, :at, :at, :doneAt)",
            { state: story.handoff ? 'done' : 'withdrawn', attemptId, conversationId: Number(conversation.id), customerId, campaignId, branch: story.branch, disposition: story.handoff ?? null, callbackId: callback?.attemptId ?? null, at, doneAt: story.handoff ? at : null },
          );
          if (story.handoff) await query(ds, 'UPDATE contact_attempts SET disposition = :disposition WHERE id = :id', { disposition: story.handoff, id: attemptId });
          // the agent called back and the customer activated the service on the call
          if (callback) await query(ds, "UPDATE contact_attempts SET state = 'done', sent_at = :at, outcome = 'answered', outcome_at = :at, disposition = 'activated' WHERE id = :id", { at: tomorrow, id: callback.attemptId });
        }
      }
      if (story.agent) {
        // step 2, as the planner and the desk leave it: the agent call answered, its disposition written
        const [first] = await query<{ trace: string }>(ds, 'SELECT trace FROM contact_attempts WHERE id = :id', { id: attemptId });
        await query(
          ds,
          "INSERT INTO contact_attempts (campaign_id, step_no, customer_id, channel, purpose, attempt_no, state, due_at, trace, sent_at, outcome, outcome_at, disposition, planned_at, updated_at) VALUES (:campaignId, 2, :customerId, 'agent_call', 'service', 1, 'done', :at, :trace, :at, 'answered', :at, :disposition, :at, :at)",
          { campaignId, customerId, at, trace: first.trace, disposition: story.agent },
        );
        if (story.agent === 'callback') await callbacks.schedule({ campaignId, stepNo: 2, customerId, channel: 'agent_call', at: tomorrow, reason: '客户约明天回电', by: '张敏' });
      }
    }
  });

  it("counts an AI step's answered customers by how the AI ended the call, a handover as 已转人工 with what the agent recorded under it", async () => {
    const steps = await stepsOf(admin);
    expect(steps.map((s) => [s.stepNo, s.channel, s.agentCallbacks])).toEqual([
      [1, 'ai_call', false],
      [1, 'agent_call', true], // the callback the agent promised after the handover: an agent call of its own
      [2, 'agent_call', false],
    ]);
    const [ai, agentCallbacks, agentStep] = steps;
    expect(ai.funnel).toEqual({ targeted: 10, sent: 10, reached: 8, converted: 0 });
    // the handed-over customer promised a callback is 已转人工 here, not 约定回电 (only the AI's own promise is)
    expect(ai.endings).toEqual({ ai: { handed_off: 2, callback: 1, not_interested: 2, completed: 1, no_agent: 1 }, agent: { interested: 1, callback: 1 }, open: 1 });
    // the step's calls only: the two AI callbacks still to call, not the agent's callback (done)
    expect(ai.byState).toEqual({ done: 10, planned: 2 });
    expect(ai.byOutcome).toEqual({ answered: 8, no_answer: 2 });

    expect(agentCallbacks.funnel).toEqual({ targeted: 1, sent: 1, reached: 1, converted: 0 });
    expect(agentCallbacks.endings).toEqual({ ai: {}, agent: { activated: 1 }, open: 0 });
    expect(agentCallbacks.byState).toEqual({ done: 1 });

    // an agent step's callbacks are its own calls: no row of their own
    expect(agentStep.funnel).toEqual({ targeted: 2, sent: 2, reached: 2, converted: 0 });
    expect(agentStep.endings).toEqual({ ai: {}, agent: { not_interested: 1, callback: 1 }, open: 0 });
    expect(agentStep.byState).toEqual({ done: 2, planned: 1 });
  });

  it('counts only the branch of a user who has one', async () => {
    const steps = await stepsOf(await t.userToken('campaign_manager', 'callsManagerBR001'));
    expect(steps.map((s) => [s.stepNo, s.channel, s.funnel.reached, s.endings])).toEqual([
      [1, 'ai_call', 4, { ai: { handed_off: 2, callback: 1, not_interested: 1 }, agent: { interested: 1, callback: 1 }, open: 0 }],
      [1, 'agent_call', 1, { ai: {}, agent: { activated: 1 }, open: 0 }],
      [2, 'agent_call', 1, { ai: {}, agent: { not_interested: 1 }, open: 0 }],
    ]);
  });

  it('exports a column for each ending counted, in customers, before the control group; the agent callbacks on a row of their own', async () => {
    const res = await t.http.get(`/api/campaigns/${campaignId}/results.csv`).set(as(admin));
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual([
      '网点',
      '步骤',
      '渠道',
      '计划联系客户数',
      '已发送',
      '已触达（接通/送达）',
      '触达后转化',
      '触达率',
      '触达转化率',
      '待发送',
      '已跳过（策略拦截）',
      '智能外呼结果：完成通话',
      '智能外呼结果：已转人工',
      '智能外呼结果：约定回电',
      '智能外呼结果：无意向',
      '智能外呼结果：转人工未接通，已约回电',
      '坐席处理：有意向',
      '坐席处理：已开通',
      '坐席处理：无意向',
      '坐席处理：预约回电',
      '已接通未记录结果',
      '对照组客户数',
      '对照组已转化',
      '对照组转化率',
    ]);
    // an AI outcome has no cell on an agent call; the control group is the first step's own
    expect(rows.map((r) => r.join(','))).toEqual([
      'BR001,第1步,智能外呼,5,5,4,0,80.0%,0.0%,1,0,0,2,1,1,0,1,0,0,1,0,0,0,',
      'BR001,第1步,人工回电（转人工后）,1,1,1,0,100.0%,0.0%,0,0,,,,,,0,1,0,0,0,,,',
      'BR001,第2步,人工外呼,1,1,1,0,100.0%,0.0%,0,0,,,,,,0,0,1,0,0,,,',
      'BR002,第1步,智能外呼,5,5,4,0,80.0%,0.0%,1,0,1,0,0,1,1,0,0,0,0,1,0,0,',
      'BR002,第2步,人工外呼,1,1,1,0,100.0%,0.0%,1,0,,,,,,0,0,0,1,0,,,',
      '全部网点,第1步,智能外呼,10,10,8,0,80.0%,0.0%,2,0,1,2,1,2,1,1,0,0,1,1,0,0,',
      '全部网点,第1步,人工回电（转人工后）,1,1,1,0,100.0%,0.0%,0,0,,,,,,0,1,0,0,0,,,',
      '全部网点,第2步,人工外呼,2,2,2,0,100.0%,0.0%,1,0,,,,,,0,0,1,1,0,,,',
    ]);
  });
});

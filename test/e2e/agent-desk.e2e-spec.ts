import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import twilio from 'twilio';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import type { DeskAck, DeskAgentState, DeskCall, DeskError, Wallboard } from '@app/contracts';
import { AgentDesk, AgentState } from '@app/agent-desk';
import { AttemptClaims, Dispatcher } from '@app/dispatch';
import { AI_VOICE_BODY as VOICE, customerNo as no } from '../support/dispatch-fixtures';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';
import { freePort, until } from '../support/wait';

/**
 * The agent desk through real socket.io clients on a real port: the handshake, presence, an AI
 * call handed over through the real relay websocket and taken by the agent with its transcript,
 * the script walked (a compliance step acknowledged), notes, a callback and the disposition landing
 * on the attempt and the timeline; a campaign's agent call put straight through or abandoned; an
 * offer let lapse going to the next agent; a reload back into the same call; the wallboard.
 */
const AGENT_BODY = {
  start: 'greet',
  steps: [
    { id: 'greet', title: '开场', text: '您好，请问是{{companyName}}的{{legalRepName}}吗？我是客户经理{{agentName}}。', options: [{ label: '是本人', next: 'warn' }], dispositions: ['wrong_number', 'no_decision'] },
    { id: 'warn', title: '防诈骗提示', text: '请勿出租出借账户。', compliance: true, options: [{ label: '客户已知晓', next: 'close' }], dispositions: ['not_interested', 'callback'] },
    { id: 'close', title: '结束', text: '感谢接听，再见。', options: [], dispositions: ['completed', 'callback', 'not_interested'] },
  ],
};

interface Console {
  socket: Socket;
  states: DeskAgentState[];
  offers: DeskCall[];
  assigned: DeskCall[];
  steps: Array<{ callId: number; step: { id: string }; visited: string[] }>;
  statuses: Array<{ callId: number; state: string }>;
  turns: Array<{ callId: number; turn: { text: string } }>;
  errors: DeskError[];
  boards: Wallboard[];
  send(event: string, payload: unknown): Promise<DeskAck>;
  state(): DeskAgentState;
}

describe('Agent desk over socket.io (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let base: string;
  let db: DataSource;
  let aiCampaign: string;
  let agentCampaign: string;
  let previewSegment: string;
  let progressiveSegment: string;
  const token = 'desk-test-token-0123456789';
  const consoles: Console[] = [];
  const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const sql = (text: string) => (db.options.type === 'postgres' ? text : text.replace(/\$\d+/g, '?'));
  const signed = (path: string, params: Record<string, string>) => request(base).post(path).type('form').set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(token, `${base}${path}`, params)).send(params);

  async function connect(jwt: string | undefined): Promise<Console> {
    const socket = io(`${base}/agent-desk`, { auth: jwt === undefined ? {} : { token: jwt }, transports: ['websocket'], reconnection: false, forceNew: true });
    const c: Console = {
      socket,
      states: [],
      offers: [],
      assigned: [],
      steps: [],
      statuses: [],
      turns: [],
      errors: [],
      boards: [],
      send: (event, payload) => socket.timeout(5000).emitWithAck(event, payload) as Promise<DeskAck>,
      state: () => c.states[c.states.length - 1],
    };
    socket.on('agent.state', (s: DeskAgentState) => c.states.push(s));
    socket.on('call.offered', (x: DeskCall) => c.offers.push(x));
    socket.on('call.assigned', (x: DeskCall) => c.assigned.push(x));
    socket.on('script.step', (x: Console['steps'][number]) => c.steps.push(x));
    socket.on('call.status', (x: Console['statuses'][number]) => c.statuses.push(x));
    socket.on('transcript.turn', (x: Console['turns'][number]) => c.turns.push(x));
    socket.on('desk.error', (x: DeskError) => c.errors.push(x));
    socket.on('wallboard.update', (x: Wallboard) => c.boards.push(x));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    await until(() => c.states.length > 0, 5000, 'the agent state');
    consoles.push(c);
    return c;
  }

  /** An attempt of a campaign, dialled: in flight with its call sid, as the dispatcher leaves it. */
  let nextCustomer = 0;
  async function dialled(campaignId: string): Promise<{ attemptId: number; callSid: string; customerId: number }> {
    nextCustomer += 1;
    const [row] = await db.query(sql('SELECT a.id, a.customer_id FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE a.campaign_id = $1 AND c.customer_no = $2'), [campaignId, no(nextCustomer)]);
    const callSid = `CA${String(row.id).padStart(32, '0')}`;
    await db.query(sql("UPDATE contact_attempts SET state = 'in_flight', provider_id = $1 WHERE id = $2"), [callSid, row.id]);
    return { attemptId: Number(row.id), callSid, customerId: Number(row.customer_id) };
  }

  /** Twilio's side of a relay session, enough to talk the AI into a handoff. */
  async function relay(call: { attemptId: number; callSid: string }) {
    const url = `${base.replace('http', 'ws')}/webhooks/twilio/relay`;
    const ws = new WebSocket(url, { headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(token, url, {}) } });
    const frames: Array<{ type: string; handoffData?: string; last?: boolean }> = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'setup', sessionId: `VX${call.callSid.slice(2)}`, callSid: call.callSid, from: '+15005550006', to: '+8613900000001', direction: 'outbound-api', customParameters: { attemptId: String(call.attemptId) } }));
    return {
      frames,
      say: (text: string) => ws.send(JSON.stringify({ type: 'prompt', voicePrompt: text, lang: 'zh-CN', last: true })),
      ended: () => until(() => frames.find((f) => f.type === 'end') ?? null, 8000, 'the AI to end the session'),
      close: () => ws.close(),
    };
  }

  async function campaign(name: string, kind: 'voice' | 'agent', body: unknown, channel: 'ai_call' | 'agent_call', segmentId: string, mode = 'progressive'): Promise<string> {
    const scriptId = (await t.http.post('/api/scripts').set(as(admin)).send({ name, kind, body })).body.id;
    const res = await t.http.post('/api/campaigns').set(as(admin)).send({ name, segmentId, purpose: 'marketing', startsAt: t.clock.now().toISOString(), steps: [{ channel, scriptId }], pacing: { mode, ratio: 1, maxConcurrent: 10, maxAbandonPct: 3 } });
    expect([res.status, res.body.errors ?? res.body.message]).toEqual([201, undefined]);
    expect((await t.http.post(`/api/campaigns/${res.body.id}/start`).set(as(admin))).body.lastPlan.planned).toBeGreaterThan(0);
    return res.body.id;
  }

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ env: { PUBLIC_BASE_URL: base, TWILIO_AUTH_TOKEN: token, RELAY_SILENCE_SECONDS: '5', HANDOFF_WAIT_SECONDS: '6', RELAY_SPEECH_MS_PER_CHAR: '0', AGENT_ANSWER_WAIT_SECONDS: '1', AGENT_OFFER_SECONDS: '10', AGENT_WRAP_UP_SECONDS: '20', WALLBOARD_INTERVAL_MS: '200', SIMULATOR_CALL_ODDS: 'answered:1', SIMULATOR_RING_SECONDS: '0.05', SIMULATOR_TALK_SECONDS: '600', DISPATCH_CALLS_PER_SECOND: '50' } });
    await t.app.listen(port, '127.0.0.1');
    db = t.app.get(DataSource);
    admin = await t.login('admin', 'Kx7-bank-2026');
    const csv = feedCsv([...Array.from({ length: 24 }, (_, i) => feedRow(i + 1)), ...[30, 31, 32, 33].map((n) => feedRow(n, { branch_code: n === 30 ? 'BR009' : 'BR001' })), ...[40, 41, 42, 43].map((n) => feedRow(n))]);
    expect((await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(csv), 'feed.csv')).body.rejected).toEqual([]);
    const segment = async (from: number, to: number) => {
      const res = await t.http.post('/api/segments').set(as(admin)).send({ name: `客户${from}至${to}`, rule: { field: 'customerNo', op: 'in', value: Array.from({ length: to - from + 1 }, (_, i) => no(from + i)) } });
      expect([res.status, res.body.message]).toEqual([201, undefined]);
      const id = res.body.id;
      await t.http.post(`/api/segments/${id}/refresh`).set(as(admin));
      return id as string;
    };
    const everyone = await segment(1, 24);
    previewSegment = await segment(30, 33);
    progressiveSegment = await segment(40, 43);
    aiCampaign = await campaign('新开户回访（AI）', 'voice', VOICE, 'ai_call', everyone);
    agentCampaign = await campaign('升级礼遇邀约（坐席）', 'agent', AGENT_BODY, 'agent_call', everyone);
  });
  afterAll(async () => {
    for (const c of consoles) c.socket.disconnect();
    await t?.close();
  });

  it('refuses a socket without a token or with a bad one', async () => {
    await expect(connect(undefined)).rejects.toThrow('auth.token is required: sign in first');
    await expect(connect('not-a-token')).rejects.toThrow('the token is invalid or expired: sign in again');
  });

  it('keeps presence on the server and answers a bad request with the field at fault', async () => {
    const agent = await connect(await t.userToken('agent', 'desk_presence'));
    expect(agent.state()).toMatchObject({ presence: 'offline', call: null });
    expect(await agent.send('presence.set', { presence: 'lunch' })).toEqual({ ok: false, error: { event: 'presence.set', field: 'presence', message: 'presence must be available, break or offline' } });
    expect(agent.errors).toEqual([{ event: 'presence.set', field: 'presence', message: 'presence must be available, break or offline' }]);
    expect((await agent.send('script.choose', { callId: 'x', option: 0 })).ok).toBe(false);
    expect(agent.errors[1]).toMatchObject({ field: 'callId' });
    expect(await agent.send('call.note', { callId: 1, text: 'hi', extra: 1 })).toMatchObject({ ok: false, error: { field: 'extra', message: 'extra is not a known field' } });
    expect(await agent.send('call.accept', { callId: 999 })).toMatchObject({ ok: false, error: { field: 'callId', message: '通话 999 不在您名下' } });
    expect(await agent.send('presence.set', { presence: 'break' })).toEqual({ ok: true });
    await until(() => agent.state().presence === 'break', 3000, 'break');
    expect(await agent.send('presence.set', { presence: 'offline' })).toEqual({ ok: true });
    await until(() => agent.state().presence === 'offline', 3000, 'offline');

    // an agent left marked connected by an instance that died: the sweep finds no console and marks them gone
    await t.userToken('agent', 'desk_ghost');
    const [ghost] = await db.query(sql("SELECT id FROM users WHERE username = 'desk_ghost'"));
    await db.getRepository(AgentState).insert({ agentId: ghost.id, presence: 'available', presenceSince: t.clock.now(), idleSince: t.clock.now(), maxCalls: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await t.app.get(AgentDesk).sweepConsoles()).toBe(1);
    const [gone] = await db.query(sql('SELECT disconnected_at FROM agent_states WHERE agent_id = $1'), [ghost.id]);
    expect(gone.disconnected_at).not.toBeNull();
    // the agent connected here is left alone
    const [here] = await db.query(sql("SELECT a.disconnected_at FROM agent_states a JOIN users u ON u.id = a.agent_id WHERE u.username = 'desk_presence'"));
    expect(here.disconnected_at).toBeNull();
  });

  it('hands an AI call over: the agent is offered it with the transcript, accepts, walks the script, notes, plans a callback and disposes', async () => {
    const wang = await t.userToken('agent', 'desk_wang');
    const agent = await connect(wang);
    const boss = await t.userToken('supervisor', 'desk_boss');
    const supervisor = await connect(boss);
    expect(await agent.send('presence.set', { presence: 'available' })).toEqual({ ok: true });
    const board = await until(() => supervisor.boards.find((b) => b.agents.some((a) => a.name === 'desk_wang' && a.presence === 'available')), 5000, 'the wallboard to show the agent available');
    // agents are on the board; a supervisor only once they take calls themselves
    expect(board.agents.map((a) => a.name)).not.toContain('desk_boss');
    // another branch's supervisor watches that branch only: not this agent, nor this branch's calls
    expect((await t.http.post('/api/users').set(as(admin)).send({ username: 'desk_boss9', password: 'Kx7-boss9-secret', role: 'supervisor', branchCode: 'BR009' })).status).toBe(201);
    const other = await connect(await t.login('desk_boss9', 'Kx7-boss9-secret'));
    const otherBoard = await until(() => other.boards.at(-1), 5000, 'the other branch’s wallboard');
    expect(otherBoard.agents.map((a) => a.name)).not.toContain('desk_wang');

    const call = await dialled(aiCampaign);
    const customer = await relay(call);
    customer.say('是的，是我');
    customer.say('听清楚了');
    customer.say('我想了解一下怎么办理');
    const offer = await until(() => agent.offers[0], 8000, 'the offer');
    expect(offer).toMatchObject({ kind: 'ai_handoff', state: 'offered', attemptId: call.attemptId, campaignName: '新开户回访（AI）', handoff: { reason: 'interested' } });
    expect(offer.customer).toMatchObject({ id: call.customerId, customerNo: no(1) });
    expect(offer.customer.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(offer.handoff!.transcript.filter((x) => x.speaker === 'customer').map((x) => x.text)).toEqual(['是的，是我', '听清楚了', '我想了解一下怎么办理']);
    expect(offer.handoff!.intents).toEqual(expect.arrayContaining(['yes', 'interested']));
    expect(offer.handoff).toMatchObject({ stoppedAtTitle: '网银激活' });
    expect(offer.stepTitles).toMatchObject({ take_over: '接续智能外呼', fraud_warning: '防诈骗与严禁出租出借账户提示' });
    expect(offer.offerExpiresAt).not.toBeNull();
    // the campaign has no agent script: the desk's own handoff script, in the agent's words
    expect(offer.step).toMatchObject({ id: 'take_over', title: '接续智能外呼', compliance: false });
    expect(offer.step.text).toContain('我是示例银行远程银行中心的客户经理desk_wang');
    await until(() => supervisor.boards.find((b) => b.agents.some((a) => a.name === 'desk_wang' && a.presence === 'reserved') && b.today.handoffs === 1), 5000, 'the wallboard to show the offer');

    expect(await agent.send('call.accept', { callId: offer.id })).toEqual({ ok: true });
    const end = await customer.ended();
    const data = JSON.parse(end.handoffData!);
    expect(data.agent).toMatchObject({ name: 'desk_wang', identity: expect.stringMatching(/^agent_/) });
    const bridged = await signed(`/webhooks/twilio/voice/relay-action/${call.attemptId}`, { CallSid: call.callSid, SessionId: 'VX1', SessionStatus: 'ended', HandoffData: end.handoffData! });
    expect(bridged.text).toContain(`<Dial answerOnBridge="true"><Client>${data.agent.identity}</Client></Dial>`);
    customer.close();
    await until(() => agent.statuses.find((s) => s.callId === offer.id && s.state === 'connected'), 5000, 'connected');
    expect(agent.assigned[0]).toMatchObject({ id: offer.id, state: 'connected' });
    await until(() => agent.state().presence === 'on_call', 3000, 'on call');

    expect(await agent.send('script.choose', { callId: offer.id, option: 0, from: 'take_over' })).toEqual({ ok: true });
    await until(() => agent.steps.find((s) => s.step.id === 'needs'), 3000, 'the next step');
    // the same choice sent again (a retry after a timeout) is refused: the script does not step twice
    expect(await agent.send('script.choose', { callId: offer.id, option: 0, from: 'take_over' })).toMatchObject({ ok: false, error: { field: 'from', message: '话术已在“解答客户诉求”，这次选择针对的“接续智能外呼”已过去，未重复执行' } });
    expect(await agent.send('call.disposition', { callId: offer.id, disposition: 'completed' })).toMatchObject({ ok: false, error: { field: 'disposition', message: '在“解答客户诉求”这一步只能选择：预约回电、无意向、要求勿再来电、未决定' } });
    expect(await agent.send('script.choose', { callId: offer.id, option: 0 })).toEqual({ ok: true });
    // the fraud warning is a compliance step: not passed without the agent's word that it was read
    expect(await agent.send('script.choose', { callId: offer.id, option: 0 })).toMatchObject({ ok: false, error: { field: 'acknowledged' } });
    expect(await agent.send('script.choose', { callId: offer.id, option: 0, acknowledged: true })).toEqual({ ok: true });
    const last = await until(() => agent.steps.find((s) => s.step.id === 'close'), 3000, 'the close step');
    expect(last.visited).toEqual(['take_over', 'needs', 'fraud_warning', 'close']);
    expect(await agent.send('call.note', { callId: offer.id, text: '客户想办企业网银，已告知所需材料' })).toEqual({ ok: true });
    expect(await agent.send('callback.schedule', { callId: offer.id, at: '2026-11-22T01:00:00Z' })).toMatchObject({ ok: false, error: { field: 'at', message: '回电时间须晚于现在' } });
    expect(await agent.send('callback.schedule', { callId: offer.id, at: '2026-11-24T02:00:00Z', note: '明早十点回访网银开通情况' })).toEqual({ ok: true });
    expect(await agent.send('call.disposition', { callId: offer.id, disposition: 'interested' })).toEqual({ ok: true });
    await until(() => agent.state().presence === 'available' && agent.state().call === null, 3000, 'available again');
    const after = await until(() => supervisor.boards.find((b) => b.today.handled === 1), 5000, 'the wallboard to count the call');
    expect(after.today).toMatchObject({ connected: 1, handoffs: 1, answered: 0, abandoned: 0, abandonRatePct: 0 });
    const otherAfter = await until(() => other.boards.find((b) => Date.parse(b.at) >= Date.parse(after.at)), 5000, 'the other branch’s wallboard as late');
    expect(otherAfter.today).toMatchObject({ connected: 0, handoffs: 0, handled: 0 });

    const [attempt] = await db.query(sql('SELECT disposition, detail FROM contact_attempts WHERE id = $1'), [call.attemptId]);
    expect(attempt).toEqual({ disposition: 'interested', detail: '坐席desk_wang：有意向；客户想办企业网银，已告知所需材料' });
    const events = await db.query(sql("SELECT kind, summary, actor_name FROM contact_events WHERE customer_id = $1 AND kind IN ('agent_disposition', 'callback_planned') ORDER BY id"), [call.customerId]);
    expect(events).toEqual([
      { kind: 'callback_planned', summary: '已预约回电（desk_wang）：明早十点回访网银开通情况', actor_name: 'desk_wang' },
      { kind: 'agent_disposition', summary: '坐席desk_wang：有意向；客户想办企业网银，已告知所需材料', actor_name: 'desk_wang' },
    ]);
    const planned = await db.query(sql("SELECT channel, due_at FROM contact_attempts WHERE campaign_id = $1 AND customer_id = $2 AND state = 'planned' AND attempt_no = 2"), [aiCampaign, call.customerId]);
    // the agent calls back themselves, whatever reached the customer first
    expect(planned).toMatchObject([{ channel: 'agent_call' }]);

    // the callback is the agent's: in their list with what was agreed and the call it was agreed on
    const earlier = { kind: 'ai_handoff', agentName: 'desk_wang', disposition: 'interested', notes: ['客户想办企业网银，已告知所需材料'] };
    const mine = await t.http.get('/api/desk/callbacks').set(as(wang));
    expect([mine.status, mine.body]).toEqual([200, [expect.objectContaining({ dueAt: '2026-11-24T02:00:00.000Z', due: false, reason: '明早十点回访网银开通情况', campaignId: aiCampaign, agentName: 'desk_wang', customer: expect.objectContaining({ id: call.customerId, phoneMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) }), earlier: expect.objectContaining(earlier) })]]);
    expect((await t.http.get('/api/desk/callbacks').set(as(await t.userToken('agent')))).body).toEqual([]);
    expect((await t.http.get('/api/desk/callbacks').set(as(boss))).body.map((c: { attemptId: number }) => c.attemptId)).toEqual([mine.body[0].attemptId]);
    expect((await t.http.get('/api/desk/callbacks?of=everyone').set(as(boss))).status).toBe(400);
    // next morning it is offered to this agent, with the handover's transcript and the notes; the dispatcher leaves it to them
    const today = t.clock.now();
    t.clock.set('2026-11-24T02:00:30Z');
    const back = await until(() => agent.offers.find((o) => o.attemptId === mine.body[0].attemptId), 5000, 'the callback offered');
    expect(back).toMatchObject({ kind: 'preview', state: 'offered', step: { id: 'call_back' }, callback: { reason: '明早十点回访网银开通情况', earlier: expect.objectContaining(earlier) }, handoff: { reason: expect.any(String) } });
    expect(back.step.text).toContain('之前和您约好今天回电');
    expect(back.handoff!.transcript.length).toBeGreaterThan(0);
    expect(await t.app.get(AttemptClaims).claimDue(aiCampaign, 'agent_call', 10, 10, 'another-dispatcher', t.clock.now(), new Date(Date.parse('2026-11-24T02:05:00Z')))).toEqual([]);
    expect(await agent.send('call.dial', { callId: back.id })).toEqual({ ok: true });
    await until(() => agent.assigned.find((c) => c.id === back.id), 8000, 'the callback answered');
    expect(await agent.send('call.disposition', { callId: back.id, disposition: 'no_decision', note: '客户在开会，稍后自行办理' })).toEqual({ ok: true });
    expect((await t.http.get('/api/desk/callbacks').set(as(wang))).body).toEqual([]);
    expect(await agent.send('presence.set', { presence: 'offline' })).toEqual({ ok: true });
    t.clock.set(today);
  });

  it('puts an answered agent call straight through to a free agent, and plays the message when none is free', async () => {
    const nobody = await dialled(agentCampaign);
    const params = (c: { callSid: string }) => ({ CallSid: c.callSid, AccountSid: 'AC' + '0'.repeat(32), CallStatus: 'in-progress', From: '+15005550006', To: '+8613900000001' });
    const abandoned = await signed(`/webhooks/twilio/voice/twiml/${nobody.attemptId}`, params(nobody));
    expect(abandoned.text).toContain('<Say language="zh-CN">您好，这里是银行远程服务中心。很抱歉，目前客户经理均在通话中');
    expect(abandoned.text).toContain('<Hangup/>');
    const [{ state }] = await db.query(sql('SELECT state FROM desk_calls WHERE attempt_id = $1'), [nobody.attemptId]);
    expect(state).toBe('abandoned');

    const liToken = await t.userToken('agent', 'desk_li');
    const agent = await connect(liToken);
    expect(await agent.send('presence.set', { presence: 'available' })).toEqual({ ok: true });
    const call = await dialled(agentCampaign);
    const answered = await signed(`/webhooks/twilio/voice/twiml/${call.attemptId}`, params(call));
    expect(answered.text).toMatch(/<Dial answerOnBridge="true"><Client>agent_[\w]+<\/Client><\/Dial>/);
    const assigned = await until(() => agent.assigned[0], 3000, 'the assignment');
    expect(assigned).toMatchObject({ kind: 'outbound', state: 'connected', attemptId: call.attemptId, campaignName: '升级礼遇邀约（坐席）', handoff: null, step: { id: 'greet' } });
    expect(assigned.step.text).toContain('我是客户经理desk_li');

    // a reload: the console comes back into the same call at the same step
    expect(await agent.send('script.choose', { callId: assigned.id, option: 0 })).toEqual({ ok: true });
    await until(() => agent.steps.find((s) => s.step.id === 'warn'), 3000, 'the warning step');
    agent.socket.disconnect();
    const again = await connect(liToken);
    expect(again.state()).toMatchObject({ presence: 'on_call', call: { id: assigned.id, step: { id: 'warn', compliance: true, acknowledged: false } } });

    // the customer hangs up: the carrier's completed status puts the agent in wrap-up
    const done = await signed('/webhooks/twilio/voice/status', { CallSid: call.callSid, CallStatus: 'completed', CallDuration: '42', AccountSid: 'AC' + '0'.repeat(32) });
    expect(done.status).toBeLessThan(300);
    await until(() => again.state().presence === 'wrap_up', 5000, 'wrap-up');
    expect(again.state().wrapUpUntil).not.toBeNull();
    expect(await again.send('presence.set', { presence: 'available' })).toMatchObject({ ok: false, error: { field: 'presence', message: '请先提交本次通话的结果，再切换状态' } });
    // wrap-up runs out: the call is closed as undecided and the agent is free
    t.clock.advance(21_000);
    await until(() => again.state().presence === 'available', 5000, 'available after wrap-up');
    const [desk] = await db.query(sql('SELECT state, disposition FROM desk_calls WHERE attempt_id = $1'), [call.attemptId]);
    expect(desk).toEqual({ state: 'done', disposition: 'no_decision' });
    expect(await again.send('presence.set', { presence: 'offline' })).toEqual({ ok: true });
  });

  it('gives an offer nobody accepts to the next agent, and puts the one who let it ring on a break', async () => {
    const first = await connect(await t.userToken('agent', 'desk_zhao'));
    expect(await first.send('presence.set', { presence: 'available' })).toEqual({ ok: true });
    t.clock.advance(1000);
    const second = await connect(await t.userToken('agent', 'desk_qian'));
    expect(await second.send('presence.set', { presence: 'available' })).toEqual({ ok: true });
    const call = await dialled(aiCampaign);
    const customer = await relay(call);
    customer.say('帮我转人工');
    // the longest idle first
    const offer = await until(() => first.offers[0], 8000, 'the first offer');
    expect(second.offers).toEqual([]);
    t.clock.advance(11_000);
    const moved = await until(() => second.offers[0], 5000, 'the offer to move on');
    expect(moved.id).toBe(offer.id);
    await until(() => first.state().presence === 'break', 3000, 'the first agent on a break');
    expect(first.state().note).toBe('10 秒内未接听来电，已转给其他坐席并将您置为小休');
    expect(await first.send('call.accept', { callId: offer.id })).toMatchObject({ ok: false, error: { field: 'callId' } });
    expect(await second.send('call.reject', { callId: offer.id })).toEqual({ ok: true });
    // nobody left: the customer is told and called back; the queue is empty again
    await customer.ended();
    customer.close();
    await until(async () => (await db.query(sql('SELECT state FROM desk_calls WHERE id = $1'), [offer.id]))[0].state === 'withdrawn', 8000, 'the call to leave the queue');
    // the supervisor sees a handover nobody took
    const watcher = await connect(await t.userToken('supervisor'));
    await until(() => watcher.boards.find((b) => b.today.handoffsMissed === 1), 5000, 'the wallboard to count the handover missed');
    for (const agent of [first, second]) expect(await agent.send('presence.set', { presence: 'offline' })).toEqual({ ok: true });
  });

  it('previews a customer of the agent’s own branch (never another’s) to a free agent, skips on request, and dials only when the agent presses dial', async () => {
    const agent = await connect(await t.userToken('agent', 'desk_sun'));
    const previewCampaign = await campaign('久未动户回访（预览）', 'agent', AGENT_BODY, 'agent_call', previewSegment, 'preview');
    expect(await agent.send('presence.set', { presence: 'available' })).toEqual({ ok: true });
    const first = await until(() => agent.offers[0], 5000, 'a preview');
    expect(first).toMatchObject({ kind: 'preview', state: 'offered', campaignName: '久未动户回访（预览）', offerExpiresAt: null, customer: { customerNo: no(31), branchCode: 'BR001' }, step: { id: 'greet' } });
    // nothing is dialled while the agent looks
    const [attempt] = await db.query(sql('SELECT state, provider_id FROM contact_attempts WHERE id = $1'), [first.attemptId]);
    expect(attempt).toEqual({ state: 'planned', provider_id: null });
    expect(await agent.send('call.accept', { callId: first.id })).toMatchObject({ ok: false, error: { field: 'callId', message: '预览外呼请按“拨打”呼叫客户' } });
    expect(await agent.send('call.reject', { callId: first.id })).toEqual({ ok: true });
    const second = await until(() => agent.offers[1], 5000, 'the next preview');
    expect(second.customer.customerNo).not.toBe(no(31));
    expect(second.attemptId).not.toBe(first.attemptId);
    expect(await agent.send('call.dial', { callId: second.id })).toEqual({ ok: true });
    // the simulator answers; the call is put through to this agent, not routed to another
    const assigned = await until(() => agent.assigned.find((c) => c.id === second.id), 8000, 'the answered preview');
    expect(assigned).toMatchObject({ kind: 'preview', state: 'connected' });
    const [dialled] = await db.query(sql('SELECT state, provider_id FROM contact_attempts WHERE id = $1'), [second.attemptId]);
    expect(dialled.state).toBe('in_flight');
    expect(dialled.provider_id).toMatch(/^CA/);
    expect(await agent.send('call.disposition', { callId: second.id, disposition: 'wrong_number', note: '不是本人' })).toEqual({ ok: true });
    const [done] = await db.query(sql('SELECT disposition FROM contact_attempts WHERE id = $1'), [second.attemptId]);
    expect(done.disposition).toBe('wrong_number');
    // free again: the last customer is previewed; going offline puts them back for later
    const third = await until(() => agent.offers[2], 5000, 'the third preview');
    expect([first.attemptId, second.attemptId]).not.toContain(third.attemptId);
    // customer 30 is of another branch: never shown to this branch's agent
    expect([first, second, third].map((c) => c.customer.branchCode)).toEqual(['BR001', 'BR001', 'BR001']);
    expect(await agent.send('presence.set', { presence: 'offline' })).toEqual({ ok: true });
    await until(() => agent.state().presence === 'offline' && agent.state().call === null, 3000, 'offline with no call');
    const [left] = await db.query(sql('SELECT d.state AS desk, a.state AS attempt FROM desk_calls d JOIN contact_attempts a ON a.id = d.attempt_id WHERE d.id = $1'), [third.id]);
    expect(left).toEqual({ desk: 'withdrawn', attempt: 'planned' });

    // the evening comes while that customer waits: not shown to a free agent, but moved to the next calling window
    const morning = t.clock.now();
    t.clock.set(new Date('2026-11-23T13:30:00Z')); // 21:30 in Shanghai
    try {
      expect(await agent.send('presence.set', { presence: 'available' })).toEqual({ ok: true });
      const moved = await until(async () => {
        const [row] = await db.query(sql('SELECT state, detail FROM contact_attempts WHERE id = $1'), [third.attemptId]);
        return String(row.detail ?? '').startsWith('发送前复核') ? row : null;
      }, 5000, 'the waiting customer moved to the next window');
      expect(moved).toEqual({ state: 'planned', detail: expect.stringMatching(/^发送前复核：21:30 不在.*内$/) });
      await new Promise((r) => setTimeout(r, 1200));
      expect(agent.offers).toHaveLength(3);
      expect(await agent.send('presence.set', { presence: 'offline' })).toEqual({ ok: true });
    } finally {
      t.clock.set(morning);
    }
    await t.http.post(`/api/campaigns/${previewCampaign}/pause`).set(as(admin));
  });

  it('paces a progressive campaign by the free agents: one call per free agent, none while the agent talks', async () => {
    for (const id of [aiCampaign, agentCampaign]) await t.http.post(`/api/campaigns/${id}/pause`).set(as(admin));
    const dispatcher = t.app.get(Dispatcher);
    const progressive = await campaign('升级礼遇（渐进式）', 'agent', AGENT_BODY, 'agent_call', progressiveSegment);
    expect((await dispatcher.dispatch()).claimed).toBe(0);
    // a free agent of a branch none of its customers belong to dials nothing for it (they could not take the call)
    const created = await t.http.post('/api/users').set(as(admin)).send({ username: 'desk_br9', password: 'Kx7-br9-secret', role: 'agent', branchCode: 'BR009' });
    expect(created.status).toBe(201);
    const elsewhere = await connect(await t.login('desk_br9', 'Kx7-br9-secret'));
    expect(await elsewhere.send('presence.set', { presence: 'available' })).toEqual({ ok: true });
    expect((await dispatcher.dispatch()).claimed).toBe(0);
    const agent = await connect(await t.userToken('agent', 'desk_zhou'));
    expect(await agent.send('presence.set', { presence: 'available' })).toEqual({ ok: true });
    expect((await dispatcher.dispatch()).claimed).toBe(1);
    // the call is ringing: no second call for the same agent
    expect((await dispatcher.dispatch()).claimed).toBe(0);
    const call = await until(() => agent.assigned[0], 8000, 'the answered call put through');
    expect(call).toMatchObject({ kind: 'outbound', state: 'connected', campaignName: '升级礼遇（渐进式）' });
    expect((await dispatcher.dispatch()).claimed).toBe(0);
    expect(await agent.send('call.disposition', { callId: call.id, disposition: 'wrong_number' })).toEqual({ ok: true });
    // the customer was still on the line (the simulator talks for 10 minutes): the disposition hangs the carrier call up
    const ended = await until(async () => {
      const [row] = await db.query(sql('SELECT state, outcome, disposition FROM contact_attempts WHERE id = $1'), [call.attemptId]);
      return row.state === 'done' && row.outcome ? row : null;
    }, 5000, 'the carrier call hung up after the disposition');
    expect(ended).toEqual({ state: 'done', outcome: 'answered', disposition: 'wrong_number' });
    await until(() => agent.state().presence === 'available', 3000, 'available');
    expect((await dispatcher.dispatch()).claimed).toBe(1);
    const [{ n }] = await db.query(sql("SELECT count(*) AS n FROM contact_attempts WHERE campaign_id = $1 AND state = 'planned'"), [progressive]);
    expect(Number(n)).toBe(2);
    // the other branch's agent was never offered one of them
    expect(elsewhere.offers).toEqual([]);
    expect(elsewhere.assigned).toEqual([]);
    await t.http.post(`/api/campaigns/${progressive}/pause`).set(as(admin));
  });
});

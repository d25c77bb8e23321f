import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import twilio from 'twilio';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { AgentHandoff, ConversationRecorder } from '@app/conversations';
import { AI_VOICE_BODY as VOICE, customerNo as no } from '../support/dispatch-fixtures';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';
import { freePort, until } from '../support/wait';

/**
 * AI calls over a real websocket, the test playing Twilio's side of ConversationRelay: the TwiML
 * that connects an answered call, the dialogue frame by frame, and what each ending leaves behind
 * (the conversation and its turns, the attempt, the timeline, do-not-contact, a planned callback,
 * the handoff bridged to an agent). Monday 2026-11-23, 10:00 in Shanghai, a frozen clock.
 */
interface Frame {
  type: string;
  token?: string;
  last?: boolean;
  handoffData?: string;
}

describe('AI calls over ConversationRelay (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let base: string;
  let db: DataSource;
  let campaignId: string;
  const token = 'relay-test-token-0123456789';
  const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const sql = (text: string) => (db.options.type === 'postgres' ? text : text.replace(/\$\d+/g, '?'));

  /** An attempt of the campaign, now dialled: in flight with its call sid, as the dispatcher leaves it. */
  let nextCustomer = 0;
  async function dialled(): Promise<{ attemptId: number; callSid: string; customerId: number }> {
    nextCustomer += 1;
    const [row] = await db.query(sql('SELECT a.id, a.customer_id FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE a.campaign_id = $1 AND c.customer_no = $2'), [campaignId, no(nextCustomer)]);
    const callSid = `CA${String(row.id).padStart(32, '0')}`;
    await db.query(sql("UPDATE contact_attempts SET state = 'in_flight', provider_id = $1 WHERE id = $2"), [callSid, row.id]);
    return { attemptId: Number(row.id), callSid, customerId: Number(row.customer_id) };
  }

  /** Twilio's side of one relay session. */
  async function relay(call: { attemptId: number; callSid: string }, signature?: string) {
    const url = `${base.replace('http', 'ws')}/webhooks/twilio/relay`;
    const ws = new WebSocket(url, { headers: { 'X-Twilio-Signature': signature ?? twilio.getExpectedTwilioSignature(token, url, {}) } });
    const frames: Frame[] = [];
    let closed: { code: number; reason: string } | null = null;
    ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
    ws.on('close', (code, reason) => (closed = { code, reason: String(reason) }));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const send = (frame: unknown) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    send({ type: 'setup', sessionId: `VX${call.callSid.slice(2)}`, callSid: call.callSid, from: '+15005550006', to: '+8613900000001', direction: 'outbound-api', customParameters: { attemptId: String(call.attemptId) } });
    let seen = 0;
    return {
      frames,
      send,
      closed: () => closed,
      close: () => ws.close(),
      /** What the AI says next, as the text tokens up to the one marked last. */
      async says(): Promise<string> {
        return until(() => {
          const at = frames.findIndex((f, i) => i >= seen && f.type === 'text' && f.last);
          if (at < 0) return null;
          const said = frames.slice(seen, at + 1).filter((f) => f.type === 'text').map((f) => f.token).join('');
          seen = at + 1;
          return said;
        }, 5000, 'the AI to speak');
      },
      /** The customer speaks: a partial transcription, then the final one. */
      async answer(text: string): Promise<string> {
        send({ type: 'prompt', voicePrompt: text.slice(0, 1), lang: 'zh-CN', last: false });
        send({ type: 'prompt', voicePrompt: text, lang: 'zh-CN', last: true });
        return this.says();
      },
      async ended(): Promise<Frame> {
        return until(() => frames.find((f) => f.type === 'end') ?? null, 5000, 'the AI to end the session');
      },
    };
  }

  interface Ended {
    id: number;
    status: string;
    outcome: string;
    summary: string;
    step: string;
    handoff: string | null;
  }
  interface Turn {
    speaker: string;
    text: string;
    intent: string | null;
    step: string | null;
  }
  async function conversationOf(attemptId: number) {
    const recorder = t.app.get(ConversationRecorder);
    const [c] = await until(async () => {
      const rows: Ended[] = await db.query(sql('SELECT id, status, outcome, summary, step, handoff FROM conversations WHERE attempt_id = $1'), [attemptId]);
      return rows.length && rows[0].status === 'ended' ? rows : null;
    }, 5000, 'the conversation to end');
    await recorder.flushed(Number(c.id));
    const turns = await db.query(sql('SELECT speaker, text, intent, step FROM conversation_turns WHERE conversation_id = $1 ORDER BY seq'), [c.id]);
    return { ...c, handoff: c.handoff ? JSON.parse(c.handoff) : null, turns: turns as Turn[] };
  }

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ env: { PUBLIC_BASE_URL: base, TWILIO_AUTH_TOKEN: token, RELAY_SILENCE_SECONDS: '1', HANDOFF_WAIT_SECONDS: '1', RELAY_SPEECH_MS_PER_CHAR: '0' } });
    await t.app.listen(port, '127.0.0.1');
    db = t.app.get(DataSource);
    admin = await t.login('admin', 'Kx7-bank-2026');
    const csv = feedCsv(Array.from({ length: 12 }, (_, i) => feedRow(i + 1)));
    expect((await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(csv), 'feed.csv')).body.rejected).toEqual([]);
    const segmentId = (await t.http.post('/api/segments').set(as(admin)).send({ name: '十二位客户', rule: { field: 'customerNo', op: 'in', value: Array.from({ length: 12 }, (_, i) => no(i + 1)) } })).body.id;
    await t.http.post(`/api/segments/${segmentId}/refresh`).set(as(admin));
    const scriptId = (await t.http.post('/api/scripts').set(as(admin)).send({ name: '新开户回访', kind: 'voice', body: VOICE })).body.id;
    const res = await t.http.post('/api/campaigns').set(as(admin)).send({ name: '新开户回访', segmentId, purpose: 'marketing', startsAt: t.clock.now().toISOString(), steps: [{ channel: 'ai_call', scriptId }] });
    expect(res.status).toBe(201);
    campaignId = res.body.id;
    expect((await t.http.post(`/api/campaigns/${campaignId}/start`).set(as(admin))).body.lastPlan.planned).toBeGreaterThan(0);
  });
  afterAll(() => t?.close());

  it('answers an answered AI call with TwiML that connects ConversationRelay in Mandarin, greeting from the script', async () => {
    const call = await dialled();
    const path = `/webhooks/twilio/voice/twiml/${call.attemptId}`;
    const params = { CallSid: call.callSid, AccountSid: 'AC' + '0'.repeat(32), CallStatus: 'in-progress', From: '+15005550006', To: '+8613900000001' };
    const res = await request(base).post(path).type('form').set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(token, `${base}${path}`, params)).send(params);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<Connect action="${base}/webhooks/twilio/voice/relay-action/${call.attemptId}">`);
    expect(res.text).toMatch(new RegExp(`<ConversationRelay url="ws://127.0.0.1:\\d+/webhooks/twilio/relay" language="zh-CN" welcomeGreeting="您好，这里是远程银行中心。请问您是[^"]+的法定代表人吗？"`));
    expect(res.text).toContain(`<Parameter name="attemptId" value="${call.attemptId}"/>`);
  });

  it('walks the script with the customer and writes the whole call down', async () => {
    const call = await dialled();
    const twilioSide = await relay(call);
    expect(await twilioSide.answer('是的，是我')).toBe('请勿出租出借账户，听清楚了吗？');
    expect(await twilioSide.answer('听清楚了')).toBe('企业网银激活顺利吗？');
    expect(await twilioSide.answer('挺顺利的')).toBe('感谢您的配合，再见！');
    expect(await twilioSide.ended()).toEqual({ type: 'end' });
    // tokens are streamed clause by clause, `last` only on the final one
    expect(twilioSide.frames.filter((f) => f.type === 'text').length).toBeGreaterThan(3);

    const c = await conversationOf(call.attemptId);
    expect(c).toMatchObject({ outcome: 'completed', step: 'closing', summary: '智能外呼：完成通话，停在「结束语」，共 3 轮' });
    expect(c.turns.map((x) => [x.speaker, x.intent])).toEqual([
      ['ai', null],
      ['customer', 'yes'],
      ['ai', null],
      ['customer', 'yes'],
      ['ai', null],
      ['customer', 'yes'],
      ['ai', null],
    ]);
    const [attempt] = await db.query(sql('SELECT disposition, detail FROM contact_attempts WHERE id = $1'), [call.attemptId]);
    expect(attempt).toEqual({ disposition: 'completed', detail: c.summary });
    const [event] = await db.query(sql("SELECT summary FROM contact_events WHERE attempt_id = $1 AND kind = 'ai_conversation'"), [call.attemptId]);
    expect(event.summary).toBe(c.summary);
  });

  it('"stop calling me" puts the customer on do-not-contact for marketing calls at once', async () => {
    const call = await dialled();
    const twilioSide = await relay(call);
    expect(await twilioSide.answer('别再打了，烦不烦')).toContain('今后不再就此类营销内容给您致电');
    await twilioSide.ended();
    expect((await conversationOf(call.attemptId)).outcome).toBe('opted_out');
    const dnc = await db.query(sql('SELECT channel, scope, source FROM do_not_contact WHERE customer_id = $1 AND removed_at IS NULL'), [call.customerId]);
    expect(dnc).toEqual([{ channel: 'call', scope: 'marketing', source: 'call' }]);
  });

  it('"call me tomorrow at 3" plans a callback attempt for then', async () => {
    const call = await dialled();
    const twilioSide = await relay(call);
    expect(await twilioSide.answer('我在开会，明天下午三点再打吧')).toBe('好的，我们会在11月24日 15:00再给您来电，再见。');
    await twilioSide.ended();
    expect((await conversationOf(call.attemptId)).outcome).toBe('callback');
    const planned = await db.query(sql("SELECT attempt_no, state, due_at FROM contact_attempts WHERE campaign_id = $1 AND customer_id = $2 AND state = 'planned'"), [campaignId, call.customerId]);
    expect(planned).toHaveLength(1);
    expect(Number(planned[0].attempt_no)).toBe(2);
    expect(new Date(planned[0].due_at instanceof Date ? planned[0].due_at : `${String(planned[0].due_at).replace(' ', 'T')}Z`).toISOString()).toBe('2026-11-24T07:00:00.000Z');
  });

  it('hands an interested customer to a free agent with the conversation, and the session end dials that agent', async () => {
    const handoff = t.app.get(AgentHandoff);
    const reserve = jest.spyOn(handoff, 'reserve').mockResolvedValue({ id: '7', name: '王敏', identity: 'agent-7' });
    const connected = jest.spyOn(handoff, 'connected');
    try {
      const call = await dialled();
      const twilioSide = await relay(call);
      await twilioSide.answer('是我');
      await twilioSide.answer('清楚');
      expect(await twilioSide.answer('我想了解一下怎么办理')).toBe('好的，我为您转接专属客户经理为您详细介绍，请稍候。');
      const end = await twilioSide.ended();
      const data = JSON.parse(end.handoffData as string);
      expect(data).toMatchObject({ reasonCode: 'live-agent-handoff', reason: 'interested', attemptId: call.attemptId, agent: { id: '7', name: '王敏', identity: 'agent-7' } });
      expect(reserve).toHaveBeenCalledWith(expect.objectContaining({ conversationId: data.conversationId, attemptId: call.attemptId, reason: 'interested', branchCode: expect.any(String) }));
      const c = await conversationOf(call.attemptId);
      expect(c).toMatchObject({ outcome: 'handed_off', summary: '智能外呼：已转人工（客户表示有意向，转给王敏），停在「网银激活」，共 3 轮' });
      expect(c.handoff).toMatchObject({ reason: 'interested', agentId: '7', agentName: '王敏' });

      const path = `/webhooks/twilio/voice/relay-action/${call.attemptId}`;
      const params = { CallSid: call.callSid, SessionId: 'VX1', SessionStatus: 'ended', HandoffData: end.handoffData as string };
      const res = await request(base).post(path).type('form').set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(token, `${base}${path}`, params)).send(params);
      expect(res.text).toContain('<Dial answerOnBridge="true"><Client>agent-7</Client></Dial>');
      expect(connected).toHaveBeenCalledWith(data.conversationId, '7');
      expect((await request(base).post(path).type('form').set('X-Twilio-Signature', 'forged').send(params)).status).toBe(403);
    } finally {
      reserve.mockRestore();
      connected.mockRestore();
    }
  });

  it('tells the customer and plans a callback when no agent frees up in time', async () => {
    const call = await dialled();
    const twilioSide = await relay(call);
    expect(await twilioSide.answer('帮我转人工')).toBe('好的，正在为您转接人工客服，请稍候。');
    expect(await twilioSide.says()).toBe('抱歉，目前坐席都在忙，我们会尽快安排客户经理给您回电，再见。');
    expect(await twilioSide.ended()).toEqual({ type: 'end' });
    const c = await conversationOf(call.attemptId);
    expect(c.outcome).toBe('no_agent');
    expect(c.handoff).toMatchObject({ reason: 'asked_for_human', agentId: null });
    const planned = await db.query(sql("SELECT due_at FROM contact_attempts WHERE campaign_id = $1 AND customer_id = $2 AND state = 'planned'"), [campaignId, call.customerId]);
    expect(planned).toHaveLength(1);
  });

  it('asks again after silence, takes a key press, and shrugs off frames it cannot read', async () => {
    const call = await dialled();
    const twilioSide = await relay(call);
    expect(await twilioSide.says()).toBe('您好，请问您还在听吗？您好，这里是远程银行中心。请问您是' + (await companyOf(call.customerId)) + '的法定代表人吗？');
    twilioSide.send('{not json');
    twilioSide.send({ type: 'wobble' });
    twilioSide.send({ type: 'dtmf', digit: 'x' });
    twilioSide.send({ type: 'interrupt', utteranceUntilInterrupt: '您好，这里', durationUntilInterruptMs: 800 });
    twilioSide.send({ type: 'dtmf', digit: '0' });
    expect(await twilioSide.says()).toBe('好的，正在为您转接人工客服，请稍候。');
    await twilioSide.ended();
    const c = await conversationOf(call.attemptId);
    expect(c.turns.map((x) => x.text)).toEqual(expect.arrayContaining(['（客户没有回应）', '客户打断了：“您好，这里”', '按键 0']));
  });

  it('refuses an unsigned upgrade with 403, and closes a session whose setup names no AI call', async () => {
    const call = await dialled();
    await expect(relay(call, 'forged')).rejects.toThrow(/403/);
    const stranger = await relay({ attemptId: 999_999, callSid: 'CA' + 'f'.repeat(32) });
    await until(() => stranger.closed(), 5000, 'the socket to be closed');
    expect(stranger.closed()).toEqual({ code: 4404, reason: 'no attempt 999999' });
    const wrongCall = await relay({ attemptId: call.attemptId, callSid: 'CA' + 'e'.repeat(32) });
    await until(() => wrongCall.closed(), 5000, 'the socket to be closed');
    expect(wrongCall.closed()?.reason).toContain(`attempt ${call.attemptId} is call ${call.callSid}`);
  });

  async function companyOf(customerId: number): Promise<string> {
    const [row] = await db.query(sql('SELECT company_name FROM customers WHERE id = $1'), [customerId]);
    return row.company_name;
  }
});

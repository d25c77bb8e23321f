import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConversationView } from '@app/contracts';
import { DispatchLoop } from '@app/dispatch';
import { AI_VOICE_BODY, customerNo as no, type ListedAttempt } from '../support/dispatch-fixtures';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';
import { freePort, until } from '../support/wait';

/**
 * GET /api/campaigns/:campaignId/attempts/:attemptId/conversation: an AI-call campaign runs on the
 * built-in simulator (every customer answers and is interested; no agent desk here, so the
 * handover finds nobody and a callback is planned), then staff read the calls back.
 */
const CUSTOMERS = 2;
const GREETING = (n: number) => `您好，这里是远程银行中心。请问您是杭州测试${n}号商贸有限公司的法定代表人吗？`;

describe('reading an AI call (e2e)', () => {
  let t: TestApp;
  let manager: string;
  let campaignId: string;
  let attempts: ListedAttempt[];
  const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const conversationOf = (attemptId: number | string, campaign = campaignId) => `/api/campaigns/${campaign}/attempts/${attemptId}/conversation`;

  beforeAll(async () => {
    const port = await freePort();
    t = await createTestApp({
      env: {
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        TWILIO_AUTH_TOKEN: 'simulator-ai-token-0123456789',
        SIMULATOR_CALL_ODDS: 'answered:1',
        SIMULATOR_RING_SECONDS: '0.05',
        SIMULATOR_TALK_SECONDS: '0.05',
        SIMULATOR_AI_PERSONAS: 'interested:1',
        SIMULATOR_AI_PAUSE_MS: '20',
        RELAY_SILENCE_SECONDS: '1',
        HANDOFF_WAIT_SECONDS: '0',
        RELAY_SPEECH_MS_PER_CHAR: '0',
        DISPATCH_CALLS_PER_SECOND: '0',
      },
    });
    await t.app.listen(port, '127.0.0.1');
    const admin = await t.login('admin', 'Kx7-bank-2026');
    manager = await t.userToken('campaign_manager');
    const csv = feedCsv(Array.from({ length: CUSTOMERS }, (_, i) => feedRow(i + 1)));
    expect((await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(csv), 'feed.csv')).body.rejected).toEqual([]);
    const segmentId = (await t.http.post('/api/segments').set(as(manager)).send({ name: '新开户', rule: { field: 'customerNo', op: 'in', value: Array.from({ length: CUSTOMERS }, (_, i) => no(i + 1)) } })).body.id;
    await t.http.post(`/api/segments/${segmentId}/refresh`).set(as(manager));
    const scriptId = (await t.http.post('/api/scripts').set(as(manager)).send({ name: '新开户回访（AI）', kind: 'voice', body: AI_VOICE_BODY })).body.id;
    const created = await t.http.post('/api/campaigns').set(as(manager)).send({ name: '新开户回访', segmentId, purpose: 'service', startsAt: t.clock.now().toISOString(), steps: [{ channel: 'ai_call', scriptId }], pacing: { mode: 'progressive', ratio: 1, maxConcurrent: 10, maxAbandonPct: 3 } });
    campaignId = created.body.id;
    expect((await t.http.post(`/api/campaigns/${campaignId}/start`).set(as(manager))).status).toBe(200);

    await t.app.get(DispatchLoop).runOnce();
    // every call answered, talked through and hung up; each customer's callback planned after it
    attempts = await until(async () => {
      const items: ListedAttempt[] = (await t.http.get(`/api/campaigns/${campaignId}/attempts?pageSize=100`).set(as(manager))).body.items;
      const firsts = items.filter((a) => a.attemptNo === 1);
      const callbacks = items.filter((a) => a.attemptNo === 2);
      return firsts.length === CUSTOMERS && firsts.every((a) => a.outcome === 'answered') && callbacks.length === CUSTOMERS ? items : null;
    }, 30_000, 'every AI call answered and ended');
  });
  afterAll(() => t?.close());

  it('shows a campaign manager the whole call: the greeting, each answer with its intent, the handover and how it ended', async () => {
    const first = attempts.find((a) => a.attemptNo === 1 && a.customerNo === no(1))!;
    const res = await t.http.get(conversationOf(first.id)).set(as(manager));
    expect(res.status).toBe(200);
    const c: ConversationView = res.body;

    expect(c).toMatchObject({ campaignId, attemptId: first.id, status: 'ended', outcome: 'no_agent', elderly: false });
    expect(c.summary).toMatch(/^智能外呼：转人工未接通，已约回电（客户表示有意向，回电 11月23日 \d\d:\d\d），停在「网银激活」，共 3 轮$/);
    expect(c.handoff).toEqual({ reason: 'interested', requestedAt: expect.any(String), agentId: null, agentName: null, connectedAt: null });

    // who said what, in order: the AI's greeting, the customer's "yes", the fraud warning, "heard it", …, "I'd like to know how"
    expect(c.turns.map((turn) => turn.seq)).toEqual(c.turns.map((_, i) => i));
    const said = c.turns.filter((turn) => turn.speaker !== 'system').map((turn) => [turn.speaker, turn.text, turn.intent, turn.confidence]);
    expect(said.slice(0, 6)).toEqual([
      ['ai', GREETING(1), null, null],
      ['customer', '是的，是我', 'yes', 0.85],
      ['ai', '请勿出租出借账户，听清楚了吗？', null, null],
      ['customer', '听清楚了', 'yes', 0.85],
      ['ai', '企业网银激活顺利吗？', null, null],
      ['customer', '我想了解一下怎么办理', 'interested', 0.8],
    ]);
    expect(c.turns[0].step).toBe('greeting');

    // instants in ISO, each turn within the call, in order
    const times = [c.startedAt, ...c.turns.map((turn) => turn.at), c.endedAt!];
    for (const at of times) expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(times.map((at) => Date.parse(at))).toEqual([...times.map((at) => Date.parse(at))].sort((a, b) => a - b));
  });

  it('lets every staff role read a call, and nobody signed out', async () => {
    const attemptId = attempts.find((a) => a.attemptNo === 1 && a.customerNo === no(2))!.id;
    for (const role of ['admin', 'campaign_manager', 'supervisor', 'agent'] as const) {
      const res = await t.http.get(conversationOf(attemptId)).set(as(await t.userToken(role)));
      expect({ role, status: res.status, greeting: res.body.turns?.[0]?.text }).toEqual({ role, status: 200, greeting: GREETING(2) });
    }
    const anonymous = await t.http.get(conversationOf(attemptId));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.turns).toBeUndefined();
  });

  it('answers 404 with its own code for an attempt with no call, or not of that campaign', async () => {
    const callback = attempts.find((a) => a.attemptNo === 2)!;
    const none = await t.http.get(conversationOf(callback.id)).set(as(manager));
    expect({ status: none.status, error: none.body.error }).toEqual({ status: 404, error: 'conversation_not_found' });

    const answered = attempts.find((a) => a.attemptNo === 1)!;
    const otherCampaign = await t.http.get(conversationOf(answered.id, '00000000-0000-4000-8000-000000000000')).set(as(manager));
    expect({ status: otherCampaign.status, error: otherCampaign.body.error }).toEqual({ status: 404, error: 'attempt_not_found' });
    const noSuchAttempt = await t.http.get(conversationOf(2_000_000_000)).set(as(manager));
    expect({ status: noSuchAttempt.status, error: noSuchAttempt.body.error }).toEqual({ status: 404, error: 'attempt_not_found' });
  });

  it('answers 400 naming the field for ids that cannot be ids', async () => {
    const attemptId = attempts[0].id;
    const badCampaign = await t.http.get(conversationOf(attemptId, 'not-a-uuid')).set(as(manager));
    expect({ status: badCampaign.status, error: badCampaign.body.error, fields: badCampaign.body.fields }).toEqual({ status: 400, error: 'validation_failed', fields: [{ field: 'campaignId', message: 'must be a UUID' }] });
    const bothBad = await t.http.get(conversationOf('x', 'y')).set(as(manager));
    expect(bothBad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['attemptId', 'campaignId']);
    for (const bad of ['abc', '0', '-1', '1.5', '1e3', '0x10', '99999999999', '2147483648']) {
      const res = await t.http.get(conversationOf(bad)).set(as(manager));
      expect({ bad, status: res.status, fields: res.body.fields }).toEqual({ bad, status: 400, fields: [{ field: 'attemptId', message: 'must be a positive integer' }] });
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import twilio from 'twilio';
import { DataSource } from 'typeorm';
import { DispatchLoop } from '@app/dispatch';
import { customerNo as no, customerPhone as phone, type ListedAttempt as Attempt, VOICE_BODY } from '../support/dispatch-fixtures';
import { feedCsv, feedRow } from '../support/feed';
import { createTestApp, type TestApp } from '../support/test-app';
import { freePort, until } from '../support/wait';

/**
 * Campaigns sent through the built-in simulator on a real port: it posts its signed callbacks to
 * the app's own webhooks, as Twilio would. Monday 2026-11-23, 10:00 in Shanghai, a frozen clock;
 * the dispatcher's passes are run by the test.
 */
const SMS_TEXT = '{{companyName}}您好：您的积分{{pointsBalance}}分将于{{date pointsExpireAt}}到期。回复TD退订';

describe('dispatch through the simulator (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let base: string;
  let segmentId: string;
  let loop: DispatchLoop;
  const scripts: Record<string, string> = {};
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const token = 'simulator-test-token-0123456789';

  async function attempts(campaignId: string, query = ''): Promise<Attempt[]> {
    const res = await t.http.get(`/api/campaigns/${campaignId}/attempts?pageSize=200${query}`).set(as(admin));
    expect(res.status).toBe(200);
    return res.body.items;
  }
  async function campaign(name: string, steps: unknown[], purpose = 'marketing'): Promise<string> {
    const res = await t.http.post('/api/campaigns').set(as(admin)).send({ name, segmentId, purpose, startsAt: t.clock.now().toISOString(), steps, pacing: { mode: 'progressive', ratio: 1, maxConcurrent: 50, maxAbandonPct: 3 } });
    expect(res.body.fields ?? res.status).toBe(201);
    expect((await t.http.post(`/api/campaigns/${res.body.id}/start`).set(as(admin))).status).toBe(200);
    return res.body.id;
  }
  /** Runs dispatcher passes until every attempt of the campaign in `states` has settled. */
  async function settle(campaignId: string, done: (a: Attempt[]) => boolean, what: string): Promise<Attempt[]> {
    return until(async () => {
      await loop.runOnce();
      const items = await attempts(campaignId);
      return done(items) ? items : null;
    }, 15_000, what) as Promise<Attempt[]>;
  }
  function signed(path: string, params: Record<string, string>) {
    return request(base).post(path).type('form').set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(token, `${base}${path}`, params)).send(params);
  }

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({
      env: {
        PUBLIC_BASE_URL: base,
        TWILIO_AUTH_TOKEN: token,
        SIMULATOR_CALL_ODDS: 'answered:1',
        SIMULATOR_SMS_FAILURE_PCT: '0',
        SIMULATOR_RING_SECONDS: '0.05',
        SIMULATOR_TALK_SECONDS: '0.05',
        SIMULATOR_SMS_SECONDS: '0.05',
        // the AI calls' customers say they are not interested, at once
        SIMULATOR_AI_PERSONAS: 'not_interested:1',
        SIMULATOR_AI_PAUSE_MS: '10',
        RELAY_SPEECH_MS_PER_CHAR: '0',
        DISPATCH_SMS_PER_SECOND: '0',
        DISPATCH_CALLS_PER_SECOND: '0',
      },
    });
    await t.app.listen(port, '127.0.0.1');
    loop = t.app.get(DispatchLoop);
    admin = await t.login('admin', 'Kx7-bank-2026');
    const csv = feedCsv(Array.from({ length: 8 }, (_, i) => feedRow(i + 1)));
    expect((await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(csv), 'feed.csv')).body.rejected).toEqual([]);
    const seg = await t.http.post('/api/segments').set(as(admin)).send({ name: '八位客户', rule: { field: 'customerNo', op: 'in', value: Array.from({ length: 8 }, (_, i) => no(i + 1)) } });
    segmentId = seg.body.id;
    expect((await t.http.post(`/api/segments/${segmentId}/refresh`).set(as(admin))).body.members).toBe(8);
    for (const [key, kind, body] of [
      ['sms', 'sms', { text: SMS_TEXT }],
      ['voice', 'voice', VOICE_BODY],
    ] as const) {
      const res = await t.http.post('/api/scripts').set(as(admin)).send({ name: `话术-${key}`, kind, body });
      scripts[key] = res.body.id;
    }
  });
  afterAll(() => t?.close());

  it('sends a campaign’s SMS, then its AI calls to those reached, with the carrier’s outcomes on the attempts and the timeline', async () => {
    const id = await campaign('积分到期提醒', [
      { channel: 'sms', scriptId: scripts.sms },
      { channel: 'ai_call', scriptId: scripts.voice, runIf: 'reached', delayMinutes: 0 },
    ]);
    const sms = await settle(id, (a) => a.filter((x) => x.stepNo === 1).every((x) => x.outcome === 'delivered'), 'every SMS delivered');
    expect(sms.filter((a) => a.stepNo === 1)).toHaveLength(8);
    for (const a of sms.filter((x) => x.stepNo === 1)) expect(a).toMatchObject({ state: 'done', channel: 'sms', outcome: 'delivered', providerStatus: 'delivered', providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/) });

    // the reached customers' calls are planned once the campaign is planned again on its new outcomes
    await loop.replanDirty(true);
    const calls = await settle(id, (a) => a.filter((x) => x.stepNo === 2).length === 8 && a.filter((x) => x.stepNo === 2).every((x) => x.outcome === 'answered'), 'every AI call answered');
    for (const a of calls.filter((x) => x.stepNo === 2)) expect(a).toMatchObject({ state: 'done', channel: 'ai_call', outcome: 'answered', providerId: expect.stringMatching(/^CA[0-9a-f]{32}$/) });

    const customer = (await t.http.get('/api/customers?search=' + no(1)).set(as(admin))).body.items[0];
    const detail = await t.http.get(`/api/customers/${customer.id}`).set(as(admin));
    const summaries = detail.body.timeline.map((e: { summary: string }) => e.summary);
    expect(summaries).toEqual(expect.arrayContaining(['短信已发送', '短信已送达', '智能外呼：已接通']));
    expect(detail.body.timeline).toContainEqual(
      expect.objectContaining({ kind: 'contact_outcome', channel: 'sms', campaignId: id, attemptId: expect.any(Number), detail: expect.objectContaining({ outcome: 'delivered', campaignName: '积分到期提醒', providerId: expect.stringMatching(/^SM/) }) }),
    );
  });

  it('refuses unsigned or forged callbacks with 403, and callbacks naming nothing with 400', async () => {
    const params = { CallSid: 'CA' + '0'.repeat(32), CallStatus: 'completed' };
    expect((await request(base).post('/webhooks/twilio/voice/status').type('form').send(params)).status).toBe(403);
    expect((await request(base).post('/webhooks/twilio/voice/status').type('form').set('X-Twilio-Signature', 'forged').send(params)).status).toBe(403);
    const exploded = await signed('/webhooks/twilio/voice/status', { CallSid: 'CA1', CallStatus: 'exploded' });
    expect([exploded.status, exploded.body.error]).toEqual([400, 'bad_callback']);
    const nul = await signed('/webhooks/twilio/sms/status', { MessageSid: 'SM1\u0000', MessageStatus: 'delivered' });
    expect([nul.status, nul.body.message]).toEqual([400, 'MessageSid must not contain a NUL character']);
    expect((await request(base).post('/webhooks/twilio/sms/status').type('form').send({ MessageSid: 'SM1', Body: 'x'.repeat(70_000) })).status).toBe(400);
    expect((await signed('/webhooks/twilio/sms/inbound', { Body: 'TD' })).status).toBe(400);
  });

  it('keeps a callback idempotent and forward-only: a duplicate or a late ringing changes nothing', async () => {
    const id = await campaign('回访电话', [{ channel: 'ai_call', scriptId: scripts.voice }], 'service');
    const done = await settle(id, (a) => a.every((x) => x.outcome === 'answered'), 'calls answered');
    const first = done[0];
    const path = `/webhooks/twilio/voice/status?ref=${first.id}`;
    const late = { CallSid: first.providerId as string, CallStatus: 'ringing', AccountSid: 'AC' + '5'.repeat(32) };
    expect((await signed(path, late)).status).toBe(204);
    const busy = { CallSid: first.providerId as string, CallStatus: 'busy', AccountSid: 'AC' + '5'.repeat(32) };
    expect((await signed(path, busy)).status).toBe(204);
    expect((await signed(path, busy)).status).toBe(204);
    const after = (await attempts(id)).find((a) => a.id === first.id);
    expect(after).toMatchObject({ state: 'done', outcome: 'answered', providerStatus: 'completed' });
  });

  it('re-checks the policy when sending: an opt-out that came in after planning wins', async () => {
    const id = await campaign('营销短信', [{ channel: 'sms', scriptId: scripts.sms }]);
    const planned = await attempts(id);
    expect(planned.every((a) => a.state === 'planned')).toBe(true);
    // straight into the table, as another instance or an import would, so planning never saw it
    await t.app.get(DataSource).query(
      t.db.kind === 'postgres'
        ? "INSERT INTO do_not_contact (customer_id, phone, channel, scope, reason, source, created_at) VALUES (NULL, $1, 'sms', 'marketing', '客户来电拒绝', 'manual', now())"
        : "INSERT INTO do_not_contact (customer_id, phone, channel, scope, reason, source, created_at) VALUES (NULL, ?, 'sms', 'marketing', '客户来电拒绝', 'manual', strftime('%Y-%m-%d %H:%M:%f', 'now'))",
      [phone(2)],
    );
    const after = await settle(id, (a) => a.every((x) => x.state === 'cancelled' || x.outcome === 'delivered'), 'the campaign sent and delivered');
    const refused = after.find((a) => a.customerNo === no(2));
    expect(refused).toMatchObject({ state: 'cancelled', reason: 'do_not_contact', providerId: null, detail: expect.stringContaining('发送前复核') });
    expect(after.filter((a) => a.outcome === 'delivered')).toHaveLength(7);
  });

  it('an SMS reply of 退订 (any width or case) closes marketing SMS at once, withdraws planned ones and is confirmed', async () => {
    const id = await campaign('下周短信', [{ channel: 'sms', scriptId: scripts.sms }]);
    // pause it, so its SMS stay planned while the customer replies
    expect((await t.http.post(`/api/campaigns/${id}/pause`).set(as(admin))).status).toBe(200);
    const reply = { MessageSid: 'SM' + 'a'.repeat(32), From: phone(3), To: '+861069000000', Body: ' ｔｄ。', AccountSid: 'AC' + '5'.repeat(32) };
    const res = await signed('/webhooks/twilio/sms/inbound', reply);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<Message>您已成功退订营销短信');
    const again = await signed('/webhooks/twilio/sms/inbound', reply);
    expect(again.text).toContain('您已成功退订营销短信');
    const a = (await attempts(id)).find((x) => x.customerNo === no(3));
    expect(a).toMatchObject({ state: 'cancelled', reason: 'do_not_contact' });
    const optedOut = (await t.http.get('/api/customers?search=' + no(3)).set(as(admin))).body.items[0];
    const replies = (await t.http.get(`/api/customers/${optedOut.id}`).set(as(admin))).body.timeline.filter((e: { kind: string }) => e.kind === 'inbound_sms');
    expect(replies).toEqual([expect.objectContaining({ summary: '客户回复短信“ｔｄ。”，已退订营销短信', detail: { body: ' ｔｄ。', optOut: true, reply: expect.stringMatching(/^您已成功退订营销短信/) } })]);
    const dnc = await t.http.get('/api/do-not-contact?search=' + phone(3).slice(-8)).set(as(admin));
    expect(dnc.body.items.filter((e: { source: string }) => e.source === 'sms_keyword')).toHaveLength(1);
    // filed by the number alone, it is listed as the customer's, and found by the customer number
    const byNo = await t.http.get('/api/do-not-contact?search=' + no(3)).set(as(admin));
    expect(byNo.body.items.filter((e: { source: string }) => e.source === 'sms_keyword')).toEqual([
      expect.objectContaining({ customerId: optedOut.id, customerNo: no(3), companyName: optedOut.companyName, matchedByPhone: true, reason: '客户短信回复“ｔｄ。”' }),
    ]);
    // not a keyword: a reply on the timeline, nothing closed
    const chat = await signed('/webhooks/twilio/sms/inbound', { ...reply, MessageSid: 'SM' + 'b'.repeat(32), From: phone(4), Body: '请问积分怎么兑换？' });
    expect(chat.text).not.toContain('<Message>');
    const customer = (await t.http.get('/api/customers?search=' + no(4)).set(as(admin))).body.items[0];
    const timeline = (await t.http.get(`/api/customers/${customer.id}`).set(as(admin))).body.timeline;
    expect(timeline[0]).toMatchObject({ kind: 'inbound_sms', summary: '客户回复短信：请问积分怎么兑换？', detail: { body: '请问积分怎么兑换？', optOut: false } });
  });
});

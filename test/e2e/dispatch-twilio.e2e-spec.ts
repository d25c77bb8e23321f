import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DispatchLoop } from '@app/dispatch';
import { customerNo as no, customerPhone as phone, type ListedAttempt as Attempt, VOICE_BODY } from '../support/dispatch-fixtures';
import { feedCsv, feedRow } from '../support/feed';
import { type FakeTwilio, startFakeTwilio } from '../support/fake-twilio';
import { createTestApp, type TestApp } from '../support/test-app';
import { freePort, until } from '../support/wait';

/**
 * The same dispatch, through the real Twilio SDK against our fake Twilio on loopback: it answers
 * 429s, 500s after creating, invalid numbers, busy lines and undelivered SMS, and posts signed
 * callbacks back. Monday 2026-11-23, 10:00 in Shanghai; the test moves the frozen clock.
 */
const ACCOUNT = 'AC' + '0123456789abcdef'.repeat(2);
const TOKEN = 'fake-twilio-token-0123456789';

describe('dispatch through the Twilio SDK against a fake Twilio (e2e)', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let admin: string;
  let segmentId: string;
  let loop: DispatchLoop;
  const scripts: Record<string, string> = {};
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function attempts(campaignId: string): Promise<Attempt[]> {
    const res = await t.http.get(`/api/campaigns/${campaignId}/attempts?pageSize=200`).set(as(admin));
    return res.body.items;
  }
  async function campaign(name: string, steps: unknown[], policy: Record<string, unknown> = {}): Promise<string> {
    const res = await t.http.post('/api/campaigns').set(as(admin)).send({ name, segmentId, purpose: 'service', startsAt: t.clock.now().toISOString(), steps, policy, pacing: { mode: 'progressive', ratio: 1, maxConcurrent: 50, maxAbandonPct: 3 } });
    expect(res.body.fields ?? res.status).toBe(201);
    expect((await t.http.post(`/api/campaigns/${res.body.id}/start`).set(as(admin))).status).toBe(200);
    return res.body.id;
  }
  async function settle(id: string, done: (a: Attempt[]) => boolean, what: string): Promise<Attempt[]> {
    return until(async () => {
      await loop.runOnce();
      await fake.drain();
      const items = await attempts(id);
      return done(items) ? items : null;
    }, 15_000, what) as Promise<Attempt[]>;
  }
  const advance = (seconds: number) => t.clock.set(new Date(t.clock.now().getTime() + seconds * 1000));

  beforeAll(async () => {
    const port = await freePort();
    const clockRef: { now: () => Date } = { now: () => new Date() };
    fake = await startFakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN, callbackDelayMs: 5, now: () => clockRef.now() });
    t = await createTestApp({
      env: {
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        TELEPHONY_PROVIDER: 'twilio',
        TWILIO_ACCOUNT_SID: ACCOUNT,
        TWILIO_AUTH_TOKEN: TOKEN,
        TWILIO_FROM_NUMBER: '+15005550001',
        TWILIO_API_BASE_URL: fake.url,
        TWILIO_TIMEOUT_SECONDS: '2',
        DISPATCH_SMS_PER_SECOND: '0',
        DISPATCH_CALLS_PER_SECOND: '0',
      },
    });
    clockRef.now = () => t.clock.now();
    await t.app.listen(port, '127.0.0.1');
    loop = t.app.get(DispatchLoop);
    admin = await t.login('admin', 'Kx7-bank-2026');
    const csv = feedCsv(Array.from({ length: 6 }, (_, i) => feedRow(i + 1)));
    expect((await t.http.post('/api/customers/import?asOf=2026-11-22').set(as(admin)).attach('file', Buffer.from(csv), 'feed.csv')).body.rejected).toEqual([]);
    segmentId = (await t.http.post('/api/segments').set(as(admin)).send({ name: '六位客户', rule: { field: 'customerNo', op: 'in', value: Array.from({ length: 6 }, (_, i) => no(i + 1)) } })).body.id;
    expect((await t.http.post(`/api/segments/${segmentId}/refresh`).set(as(admin))).body.members).toBe(6);
    scripts.sms = (await t.http.post('/api/scripts').set(as(admin)).send({ name: '账户提醒', kind: 'sms', body: { text: '{{companyName}}您好：您的对公账户已开立，请勿出租出借账户。' } })).body.id;
    scripts.voice = (await t.http.post('/api/scripts').set(as(admin)).send({ name: '回访', kind: 'voice', body: VOICE_BODY })).body.id;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('sends SMS once each through 429s and a lost answer, and fails an invalid number with the carrier’s reason', async () => {
    // a number the carrier refuses for good, put in behind the feed's own checks
    await t.app.get(DataSource).query(`UPDATE customers SET phone = '+8610001234567' WHERE customer_no = '${no(6)}'`);
    fake.failNext('sms', '429', '500-after-create');
    const id = await campaign('开户提醒短信', [{ channel: 'sms', scriptId: scripts.sms }]);
    await loop.runOnce();
    await fake.drain();
    let items = await attempts(id);
    const retried = items.find((a) => a.state === 'planned');
    expect(retried).toMatchObject({ sendTries: 1, detail: expect.stringMatching(/^运营商暂时拒绝（20429）：.*HTTP 429.*5 秒后重试$/) });
    expect(items.find((a) => a.customerNo === no(6))).toMatchObject({ state: 'done', outcome: 'failed', detail: expect.stringContaining('21211') });

    // the backoff passes: the 429 is sent again; the message whose answer was lost is never sent
    // again (its callbacks carry the attempt back, or the lookup finds it)
    advance(15);
    items = await settle(id, (a) => a.every((x) => x.state === 'done'), 'every SMS done');
    expect(items.map((a) => [a.customerNo, a.outcome]).sort()).toEqual([
      [no(1), 'delivered'],
      [no(2), 'delivered'],
      [no(3), 'delivered'],
      [no(4), 'undelivered'],
      [no(5), 'delivered'],
      [no(6), 'failed'],
    ]);
    for (let n = 1; n <= 5; n++) expect(fake.createdCount(phone(n), 'sms')).toBe(1);
    const sids = new Map(fake.messages.map((m) => [m.ref, m.sid]));
    for (const a of items.filter((x) => x.customerNo !== no(6))) expect(a.providerId).toBe(sids.get(String(a.id)));
    const lost = fake.messages.find((m) => m.fault === '500-after-create');
    expect(items.find((a) => String(a.id) === lost?.ref)).toMatchObject({ state: 'done', providerId: lost?.sid });
  });

  it('calls through the SDK: answered, busy, no answer and failed as the carrier says, and a busy line is retried per the policy', async () => {
    await t.app.get(DataSource).query(`UPDATE customers SET phone = '${phone(6)}' WHERE customer_no = '${no(6)}'`);
    const id = await campaign('开户回访', [{ channel: 'ai_call', scriptId: scripts.voice }], { retryMinutes: { busy: 30, no_answer: null, failed: null } });
    const items = await settle(id, (a) => a.length === 6 && a.every((x) => x.state === 'done'), 'every call done');
    const outcome = Object.fromEntries(items.map((a) => [a.customerNo, a.outcome]));
    expect(outcome).toEqual({ [no(1)]: 'busy', [no(2)]: 'no_answer', [no(3)]: 'failed', [no(4)]: 'answered', [no(5)]: 'answered', [no(6)]: 'answered' });
    for (const a of items) expect(a.providerId).toMatch(/^CA[0-9a-f]{32}$/);
    await loop.replanDirty(true);
    const retry = (await attempts(id)).find((a) => a.customerNo === no(1) && a.attemptNo === 2);
    expect(retry).toMatchObject({ state: 'planned' });
    expect(new Date(retry!.dueAt!).getTime()).toBeGreaterThanOrEqual(t.clock.now().getTime() + 29 * 60_000);
  });

  it('an attempt the carrier does not know after its lease ran out goes to review, never redialled, until a supervisor records what happened', async () => {
    const id = await campaign('到期提醒', [{ channel: 'sms', scriptId: scripts.sms }]);
    const [first] = await attempts(id);
    // as a dispatcher that died after storing an id the carrier has since lost would leave it
    const ds = t.app.get(DataSource);
    const lapsed = new Date(t.clock.now().getTime() - 1000);
    await ds.getRepository('ContactAttempt').update({ id: first.id }, { state: 'in_flight', providerId: 'SM' + 'e'.repeat(32), leaseOwner: 'dead-host:1', leaseExpiresAt: lapsed, claimedAt: lapsed });
    const before = fake.requests.sms.created;
    await settle(id, (a) => a.every((x) => x.state === 'done' || x.state === 'review'), 'the campaign settled');
    const reviewed = (await attempts(id)).find((a) => a.id === first.id);
    expect(reviewed).toMatchObject({ state: 'review', detail: expect.stringContaining('运营商不认识') });
    expect(fake.requests.sms.created - before).toBe(5);

    const supervisor = await t.userToken('supervisor');
    const path = `/api/campaigns/${id}/attempts/${first.id}/resolve`;
    const wrong = await t.http.post(path).set(as(supervisor)).send({ outcome: 'answered' });
    expect([wrong.status, wrong.body.fields]).toEqual([400, [{ field: 'outcome', message: 'must be one of sent, delivered, undelivered, failed' }]]);
    const agent = await t.userToken('agent');
    expect((await t.http.post(path).set(as(agent)).send({ outcome: 'delivered' })).status).toBe(403);
    const ok = await t.http.post(path).set(as(supervisor)).send({ outcome: 'delivered', note: '运营商话单显示已送达' });
    expect([ok.status, ok.body]).toEqual([200, { id: first.id, state: 'done', outcome: 'delivered' }]);
    expect((await t.http.post(path).set(as(supervisor)).send({ outcome: 'delivered' })).status).toBe(409);
    const after = (await attempts(id)).find((a) => a.id === first.id);
    expect(after).toMatchObject({ state: 'done', outcome: 'delivered', detail: expect.stringMatching(/^运营商不认识 SM.*；人工复核（supervisor\d+）：运营商话单显示已送达$/) });
  });

  it('asks the carrier about SMS whose delivery receipt was lost, once SMS_RECEIPT_WAIT_MINUTES have passed, and records what it says', async () => {
    advance(86_400); // the next day: the contact policy's daily caps start again
    fake.loseCallbacks('delivered', 'undelivered');
    try {
      const id = await campaign('积分到期提醒', [{ channel: 'sms', scriptId: scripts.sms }]);
      const outcomes = (items: Attempt[]) => Object.fromEntries(items.map((a) => [a.customerNo, a.outcome]));
      const sent = await settle(id, (a) => a.length === 6 && a.every((x) => x.state === 'done'), 'every SMS sent');
      expect(new Set(Object.values(outcomes(sent)))).toEqual(new Set(['sent']));
      expect(fake.messages.filter((m) => sent.some((a) => String(a.id) === m.ref)).map((m) => m.status).sort()).toEqual(['delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'undelivered']);

      // the receipt may still come: nobody is asked before the wait (30 minutes by default)
      advance(29 * 60);
      expect(await loop.checkReceipts(true)).toEqual({ asked: 0, settled: 0 });
      const lookups = fake.requests.fetch;
      advance(2 * 60);
      expect(await loop.checkReceipts(true)).toEqual({ asked: 6, settled: 6 });
      expect(fake.requests.fetch - lookups).toBe(6);
      expect(outcomes(await attempts(id))).toEqual({ [no(1)]: 'delivered', [no(2)]: 'delivered', [no(3)]: 'delivered', [no(4)]: 'undelivered', [no(5)]: 'delivered', [no(6)]: 'delivered' });
      // settled: not asked about again
      advance(3 * 3600);
      expect(await loop.checkReceipts(true)).toEqual({ asked: 0, settled: 0 });
    } finally {
      fake.loseCallbacks();
    }
  });
});

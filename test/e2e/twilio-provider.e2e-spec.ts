import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FixedClock } from '@app/core';
import { ProviderError, type ProviderEvent } from '@app/telephony';
import twilio from 'twilio';
import { TwilioHttpClient } from '../../libs/telephony/src/twilio/twilio-http-client';
import { TwilioProvider, type TwilioOptions } from '../../libs/telephony/src/twilio/twilio.provider';
import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio';

const ACCOUNT = 'AC' + '0123456789abcdef'.repeat(2);
const TOKEN = 'fake-auth-token-0123456789';
const FROM = '+15005550001';
const SERVICE = 'MG' + 'f'.repeat(32);
const NOW = new Date('2030-03-01T02:00:00Z');

interface Received {
  url: string;
  params: Record<string, string>;
  signature: string | undefined;
}

/** The bank's webhook side: records every signed post it gets. */
async function startReceiver(): Promise<{ url: string; posts: Received[]; close: () => Promise<void> }> {
  const posts: Received[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      posts.push({ url: `${base}${req.url}`, params, signature: req.headers['x-twilio-signature'] as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    posts,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('TwilioProvider through the real SDK against a fake Twilio (e2e)', () => {
  const clock = new FixedClock(NOW);
  let fake: FakeTwilio;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let provider: TwilioProvider;
  const make = (over: Partial<TwilioOptions> = {}) =>
    new TwilioProvider({ accountSid: ACCOUNT, authToken: TOKEN, fromNumber: FROM, messagingServiceSid: null, apiBaseUrl: fake.url, timeoutSeconds: 10, ...over }, clock);
  const callTo = (to: string, ref: string) => ({ to, answerUrl: `${receiver.url}/answer?ref=${ref}`, statusCallbackUrl: `${receiver.url}/status/call?ref=${ref}`, ringSeconds: 25 });
  const smsTo = (to: string, ref: string) => ({ to, body: 'Your statement is ready.', statusCallbackUrl: `${receiver.url}/status/sms?ref=${ref}` });
  const postsFor = (sid: string) => receiver.posts.filter((p) => p.params.CallSid === sid || p.params.MessageSid === sid);
  const verified = (kind: 'call' | 'sms', posts: Received[]): ProviderEvent[] =>
    posts.map((p) => {
      const result = provider.verifyCallback(kind, p.url, p.params, p.signature);
      if (!result.ok) throw new Error(`callback refused: ${result.problem}`);
      return result.value;
    });

  beforeAll(async () => {
    fake = await startFakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN, callbackDelayMs: 20, talkMs: 60, hangMs: 2500 });
    receiver = await startReceiver();
    provider = make();
  });
  afterAll(async () => {
    await fake.close();
    await receiver.close();
  });

  it('places a call whose signed callbacks arrive, verify and carry the ref back', async () => {
    const accepted = await provider.placeCall(callTo('+8613800000000', 'att-1'));
    expect(accepted.providerId).toMatch(/^CA[0-9a-f]{32}$/);
    expect(accepted.status).toBe('queued');
    await fake.drain();
    const events = verified('call', postsFor(accepted.providerId));
    expect(events.map((e) => e.status)).toEqual(['initiated', 'ringing', 'answered', 'completed']);
    expect(events.every((e) => e.ref === 'att-1' && e.kind === 'call')).toBe(true);
    expect(events[3].durationSeconds).toBe(30);
    expect(events[0].raw.SequenceNumber).toBe('0');
    const record = fake.calls.find((c) => c.sid === accepted.providerId);
    expect(record).toMatchObject({ ref: 'att-1', from: FROM, timeout: 25, method: 'POST', events: ['initiated', 'ringing', 'answered', 'completed'] });
    expect(await provider.lookup('call', accepted.providerId)).toMatchObject({ kind: 'call', status: 'completed', to: '+8613800000000', durationSeconds: 30 });
  });

  it('refuses a tampered callback and one signed with another token', async () => {
    const { providerId } = await provider.placeCall(callTo('+8613800000010', 'att-2'));
    await fake.drain();
    const [post] = postsFor(providerId);
    expect(provider.verifyCallback('call', post.url, post.params, post.signature).ok).toBe(true);
    expect(provider.verifyCallback('call', post.url, { ...post.params, CallStatus: 'completed' }, post.signature)).toEqual({ ok: false, problem: 'signature' });
    expect(provider.verifyCallback('call', post.url.replace('att-2', 'att-3'), post.params, post.signature)).toEqual({ ok: false, problem: 'signature' });
    expect(provider.verifyCallback('call', post.url, post.params, undefined)).toEqual({ ok: false, problem: 'signature' });
    expect(make({ authToken: 'another-token' }).verifyCallback('call', post.url, post.params, post.signature)).toEqual({ ok: false, problem: 'signature' });
  });

  it('sends an SMS through a messaging service and through the from-number', async () => {
    const viaService = await make({ messagingServiceSid: SERVICE }).sendSms(smsTo('+8613900000000', 'sms-1'));
    const viaNumber = await provider.sendSms(smsTo('+8613900000004', 'sms-2'));
    expect(viaService.status).toBe('queued');
    expect(viaNumber.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    await fake.drain();
    expect(fake.messages.find((m) => m.sid === viaService.providerId)).toMatchObject({ messagingServiceSid: SERVICE, ref: 'sms-1', from: '+15005550006' });
    expect(fake.messages.find((m) => m.sid === viaNumber.providerId)).toMatchObject({ messagingServiceSid: null, from: FROM });
    const served = verified('sms', postsFor(viaService.providerId));
    expect(served.map((e) => e.status)).toEqual(['sent', 'delivered']);
    expect(served.every((e) => e.ref === 'sms-1' && e.at.getTime() === NOW.getTime())).toBe(true);
    const bounced = verified('sms', postsFor(viaNumber.providerId));
    expect(bounced.map((e) => [e.status, e.errorCode])).toEqual([
      ['sent', null],
      ['undelivered', '30003'],
    ]);
    expect(await provider.lookup('sms', viaNumber.providerId)).toMatchObject({ status: 'undelivered', errorCode: '30003' });
  });

  it('reports 429 and 503 as not created, and nothing was', async () => {
    fake.failNext('call', '429');
    fake.failNext('sms', '503');
    const limited = await failure(provider.placeCall(callTo('+8613800000020', 'att-4')));
    expect(limited).toMatchObject({ kind: 'not_created', code: '20429', retryAfterSeconds: 1 });
    const unavailable = await failure(provider.sendSms(smsTo('+8613800000020', 'sms-3')));
    expect(unavailable).toMatchObject({ kind: 'not_created', code: '20503' });
    expect(fake.createdCount('+8613800000020')).toBe(0);
  });

  it('reports a 500 after creating as uncertain, and finds exactly that call by recipient', async () => {
    fake.failNext('call', '500-after-create');
    const started = new Date();
    const error = await failure(provider.placeCall(callTo('+8613800000030', 'att-5')));
    expect(error).toMatchObject({ kind: 'uncertain', code: '20500' });
    const found = await provider.findByRecipient({ kind: 'call', to: '+8613800000030', from: new Date(started.getTime() - 1000), until: new Date() });
    expect(found.map((r) => r.providerId)).toEqual([fake.calls.find((c) => c.ref === 'att-5')?.sid]);
    expect(await provider.findByRecipient({ kind: 'call', to: '+8613800000030', from: new Date(started.getTime() - 60_000), until: new Date(started.getTime() - 5000) })).toEqual([]);
  });

  it('finds messages by recipient too', async () => {
    const started = new Date();
    const { providerId } = await provider.sendSms(smsTo('+8613900000040', 'sms-4'));
    const found = await provider.findByRecipient({ kind: 'sms', to: '+8613900000040', from: new Date(started.getTime() - 1000), until: new Date(Date.now() + 1000) });
    expect(found.map((r) => r.providerId)).toEqual([providerId]);
  });

  it('pages a list the way the SDK follows it', async () => {
    const client = twilio(ACCOUNT, TOKEN, { httpClient: new TwilioHttpClient({ apiBaseUrl: fake.url, timeoutMs: 5000 }) });
    const sids: string[] = [];
    for (let i = 0; i < 3; i += 1) sids.push((await provider.placeCall(callTo('+8613800000045', `page-${i}`))).providerId);
    const listed = await client.calls.list({ to: '+8613800000045', pageSize: 2 });
    expect(listed.map((c) => c.sid)).toEqual([...sids].reverse());
    expect(listed[0].dateCreated).toBeInstanceOf(Date);
    expect(Number.isNaN(listed[0].dateCreated.getTime())).toBe(false);
  });

  it('reports a timeout after creating as uncertain, and the call can be looked up', async () => {
    fake.failNext('call', 'timeout-after-create');
    const error = await failure(make({ timeoutSeconds: 1 }).placeCall(callTo('+8613800000050', 'att-6')));
    expect(error).toMatchObject({ kind: 'uncertain', code: 'ECONNABORTED' });
    const created = fake.calls.find((c) => c.ref === 'att-6');
    expect(created?.fault).toBe('timeout-after-create');
    expect(await provider.lookup('call', created?.sid as string)).toMatchObject({ providerId: created?.sid, kind: 'call' });
  });

  it('reports a reset connection after creating as uncertain', async () => {
    fake.failNext('sms', 'reset-after-create');
    const error = await failure(provider.sendSms(smsTo('+8613900000060', 'sms-5')));
    expect(error).toMatchObject({ kind: 'uncertain', code: 'ECONNRESET' });
    expect(fake.createdCount('+8613900000060', 'sms')).toBe(1);
  });

  it("reports an invalid number as permanent with Twilio's code", async () => {
    const error = await failure(provider.placeCall(callTo('+8610001234567', 'att-7')));
    expect(error).toMatchObject({ kind: 'permanent', code: '21211' });
    expect(error.message).toContain('is not a valid phone number');
    expect(await failure(provider.sendSms(smsTo('13800000000', 'sms-6')))).toMatchObject({ kind: 'permanent', code: '21211' });
  });

  it('refuses to call without a from number, before any request', async () => {
    const error = await failure(make({ fromNumber: null }).placeCall(callTo('+8613800000070', 'att-8')));
    expect(error.kind).toBe('permanent');
    expect(fake.createdCount('+8613800000070')).toBe(0);
  });

  it('answers null for an unknown sid', async () => {
    expect(await provider.lookup('call', 'CA' + '9'.repeat(32))).toBeNull();
    expect(await provider.lookup('sms', 'SM' + '9'.repeat(32))).toBeNull();
  });

  it('reports refused credentials and an unreachable server as not created', async () => {
    expect(await failure(make({ authToken: 'wrong' }).placeCall(callTo('+8613800000080', 'att-9')))).toMatchObject({ kind: 'not_created', code: '20003' });
    const closed = await startReceiver();
    await closed.close();
    expect(await failure(make({ apiBaseUrl: closed.url }).placeCall(callTo('+8613800000080', 'att-9')))).toMatchObject({ kind: 'not_created', code: 'ECONNREFUSED' });
  });

  it('hangs up an answered call, which then completes', async () => {
    const long = await startFakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN, callbackDelayMs: 10, talkMs: 30_000 });
    try {
      const caller = make({ apiBaseUrl: long.url });
      const { providerId } = await caller.placeCall(callTo('+8613800000090', 'att-10'));
      const deadline = Date.now() + 2000;
      while ((await caller.lookup('call', providerId))?.status !== 'answered' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await caller.hangup(providerId);
      expect(await caller.lookup('call', providerId)).toMatchObject({ status: 'completed', durationSeconds: 1 });
      await long.drain();
      // one kept-alive connection for the create, the polling, the hang-up and the lookups
      expect(long.requests.connections).toBe(1);
      expect(verified('call', postsFor(providerId)).map((e) => e.status)).toEqual(['initiated', 'ringing', 'answered', 'completed']);
    } finally {
      await long.close();
    }
  });

  it('can duplicate and shuffle callbacks, and retries a failed post once', async () => {
    const noisy = await startFakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN, callbackDelayMs: 5, talkMs: 5, duplicateCallbacks: true, shuffleCallbacks: true, callbackRetryMs: 20 });
    try {
      const caller = make({ apiBaseUrl: noisy.url });
      const { providerId } = await caller.placeCall(callTo('+8613800000100', 'att-11'));
      await noisy.drain();
      const statuses = verified('call', postsFor(providerId)).map((e) => e.status);
      expect(statuses.sort()).toEqual(['answered', 'answered', 'completed', 'completed', 'initiated', 'initiated', 'ringing', 'ringing']);
      const closed = await startReceiver();
      await closed.close();
      await caller.sendSms({ to: '+8613900000100', body: 'x', statusCallbackUrl: `${closed.url}/status/sms?ref=gone` });
      await noisy.drain();
      // two callbacks, each posted twice, each retried once and then dropped
      expect(noisy.callbackStats).toMatchObject({ retried: 4, dropped: 4 });
    } finally {
      await noisy.close();
    }
  });
});

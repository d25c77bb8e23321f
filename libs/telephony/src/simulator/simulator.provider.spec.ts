import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { Clock } from '@app/core';
import { ProviderError } from '../port/provider-error';
import { TwilioSignature } from '../twilio/twilio-signature';
import { SIMULATOR_FROM, type SimulatorOptions, SimulatorProvider } from './simulator.provider';

interface Received {
  url: string;
  path: string;
  params: Record<string, string>;
  signature: string | undefined;
}

const TOKEN = 'simulator-test-token';
const TO = '+8613800000001';
const clock = { now: () => new Date() } as Clock;
const received: Received[] = [];
/** Paths whose next POST answers 500, to see the retry. */
const failOnce = new Set<string>();
let server: Server;
let base: string;
const providers: SimulatorProvider[] = [];

function simulator(options: Partial<SimulatorOptions> = {}, random: () => number = Math.random): SimulatorProvider {
  const defaults: SimulatorOptions = { callOdds: 'answered:1', smsFailurePct: 0, ringSeconds: 0.05, talkSeconds: 0.05, smsSeconds: 0.05 };
  const provider = new SimulatorProvider({ ...defaults, ...options }, new TwilioSignature(TOKEN), clock, random);
  providers.push(provider);
  return provider;
}

function call(provider: SimulatorProvider, ref: string, extra: { ringSeconds?: number; to?: string } = {}) {
  return provider.placeCall({ to: extra.to ?? TO, answerUrl: `${base}/webhooks/twilio/voice/twiml/${ref}`, statusCallbackUrl: `${base}/webhooks/twilio/voice/status?ref=${ref}`, ringSeconds: extra.ringSeconds });
}

function sms(provider: SimulatorProvider, ref: string, to = TO) {
  return provider.sendSms({ to, body: 'Your statement is ready', statusCallbackUrl: `${base}/webhooks/twilio/sms/status?ref=${ref}` });
}

const statusesOf = (sid: string) => received.filter((r) => r.path.includes('/status') && (r.params.CallSid ?? r.params.MessageSid) === sid);
const callStatuses = (sid: string) => statusesOf(sid).map((r) => r.params.CallStatus);
const smsStatuses = (sid: string) => statusesOf(sid).map((r) => r.params.MessageStatus);
const answerFetches = (sid: string) => received.filter((r) => r.path.includes('/twiml/') && r.params.CallSid === sid);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out; received ${JSON.stringify(received.map((r) => [r.path, r.params.CallStatus ?? r.params.MessageStatus]))}`);
    await pause(10);
  }
}

beforeAll(async () => {
  Logger.overrideLogger(false);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      const signature = req.headers['x-twilio-signature'];
      received.push({ url: `${base}${path}`, path, params: Object.fromEntries(new URLSearchParams(body)), signature: typeof signature === 'string' ? signature : undefined });
      if (failOnce.delete(path)) return void res.writeHead(500).end();
      if (path.includes('/twiml/')) return void res.writeHead(200, { 'Content-Type': 'text/xml' }).end('<Response><Say>Hello</Say></Response>');
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  for (const provider of providers.splice(0)) provider.onApplicationShutdown();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('simulator calls', () => {
  it('posts an answered call in order, fetches the answer URL, and signs like Twilio', async () => {
    const provider = simulator();
    const accepted = await call(provider, 'a1');
    expect(accepted).toEqual({ providerId: expect.stringMatching(/^CA[0-9a-f]{32}$/), status: 'queued' });
    const sid = accepted.providerId;
    await waitFor(() => callStatuses(sid).includes('completed'));

    expect(callStatuses(sid)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    const statuses = statusesOf(sid);
    expect(statuses.map((r) => r.params.SequenceNumber)).toEqual(['0', '1', '2', '3']);
    for (const r of statuses) {
      expect(r.params).toMatchObject({ CallSid: sid, From: SIMULATOR_FROM, To: TO, Direction: 'outbound-api', CallbackSource: 'call-progress-events', ApiVersion: '2010-04-01' });
      expect(r.params.AccountSid).toMatch(/^AC[0-9a-f]{32}$/);
      expect(r.params.Timestamp).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
      expect(r.params.CallDuration === undefined).toBe(r.params.CallStatus !== 'completed');
    }

    const answers = answerFetches(sid);
    expect(answers).toHaveLength(1);
    expect(answers[0].params).toMatchObject({ CallSid: sid, CallStatus: 'in-progress', From: SIMULATOR_FROM, To: TO, Direction: 'outbound-api' });
    const at = (r: Received) => received.indexOf(r);
    expect(at(answers[0])).toBeGreaterThan(at(statuses[2]));
    expect(at(answers[0])).toBeLessThan(at(statuses[3]));

    const right = new TwilioSignature(TOKEN);
    const wrong = new TwilioSignature('another-token');
    for (const r of [...statuses, ...answers]) {
      expect(right.verify(r.url, r.params, r.signature)).toBe(true);
      expect(wrong.verify(r.url, r.params, r.signature)).toBe(false);
    }
    const last = statuses[3];
    const verified = provider.verifyCallback('call', last.url, last.params, last.signature);
    expect(verified).toMatchObject({ ok: true, value: { providerId: sid, kind: 'call', status: 'completed', ref: 'a1', durationSeconds: 0 } });
    expect(provider.verifyCallback('call', last.url, last.params, 'forged')).toEqual({ ok: false, problem: 'signature' });

    expect(await provider.lookup('call', sid)).toMatchObject({ providerId: sid, kind: 'call', to: TO, status: 'completed', durationSeconds: 0 });
  });

  it.each([
    [0.7, 'no-answer', 'no_answer'],
    [0.85, 'busy', 'busy'],
    [0.95, 'failed', 'failed'],
  ])('random %p with the default odds ends the call %s', async (random, twilioStatus, status) => {
    const provider = simulator({ callOdds: 'answered:60,no_answer:20,busy:12,failed:8' }, () => random);
    const { providerId } = await call(provider, `odds-${status}`);
    await waitFor(() => callStatuses(providerId).length === 3);
    await pause(50);
    expect(callStatuses(providerId)).toEqual(['initiated', 'ringing', twilioStatus]);
    expect(answerFetches(providerId)).toHaveLength(0);
    expect(await provider.lookup('call', providerId)).toMatchObject({ status });
  });

  it("gives up at the caller's ring timeout when the phone would answer later", async () => {
    const provider = simulator({ ringSeconds: 5 });
    const { providerId } = await call(provider, 'timeout', { ringSeconds: 0.05 });
    await waitFor(() => callStatuses(providerId).length === 3);
    expect(callStatuses(providerId)).toEqual(['initiated', 'ringing', 'no-answer']);
  });

  it('refuses a number that is not E.164 as permanent 21211', async () => {
    const provider = simulator();
    for (const to of ['13800000001', '+0123456789', '+86 138 0000 0001', '+123']) {
      const error = await call(provider, 'bad', { to }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ kind: 'permanent', code: '21211' });
    }
    await expect(sms(provider, 'bad', '0086138')).rejects.toMatchObject({ kind: 'permanent', code: '21211' });
    expect(await provider.findByRecipient({ kind: 'call', to: '13800000001', from: new Date(0), until: new Date(Date.now() + 60_000) })).toEqual([]);
  });

  it('hangs up a ringing call as canceled and stops its timers', async () => {
    const provider = simulator({ ringSeconds: 0.3 });
    const { providerId } = await call(provider, 'cancel');
    await waitFor(() => callStatuses(providerId).includes('ringing'));
    await provider.hangup(providerId);
    await waitFor(() => callStatuses(providerId).includes('canceled'));
    await pause(400);
    expect(callStatuses(providerId)).toEqual(['initiated', 'ringing', 'canceled']);
    expect(answerFetches(providerId)).toHaveLength(0);
    expect(await provider.lookup('call', providerId)).toMatchObject({ status: 'canceled' });
  });

  it('hangs up an answered call as completed, once; an unknown call is 20404', async () => {
    const provider = simulator({ talkSeconds: 30 });
    const { providerId } = await call(provider, 'hangup');
    await waitFor(() => callStatuses(providerId).includes('in-progress'));
    await provider.hangup(providerId);
    await provider.hangup(providerId);
    await waitFor(() => callStatuses(providerId).includes('completed'));
    await pause(50);
    expect(callStatuses(providerId)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(statusesOf(providerId)[3].params.CallDuration).toBe('0');
    await expect(provider.hangup('CA00000000000000000000000000000000')).rejects.toMatchObject({ kind: 'permanent', code: '20404' });
  });
});

describe('simulator SMS', () => {
  it('reports sent then delivered', async () => {
    const provider = simulator({ smsFailurePct: 4 }, () => 0.5);
    const accepted = await sms(provider, 's1');
    expect(accepted).toEqual({ providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: 'queued' });
    const sid = accepted.providerId;
    await waitFor(() => smsStatuses(sid).length === 2);
    expect(smsStatuses(sid)).toEqual(['sent', 'delivered']);
    for (const r of statusesOf(sid)) {
      expect(r.params).toMatchObject({ MessageSid: sid, SmsSid: sid, From: SIMULATOR_FROM, To: TO, SmsStatus: r.params.MessageStatus, ApiVersion: '2010-04-01' });
      expect(r.params.ErrorCode).toBeUndefined();
    }
    const last = statusesOf(sid)[1];
    expect(provider.verifyCallback('sms', last.url, last.params, last.signature)).toMatchObject({ ok: true, value: { providerId: sid, status: 'delivered', ref: 's1' } });
    expect(await provider.lookup('sms', sid)).toMatchObject({ status: 'delivered', errorCode: null });
  });

  it('reports undelivered with 30003 at the failure odds', async () => {
    const provider = simulator({ smsFailurePct: 4 }, () => 0.01);
    const { providerId } = await sms(provider, 's2');
    await waitFor(() => smsStatuses(providerId).length === 2);
    expect(smsStatuses(providerId)).toEqual(['sent', 'undelivered']);
    expect(statusesOf(providerId)[1].params.ErrorCode).toBe('30003');
    expect(await provider.lookup('sms', providerId)).toMatchObject({ status: 'undelivered', errorCode: '30003' });
  });

  it('retries a callback the server answered 500 once, keeping the order', async () => {
    const provider = simulator();
    failOnce.add('/webhooks/twilio/sms/status?ref=flaky');
    const { providerId } = await sms(provider, 'flaky');
    await waitFor(() => smsStatuses(providerId).includes('delivered'));
    expect(smsStatuses(providerId)).toEqual(['sent', 'sent', 'delivered']);
  });
});

describe('simulator records', () => {
  it('looks up and finds by recipient from memory', async () => {
    const provider = simulator({ ringSeconds: 5 });
    const before = new Date(Date.now() - 1000);
    const first = await call(provider, 'r1');
    const second = await call(provider, 'r2');
    const other = await call(provider, 'r3', { to: '+8613800000002' });
    const text = await sms(provider, 'r4');
    const after = new Date(Date.now() + 1000);

    expect(await provider.lookup('call', first.providerId)).toMatchObject({ providerId: first.providerId, kind: 'call', to: TO, createdAt: expect.any(Date) });
    expect(await provider.lookup('sms', first.providerId)).toBeNull();
    expect(await provider.lookup('call', 'CAunknown')).toBeNull();

    const calls = await provider.findByRecipient({ kind: 'call', to: TO, from: before, until: after });
    expect(calls.map((r) => r.providerId).sort()).toEqual([first.providerId, second.providerId].sort());
    expect(calls.map((r) => r.providerId)).not.toContain(other.providerId);
    expect((await provider.findByRecipient({ kind: 'sms', to: TO, from: before, until: after })).map((r) => r.providerId)).toEqual([text.providerId]);
    expect(await provider.findByRecipient({ kind: 'call', to: TO, from: new Date(0), until: new Date(before.getTime() - 1) })).toEqual([]);
  });

  it('fires no timer after shutdown and accepts nothing more', async () => {
    const provider = simulator({ ringSeconds: 2, smsSeconds: 2 });
    const { providerId } = await call(provider, 'shutdown');
    const text = await sms(provider, 'shutdown');
    await waitFor(() => callStatuses(providerId).includes('initiated'));
    provider.onApplicationShutdown();
    await pause(800);
    expect(callStatuses(providerId)).toEqual(['initiated']);
    expect(smsStatuses(text.providerId)).toEqual([]);
    await expect(call(provider, 'late')).rejects.toMatchObject({ kind: 'not_created' });
  });
});

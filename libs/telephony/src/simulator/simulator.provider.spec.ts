import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import twilio from 'twilio';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import type { Clock } from '@app/core';
import { ProviderError } from '../port/provider-error';
import { type RelayPrompt, type RelaySetup, textFrames } from '../relay/relay-protocol';
import { TwilioSignature } from '../twilio/twilio-signature';
import { SIMULATOR_ACCOUNT_SID, SIMULATOR_FROM, type SimulatorOptions, SimulatorProvider } from './simulator.provider';

interface Received {
  url: string;
  path: string;
  params: Record<string, string>;
  signature: string | undefined;
  at: number;
}

/** One relay session as the platform's end of the websocket saw it. */
interface PlatformSession {
  url: string;
  signed: boolean;
  setup: RelaySetup | null;
  prompts: RelayPrompt[];
  lastPromptAt: number | null;
  socket: WebSocket;
  closedBy: 'customer' | 'platform' | null;
}

/** How the platform plays one session: called with each frame the customer sends. */
type Platform = (frame: RelaySetup | RelayPrompt, session: PlatformSession) => void;

const TOKEN = 'simulator-test-token';
const TO = '+8613800000001';
const clock = { now: () => new Date() } as Clock;
const received: Received[] = [];
/** Paths whose next POST answers 500, to see the retry. */
const failOnce = new Set<string>();
/** What a path answers in TwiML, when not the default Say. */
const answers = new Map<string, string>();
/** The platform behind each relay path; a path with none refuses the upgrade. */
const platforms = new Map<string, Platform>();
const sessions: PlatformSession[] = [];
let server: Server;
let relayServer: WebSocketServer;
let base: string;
let wsBase: string;
const providers: SimulatorProvider[] = [];

function simulator(options: Partial<SimulatorOptions> = {}, random: () => number = Math.random): SimulatorProvider {
  const defaults: SimulatorOptions = { callOdds: 'answered:1', smsFailurePct: 0, ringSeconds: 0.05, talkSeconds: 0.05, smsSeconds: 0.05, aiPersonas: 'interested:1', aiPauseMs: 20 };
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

/** The answer URL's TwiML for an AI call, built with the Twilio SDK as the platform does (it escapes `&`). */
function aiCallTwiml(ref: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const connect = response.connect({ action: `${base}/webhooks/twilio/voice/relay-action/${ref}` });
  const relay = connect.conversationRelay({ url: `${wsBase}/relay/${ref}?campaign=7&attempt=42`, welcomeGreeting: '您好，这里是信用卡中心', language: 'zh-CN' });
  relay.parameter({ name: 'attemptId', value: '42' });
  relay.parameter({ name: 'customer', value: '张三 & 李四' });
  return response.toString();
}

/** An answered AI call to a customer of one persona; `platform` null refuses the websocket. */
async function aiCall(ref: string, persona: string, platform: Platform | null, actionTwiml: string, options: Partial<SimulatorOptions> = {}) {
  if (platform) platforms.set(`/relay/${ref}`, platform);
  answers.set(`/webhooks/twilio/voice/twiml/${ref}`, aiCallTwiml(ref));
  answers.set(`/webhooks/twilio/voice/relay-action/${ref}`, actionTwiml);
  const provider = simulator({ aiPersonas: `${persona}:1`, ...options });
  const { providerId } = await call(provider, ref);
  return { provider, sid: providerId };
}

const sessionOf = (sid: string) => sessions.find((s) => s.setup?.callSid === sid);
/** What the customer said, as final transcriptions. */
const said = (session: PlatformSession) => session.prompts.filter((p) => p.last).map((p) => p.voicePrompt);
const actionPosts = (sid: string) => received.filter((r) => r.path.includes('/relay-action/') && r.params.CallSid === sid);
const completedAt = (sid: string) => statusesOf(sid).find((r) => r.params.CallStatus === 'completed')?.at ?? NaN;

function speak(session: PlatformSession, text: string): void {
  for (const frame of textFrames(text)) session.socket.send(JSON.stringify(frame));
}

function endSession(session: PlatformSession, handoffData?: string): void {
  session.socket.send(JSON.stringify(handoffData === undefined ? { type: 'end' } : { type: 'end', handoffData }));
}

/** The platform's AI: answers each line the customer says, and ends the session after `lines` of them. */
function aiEndingAfter(lines: number, handoffData?: string): Platform {
  return (frame, session) => {
    if (frame.type !== 'prompt' || !frame.last) return;
    if (said(session).length < lines) speak(session, '好的，我明白了。还有别的问题吗？');
    else endSession(session, handoffData);
  };
}

const aiTalkingOn: Platform = (frame, session) => {
  if (frame.type === 'prompt' && frame.last) speak(session, '您说的我记下了。请问还有什么需要？');
};

beforeAll(async () => {
  Logger.overrideLogger(false);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      const signature = req.headers['x-twilio-signature'];
      received.push({ url: `${base}${path}`, path, params: Object.fromEntries(new URLSearchParams(body)), signature: typeof signature === 'string' ? signature : undefined, at: Date.now() });
      if (failOnce.delete(path)) return void res.writeHead(500).end();
      const twiml = answers.get(path) ?? (path.includes('/twiml/') ? '<Response><Say>Hello</Say></Response>' : null);
      if (twiml !== null) return void res.writeHead(200, { 'Content-Type': 'text/xml' }).end(twiml);
      res.writeHead(204).end();
    });
  });
  relayServer = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = `${wsBase}${req.url ?? ''}`;
    const platform = platforms.get(new URL(url).pathname);
    if (!platform) return void socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
    const signed = req.headers['x-twilio-signature'] === twilio.getExpectedTwilioSignature(TOKEN, url, {});
    relayServer.handleUpgrade(req, socket, head, (ws) => {
      const session: PlatformSession = { url, signed, setup: null, prompts: [], lastPromptAt: null, socket: ws, closedBy: null };
      sessions.push(session);
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as RelaySetup | RelayPrompt;
        if (frame.type === 'setup') session.setup = frame;
        else {
          session.prompts.push(frame);
          session.lastPromptAt = Date.now();
        }
        platform(frame, session);
      });
      ws.on('close', () => (session.closedBy ??= 'customer'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  wsBase = base.replace(/^http/, 'ws');
});

afterEach(() => {
  for (const provider of providers.splice(0)) provider.onApplicationShutdown();
  for (const client of relayServer.clients) client.terminate();
});

afterAll(async () => {
  relayServer.close();
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

describe('simulator AI calls', () => {
  const HANDOFF = JSON.stringify({ reason: 'interested', summary: '想了解怎么办理' });

  it('connects a ConversationRelay answer signed, with its parameters; the interested customer answers in turn and <Dial> keeps the handed-over call up', async () => {
    const { sid } = await aiCall('ai-dial', 'interested', aiEndingAfter(3, HANDOFF), '<Response><Dial>+861088888888</Dial></Response>', { talkSeconds: 0.4 });
    await waitFor(() => callStatuses(sid).includes('completed'));
    const session = sessionOf(sid) as PlatformSession;
    await waitFor(() => session.closedBy !== null);

    expect(session.url).toBe(`${wsBase}/relay/ai-dial?campaign=7&attempt=42`);
    expect(session.signed).toBe(true);
    expect(session.setup).toEqual({
      type: 'setup',
      sessionId: expect.stringMatching(/^VX[0-9a-f]{32}$/),
      accountSid: SIMULATOR_ACCOUNT_SID,
      callSid: sid,
      from: SIMULATOR_FROM,
      to: TO,
      direction: 'outbound-api',
      callType: 'PSTN',
      callStatus: 'in-progress',
      customParameters: { attemptId: '42', customer: '张三 & 李四' },
    });
    expect(session.prompts.map((p) => [p.voicePrompt, p.last])).toEqual([
      ['是的，', false],
      ['是的，是我', true],
      ['听清', false],
      ['听清楚了', true],
      ['我想了解一', false],
      ['我想了解一下怎么办理', true],
    ]);
    expect(session.prompts.every((p) => p.lang === 'zh-CN')).toBe(true);
    expect(session.closedBy).toBe('customer');

    const [action, ...more] = actionPosts(sid);
    expect(more).toEqual([]);
    expect(action.params).toEqual({ CallSid: sid, AccountSid: SIMULATOR_ACCOUNT_SID, SessionId: session.setup?.sessionId, SessionStatus: 'ended', SessionDuration: '0', HandoffData: HANDOFF });
    expect(new TwilioSignature(TOKEN).verify(action.url, action.params, action.signature)).toBe(true);
    expect(callStatuses(sid)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(completedAt(sid) - action.at).toBeGreaterThanOrEqual(350);
  });

  it('ends the call at once when the action answers <Hangup/>, ignoring frames it cannot read', async () => {
    const garbling: Platform = (frame, session) => {
      if (frame.type === 'setup') for (const raw of ['not json', '{"type":"bogus"}', '{"type":"text","last":true}', '{"type":"end","handoffData":7}']) session.socket.send(raw);
      else aiEndingAfter(1, HANDOFF)(frame, session);
    };
    const { sid } = await aiCall('ai-hangup', 'human', garbling, '<Response><Hangup/></Response>', { talkSeconds: 5 });
    await waitFor(() => callStatuses(sid).includes('completed'));

    expect(said(sessionOf(sid) as PlatformSession)).toEqual(['帮我转人工']);
    const [action] = actionPosts(sid);
    expect(action.params).toMatchObject({ SessionStatus: 'ended', HandoffData: HANDOFF });
    expect(completedAt(sid) - action.at).toBeLessThan(1000);
    expect(callStatuses(sid)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
  });

  it('has the silent customer say nothing, even when asked again', async () => {
    const askingAgain: Platform = (frame, session) => {
      if (frame.type !== 'setup') return;
      setTimeout(() => speak(session, '您好，请问能听到吗？'), 200);
      setTimeout(() => endSession(session), 400);
    };
    const { sid } = await aiCall('ai-silent', 'silent', askingAgain, '<Response><Say>再见</Say></Response>');
    await waitFor(() => callStatuses(sid).includes('completed'));

    expect(sessionOf(sid)?.prompts).toEqual([]);
    const [action] = actionPosts(sid);
    expect(action.params).toMatchObject({ SessionStatus: 'ended' });
    expect(action.params).not.toHaveProperty('HandoffData');
    expect(callStatuses(sid)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
  });

  it.each([
    ['closes the socket without end', true],
    ['refuses the websocket', false],
  ])('posts the action failed and ends the call when the platform %s', async (_, accepts) => {
    const closing: Platform = (frame, session) => {
      if (frame.type !== 'prompt' || !frame.last) return;
      session.closedBy = 'platform';
      session.socket.close();
    };
    const ref = accepts ? 'ai-closed' : 'ai-refused';
    const { sid } = await aiCall(ref, 'interested', accepts ? closing : null, '<Response><Hangup/></Response>');
    await waitFor(() => callStatuses(sid).includes('completed'));

    if (accepts) expect(said(sessionOf(sid) as PlatformSession)).toEqual(['是的，是我']);
    else expect(sessionOf(sid)).toBeUndefined();
    const [action, ...more] = actionPosts(sid);
    expect(more).toEqual([]);
    expect(action.params).toMatchObject({ CallSid: sid, SessionId: expect.stringMatching(/^VX[0-9a-f]{32}$/), SessionStatus: 'failed', SessionDuration: expect.stringMatching(/^\d+$/) });
    expect(action.params).not.toHaveProperty('HandoffData');
    expect(callStatuses(sid)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
  });

  it('has an off-script customer run out of lines, agree, and hang up after 12 turns, however short the talk time', async () => {
    const { sid } = await aiCall('ai-endless', 'off_script', aiTalkingOn, '<Response><Hangup/></Response>', { talkSeconds: 0.05, aiPauseMs: 10 });
    await waitFor(() => callStatuses(sid).includes('completed'));
    const session = sessionOf(sid) as PlatformSession;
    await waitFor(() => session.closedBy !== null);

    expect(said(session)).toEqual(['今天天气怎么样', '你们食堂好吃吗', '啊', ...Array<string>(9).fill('好的')]);
    expect(session.closedBy).toBe('customer');
    expect(completedAt(sid)).toBeGreaterThanOrEqual(session.lastPromptAt as number);
    expect(actionPosts(sid)).toEqual([]);
    expect(callStatuses(sid)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
  });

  it('closes the relay socket when the call is hung up or the app shuts down', async () => {
    const hungUp = await aiCall('ai-hung-up', 'interested', aiTalkingOn, '<Response><Hangup/></Response>', { talkSeconds: 5 });
    const shutDown = await aiCall('ai-shut-down', 'interested', aiTalkingOn, '<Response><Hangup/></Response>', { talkSeconds: 5 });
    await waitFor(() => sessionOf(hungUp.sid) !== undefined && sessionOf(shutDown.sid) !== undefined);

    await hungUp.provider.hangup(hungUp.sid);
    shutDown.provider.onApplicationShutdown();
    await waitFor(() => sessionOf(hungUp.sid)?.closedBy === 'customer' && sessionOf(shutDown.sid)?.closedBy === 'customer');
    await waitFor(() => callStatuses(hungUp.sid).includes('completed'));
    await pause(100);

    expect(callStatuses(hungUp.sid)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(callStatuses(shutDown.sid)).toEqual(['initiated', 'ringing', 'in-progress']);
    expect([...actionPosts(hungUp.sid), ...actionPosts(shutDown.sid)]).toEqual([]);
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

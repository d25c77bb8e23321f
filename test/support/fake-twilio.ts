// A fake of Twilio's 2010-04-01 REST API for one account, on loopback: the real SDK talks to it
// (TwilioProvider with apiBaseUrl), and it calls back signed like Twilio. No jest imports: the
// benchmarks run it as a separate process.
import { randomBytes } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { seeded } from './seeded-random';

export type FakeKind = 'call' | 'sms';
/** Forced answers to create requests ('500': a server error before anything was created). */
export type FakeFault = '429' | '503' | '500' | '500-after-create' | 'timeout-after-create' | 'reset-after-create';
export type CreateAnswer = 'created' | 'invalid' | FakeFault;
export type CallOutcome = 'answered' | 'busy' | 'no-answer' | 'failed';
export type SmsOutcome = 'delivered' | 'undelivered' | 'failed';

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  /** Default 0 (any free port) on 127.0.0.1. */
  port?: number;
  host?: string;
  /** Post status callbacks at all (default true). Calls and messages progress either way. */
  callbacks?: boolean;
  /** Between a call's or message's successive steps (default 20 ms). */
  callbackDelayMs?: number;
  /** How long an answered call stays in progress before it completes (default callbackDelayMs). */
  talkMs?: number;
  /** CallDuration reported for a call that completes by itself (default 30). */
  talkSeconds?: number;
  /** Post every callback twice. */
  duplicateCallbacks?: boolean;
  /** Hold a call's (or message's) callbacks until it ends, then post them in random order. */
  shuffleCallbacks?: boolean;
  /** Callback posts in flight at once (default 32). */
  callbackConcurrency?: number;
  /** Wait before the one retry of a failed callback post (default 1000 ms, as Twilio). */
  callbackRetryMs?: number;
  /** Give up on a callback post after this long (default 15 000 ms, as Twilio). */
  callbackTimeoutMs?: number;
  /** POST the call's Url, signed, when it is answered (default false). */
  fetchAnswerUrl?: boolean;
  /** How a call to this number ends (default: last digit 1 busy, 2 no-answer, 3 failed, else answered). */
  outcomeFor?: (to: string) => CallOutcome;
  /** How a message to this number ends (default: last digit 4 undelivered, else delivered). */
  smsOutcomeFor?: (to: string) => SmsOutcome;
  /** How long 'timeout-after-create' holds the answer (default 5000 ms). */
  hangMs?: number;
  /** Random faults on create requests (fractions 0..1), drawn from a seeded generator. */
  rates?: { r429?: number; r503?: number; r500?: number; r500AfterCreate?: number; rTimeoutAfterCreate?: number };
  seed?: number;
  /** Keep every create and list request in `requestLog`. */
  logRequests?: boolean;
  /** The number a messaging service sends from (default +15005550006). */
  messagingServiceNumber?: string;
  now?: () => Date;
}

export interface FakeCall {
  sid: string;
  to: string;
  from: string;
  url: string;
  method: string;
  statusCallback: string | null;
  /** StatusCallbackEvent as requested; `completed` is always sent. */
  events: string[];
  /** The StatusCallback URL's `ref` query parameter (dispatch: the attempt id). */
  ref: string | null;
  timeout: number | null;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  startTime: Date | null;
  endTime: Date | null;
  answeredAt: Date | null;
  duration: number | null;
  /** The forced answer the create request got, when any. */
  fault: FakeFault | null;
}

export interface FakeMessage {
  sid: string;
  to: string;
  from: string | null;
  body: string;
  messagingServiceSid: string | null;
  statusCallback: string | null;
  ref: string | null;
  status: string;
  errorCode: number | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  fault: FakeFault | null;
}

export interface FakeRequestCounts {
  call: Record<CreateAnswer, number>;
  sms: Record<CreateAnswer, number>;
  fetch: number;
  list: number;
  hangup: number;
  unauthorized: number;
  notFound: number;
  /** TCP connections accepted: few when the client keeps them alive. */
  connections: number;
}

export interface FakeCallbackStats {
  /** Answered 2xx–4xx (a 4xx is Twilio's "the app refused": not retried). */
  posted: number;
  rejected: number;
  retried: number;
  dropped: number;
  answerFetches: number;
}

/** A create request and how it was answered, or a list request (a lookup by recipient), in order. */
export type FakeRequestLogEntry =
  | { what: 'create'; kind: FakeKind; to: string; ref: string | null; answer: CreateAnswer; at: number }
  | { what: 'list'; kind: FakeKind; to: string | null; at: number };

/** A status callback given up on after its retry failed too (the app never heard it). */
export interface DroppedCallback {
  sid: string;
  status: string;
}

export interface FakeTwilio {
  /** Base URL to give TwilioProvider as apiBaseUrl. */
  readonly url: string;
  readonly calls: FakeCall[];
  readonly messages: FakeMessage[];
  readonly requests: FakeRequestCounts;
  readonly callbackStats: FakeCallbackStats;
  readonly droppedCallbacks: DroppedCallback[];
  /** Every create and list request, with Date.now() when it came (only with `logRequests`). */
  readonly requestLog: FakeRequestLogEntry[];
  /** Queue forced answers for the next create requests of a kind, in order. */
  failNext(kind: FakeKind, ...faults: FakeFault[]): void;
  /** From now on, callbacks with these statuses are lost on the way (counted dropped); none: all posted again. */
  loseCallbacks(...statuses: string[]): void;
  /** Calls and messages created to this number (including those whose answer was lost). */
  createdCount(to: string, kind?: FakeKind): number;
  /** Callback posts not finished yet, plus calls and messages whose next step is still to come. */
  callbacksPending(): number;
  /** Resolves once every call and message has ended and every callback post has finished. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

const API = '2010-04-01';
const E164 = /^\+[1-9]\d{1,14}$/;
const ROUTE = /^\/2010-04-01\/Accounts\/([^/]+)\/(Calls|Messages)(?:\/([^/]+?))?\.json$/;
const FINAL_CALL = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

export function defaultCallOutcome(to: string): CallOutcome {
  const last = to.at(-1);
  return last === '1' ? 'busy' : last === '2' ? 'no-answer' : last === '3' ? 'failed' : 'answered';
}

export function defaultSmsOutcome(to: string): SmsOutcome {
  return to.endsWith('4') ? 'undelivered' : 'delivered';
}

/** Twilio's date format (RFC 2822 with +0000), which the SDK parses strictly. */
export function rfc2822(at: Date): string {
  return at.toUTCString().replace('GMT', '+0000');
}


function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

function refOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).searchParams.get('ref');
  } catch {
    return null;
  }
}

function twilioError(status: number, code: number, message: string): Record<string, unknown> {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** A filter bound: a date alone covers its whole day, a date-time its whole second. */
function bound(value: string | null, side: 'low' | 'high'): number | null {
  if (!value) return null;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const at = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(at)) return null;
  if (side === 'low') return at;
  return at + (dateOnly ? 86_400_000 : 1000) - 1;
}

interface Post {
  url: string;
  params: Record<string, string>;
  attempt: number;
  answer: boolean;
}

const emptyAnswers = (): Record<CreateAnswer, number> => ({ created: 0, invalid: 0, '429': 0, '503': 0, '500': 0, '500-after-create': 0, 'timeout-after-create': 0, 'reset-after-create': 0 });

export async function startFakeTwilio(options: FakeTwilioOptions): Promise<FakeTwilio> {
  const delay = options.callbackDelayMs ?? 20;
  const talkMs = options.talkMs ?? delay;
  const concurrency = options.callbackConcurrency ?? 32;
  const retryMs = options.callbackRetryMs ?? 1000;
  const postTimeoutMs = options.callbackTimeoutMs ?? 15_000;
  const callbacksOn = options.callbacks ?? true;
  let lost = new Set<string>();
  const outcomeFor = options.outcomeFor ?? defaultCallOutcome;
  const smsOutcomeFor = options.smsOutcomeFor ?? defaultSmsOutcome;
  const serviceNumber = options.messagingServiceNumber ?? '+15005550006';
  const now = options.now ?? (() => new Date());
  const random = seeded(options.seed ?? 1);
  const expectedAuth = 'Basic ' + Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64');
  const accountUri = `/${API}/Accounts/${options.accountSid}`;

  const calls: FakeCall[] = [];
  const messages: FakeMessage[] = [];
  const callsBySid = new Map<string, FakeCall>();
  const messagesBySid = new Map<string, FakeMessage>();
  const queued: Record<FakeKind, FakeFault[]> = { call: [], sms: [] };
  const requests: FakeRequestCounts = { call: emptyAnswers(), sms: emptyAnswers(), fetch: 0, list: 0, hangup: 0, unauthorized: 0, notFound: 0, connections: 0 };
  const stats: FakeCallbackStats = { posted: 0, rejected: 0, retried: 0, dropped: 0, answerFetches: 0 };
  const droppedCallbacks: DroppedCallback[] = [];
  const requestLog: FakeRequestLogEntry[] = [];
  const logCreate = (kind: FakeKind, form: URLSearchParams, answer: CreateAnswer) => {
    if (options.logRequests) requestLog.push({ what: 'create', kind, to: form.get('To') ?? '', ref: refOf(form.get('StatusCallback')), answer, at: Date.now() });
  };

  // lifecycle steps per sid, so a hang-up can cancel the rest
  const steps = new Map<string, Set<NodeJS.Timeout>>();
  const otherTimers = new Set<NodeJS.Timeout>();
  const held = new Map<string, Record<string, string>[]>();
  const outbox: Post[] = [];
  let inFlight = 0;
  let retrying = 0;
  let drainWaiters: (() => void)[] = [];
  // idle callback sockets close before a Node receiver's 5 s keep-alive ends, so a reused one is never reset
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, timeout: 4000 });

  const stepCount = () => [...steps.values()].reduce((n, set) => n + set.size, 0);
  const pending = () => stepCount() + outbox.length + inFlight + retrying;
  const settle = () => {
    if (pending() > 0) return;
    const waiters = drainWaiters;
    drainWaiters = [];
    waiters.forEach((resolve) => resolve());
  };

  function later(sid: string, ms: number, step: () => void): void {
    const set = steps.get(sid) ?? new Set<NodeJS.Timeout>();
    steps.set(sid, set);
    const timer = setTimeout(() => {
      set.delete(timer);
      if (set.size === 0) steps.delete(sid);
      step();
      settle();
    }, ms);
    set.add(timer);
  }

  /**
   * Steps one after the other, each `ms` after the one before ran: timers of different lengths may
   * fire out of order when the event loop was held up, and a carrier's status never goes back.
   */
  function chain(sid: string, steps: Array<[ms: number, step: () => void]>): void {
    const [first, ...rest] = steps;
    if (!first) return;
    later(sid, first[0], () => {
      first[1]();
      chain(sid, rest);
    });
  }

  function cancelSteps(sid: string): void {
    steps.get(sid)?.forEach((timer) => clearTimeout(timer));
    steps.delete(sid);
  }

  // ---- callback posts -------------------------------------------------------------------------

  function enqueue(post: Post): void {
    outbox.push(post);
    pump();
  }

  function pump(): void {
    while (inFlight < concurrency && outbox.length > 0) void send(outbox.shift() as Post);
  }

  async function send(post: Post): Promise<void> {
    inFlight += 1;
    const status = await postSigned(post.url, post.params);
    inFlight -= 1;
    if (status !== null && status < 500) {
      if (post.answer) stats.answerFetches += 1;
      else if (status >= 400) stats.rejected += 1;
      else stats.posted += 1;
    } else if (post.attempt === 1 && !post.answer) {
      // Twilio retries a failed callback once, a second later
      stats.retried += 1;
      retrying += 1;
      const timer = setTimeout(() => {
        otherTimers.delete(timer);
        retrying -= 1;
        enqueue({ ...post, attempt: 2 });
      }, retryMs);
      otherTimers.add(timer);
    } else {
      stats.dropped += 1;
      droppedCallbacks.push({ sid: post.params.MessageSid ?? post.params.CallSid ?? '', status: post.params.MessageStatus ?? post.params.CallStatus ?? '' });
    }
    pump();
    settle();
  }

  /** The answer's status code, or null when the post failed (refused, reset, timed out). */
  function postSigned(url: string, params: Record<string, string>): Promise<number | null> {
    const body = new URLSearchParams(params).toString();
    const signature = twilio.getExpectedTwilioSignature(options.authToken, url, params);
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)), 'X-Twilio-Signature': signature, 'User-Agent': 'TwilioProxy/1.1' };
    return new Promise((resolve) => {
      const https = url.startsWith('https:');
      const req = (https ? httpsRequest : httpRequest)(url, { method: 'POST', headers, timeout: postTimeoutMs, ...(https ? {} : { agent }) }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? null));
        res.on('error', () => resolve(null));
      });
      req.on('timeout', () => req.destroy(new Error('callback timed out')));
      req.on('error', () => resolve(null));
      req.end(body);
    });
  }

  function emit(sid: string, url: string | null, params: Record<string, string>, final: boolean): void {
    if (!callbacksOn || !url) return;
    const status = params.MessageStatus ?? params.CallStatus ?? '';
    if (lost.has(status)) {
      stats.dropped += 1;
      droppedCallbacks.push({ sid, status });
      return;
    }
    if (options.shuffleCallbacks) {
      const list = held.get(sid) ?? [];
      list.push(params);
      held.set(sid, list);
      if (!final) return;
      held.delete(sid);
      for (let i = list.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [list[i], list[j]] = [list[j], list[i]];
      }
      list.forEach((p) => post(url, p));
      return;
    }
    post(url, params);
  }

  function post(url: string, params: Record<string, string>): void {
    enqueue({ url, params, attempt: 1, answer: false });
    if (options.duplicateCallbacks) enqueue({ url, params, attempt: 1, answer: false });
  }

  // ---- calls ----------------------------------------------------------------------------------

  const sequence = new Map<string, number>();

  function callEvent(call: FakeCall, event: string): void {
    const final = event === 'completed';
    if (!final && !call.events.includes(event)) return;
    const seq = sequence.get(call.sid) ?? 0;
    sequence.set(call.sid, seq + 1);
    const params: Record<string, string> = {
      CallSid: call.sid,
      AccountSid: options.accountSid,
      From: call.from,
      To: call.to,
      Direction: 'outbound-api',
      CallStatus: call.status,
      Timestamp: rfc2822(call.updatedAt),
      SequenceNumber: String(seq),
      CallbackSource: 'call-progress-events',
      ApiVersion: API,
    };
    if (call.status === 'completed') params.CallDuration = String(call.duration ?? 0);
    if (final) sequence.delete(call.sid);
    emit(call.sid, call.statusCallback, params, final);
  }

  function moveCall(call: FakeCall, status: string): void {
    const at = now();
    call.status = status;
    call.updatedAt = at;
    if (status === 'in-progress') call.answeredAt = at;
    if (FINAL_CALL.has(status)) {
      call.endTime = at;
      call.duration ??= call.answeredAt ? Math.max(1, Math.ceil((at.getTime() - call.answeredAt.getTime()) / 1000)) : 0;
    }
  }

  function runCall(call: FakeCall): void {
    const outcome = outcomeFor(call.to);
    const ringing: Array<[number, () => void]> = [
      [delay, () => (moveCall(call, 'initiated'), callEvent(call, 'initiated'))],
      [delay, () => (moveCall(call, 'ringing'), callEvent(call, 'ringing'))],
    ];
    if (outcome !== 'answered') {
      chain(call.sid, [...ringing, [delay, () => (moveCall(call, outcome), callEvent(call, 'completed'))]]);
      return;
    }
    chain(call.sid, [
      ...ringing,
      [
        delay,
        () => {
          moveCall(call, 'in-progress');
          callEvent(call, 'answered');
          if (options.fetchAnswerUrl) fetchAnswer(call);
        },
      ],
      [
        talkMs,
        () => {
          call.duration = options.talkSeconds ?? 30;
          moveCall(call, 'completed');
          callEvent(call, 'completed');
        },
      ],
    ]);
  }

  /** Twilio asks the call's Url what to do once answered (POST, signed). */
  function fetchAnswer(call: FakeCall): void {
    const params = { CallSid: call.sid, AccountSid: options.accountSid, From: call.from, To: call.to, Caller: call.from, Called: call.to, CallStatus: 'in-progress', Direction: 'outbound-api', ApiVersion: API };
    enqueue({ url: call.url, params, attempt: 1, answer: true });
  }

  function hangup(call: FakeCall): void {
    if (FINAL_CALL.has(call.status)) return;
    cancelSteps(call.sid);
    // a call not answered yet ends as canceled, as Twilio reports it
    moveCall(call, call.status === 'in-progress' ? 'completed' : 'canceled');
    callEvent(call, 'completed');
  }

  function callJson(call: FakeCall): Record<string, unknown> {
    const uri = `${accountUri}/Calls/${call.sid}.json`;
    return {
      sid: call.sid,
      date_created: rfc2822(call.createdAt),
      date_updated: rfc2822(call.updatedAt),
      parent_call_sid: null,
      account_sid: options.accountSid,
      to: call.to,
      to_formatted: call.to,
      from: call.from,
      from_formatted: call.from,
      phone_number_sid: null,
      status: call.status,
      start_time: call.startTime ? rfc2822(call.startTime) : null,
      end_time: call.endTime ? rfc2822(call.endTime) : null,
      duration: call.duration !== null ? String(call.duration) : null,
      price: null,
      price_unit: 'USD',
      direction: 'outbound-api',
      answered_by: null,
      api_version: API,
      forwarded_from: null,
      group_sid: null,
      caller_name: null,
      queue_time: '0',
      trunk_sid: null,
      uri,
      subresource_uris: { notifications: uri.replace('.json', '/Notifications.json'), recordings: uri.replace('.json', '/Recordings.json') },
    };
  }

  // ---- messages -------------------------------------------------------------------------------

  function smsEvent(message: FakeMessage, final: boolean): void {
    const params: Record<string, string> = {
      MessageSid: message.sid,
      SmsSid: message.sid,
      AccountSid: options.accountSid,
      From: message.from ?? serviceNumber,
      To: message.to,
      MessageStatus: message.status,
      SmsStatus: message.status,
      ApiVersion: API,
    };
    if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
    if (message.errorCode !== null) params.ErrorCode = String(message.errorCode);
    emit(message.sid, message.statusCallback, params, final);
  }

  function runMessage(message: FakeMessage): void {
    const outcome = smsOutcomeFor(message.to);
    chain(message.sid, [
      [
        delay,
        () => {
          const at = now();
          message.from ??= serviceNumber;
          message.status = 'sent';
          message.sentAt = at;
          message.updatedAt = at;
          smsEvent(message, false);
        },
      ],
      [
        delay,
        () => {
          message.status = outcome;
          message.updatedAt = now();
          if (outcome !== 'delivered') message.errorCode = outcome === 'undelivered' ? 30003 : 30008;
          smsEvent(message, true);
        },
      ],
    ]);
  }

  function messageJson(message: FakeMessage): Record<string, unknown> {
    const uri = `${accountUri}/Messages/${message.sid}.json`;
    return {
      account_sid: options.accountSid,
      api_version: API,
      body: message.body,
      date_created: rfc2822(message.createdAt),
      date_sent: message.sentAt ? rfc2822(message.sentAt) : null,
      date_updated: rfc2822(message.updatedAt),
      direction: 'outbound-api',
      error_code: message.errorCode,
      error_message: null,
      from: message.from,
      messaging_service_sid: message.messagingServiceSid,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid: message.sid,
      status: message.status,
      subresource_uris: { media: uri.replace('.json', '/Media.json') },
      to: message.to,
      uri,
    };
  }

  // ---- requests -------------------------------------------------------------------------------

  function pickFault(kind: FakeKind): FakeFault | null {
    const next = queued[kind].shift();
    if (next) return next;
    const rates = options.rates;
    if (!rates) return null;
    let r = random();
    const odds: Array<[FakeFault, number | undefined]> = [['429', rates.r429], ['503', rates.r503], ['500', rates.r500], ['500-after-create', rates.r500AfterCreate], ['timeout-after-create', rates.rTimeoutAfterCreate]];
    for (const [fault, rate] of odds) {
      if (r < (rate ?? 0)) return fault;
      r -= rate ?? 0;
    }
    return null;
  }

  /** Twilio's 400 for a bad create request, or null when it is acceptable. */
  function invalid(kind: FakeKind, form: URLSearchParams): Record<string, unknown> | null {
    const to = form.get('To');
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to) || to.startsWith('+861000')) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (kind === 'call' && !form.get('From')) return twilioError(400, 21213, "No 'From' number is specified");
    if (kind === 'call' && !form.get('Url') && !form.get('Twiml')) return twilioError(400, 21205, 'Url parameter is required.');
    if (kind === 'sms' && !form.get('From') && !form.get('MessagingServiceSid')) return twilioError(400, 21603, "A 'From' phone number is required.");
    if (kind === 'sms' && !form.get('Body')) return twilioError(400, 21602, 'Message body is required.');
    return null;
  }

  function createRecord(kind: FakeKind, form: URLSearchParams, fault: FakeFault | null): Record<string, unknown> {
    const at = now();
    const statusCallback = form.get('StatusCallback');
    if (kind === 'call') {
      const events = form.getAll('StatusCallbackEvent').flatMap((e) => e.split(' ')).filter(Boolean);
      const timeout = form.get('Timeout');
      const call: FakeCall = {
        sid: newSid('CA'),
        to: form.get('To') as string,
        from: form.get('From') as string,
        url: form.get('Url') ?? '',
        method: form.get('Method') ?? 'POST',
        statusCallback,
        events,
        ref: refOf(statusCallback),
        timeout: timeout ? Number(timeout) : null,
        status: 'queued',
        createdAt: at,
        updatedAt: at,
        // set at once so a call looked up right after creation is found by StartTime
        startTime: at,
        endTime: null,
        answeredAt: null,
        duration: null,
        fault,
      };
      calls.push(call);
      callsBySid.set(call.sid, call);
      runCall(call);
      return callJson(call);
    }
    const serviceSid = form.get('MessagingServiceSid');
    const message: FakeMessage = {
      sid: newSid('SM'),
      to: form.get('To') as string,
      from: form.get('From'),
      body: form.get('Body') ?? '',
      messagingServiceSid: serviceSid,
      statusCallback,
      ref: refOf(statusCallback),
      // a messaging service accepts first and picks the sender itself
      status: serviceSid ? 'accepted' : 'queued',
      errorCode: null,
      createdAt: at,
      updatedAt: at,
      sentAt: null,
      fault,
    };
    messages.push(message);
    messagesBySid.set(message.sid, message);
    runMessage(message);
    return messageJson(message);
  }

  async function create(kind: FakeKind, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readBody(req);
    const fault = pickFault(kind);
    const problem = fault === '429' || fault === '503' || fault === '500' ? null : invalid(kind, form);
    logCreate(kind, form, problem ? 'invalid' : (fault ?? 'created'));
    if (fault === '429') {
      requests[kind]['429'] += 1;
      return sendJson(res, 429, twilioError(429, 20429, 'Too Many Requests'), { 'Retry-After': '1' });
    }
    if (fault === '503') {
      requests[kind]['503'] += 1;
      return sendJson(res, 503, twilioError(503, 20503, 'Service Unavailable'));
    }
    if (fault === '500') {
      requests[kind]['500'] += 1;
      return sendJson(res, 500, twilioError(500, 20500, 'Internal Server Error'));
    }
    if (problem) {
      requests[kind].invalid += 1;
      return sendJson(res, 400, problem);
    }
    const record = createRecord(kind, form, fault);
    requests[kind][fault ?? 'created'] += 1;
    if (fault === '500-after-create') return sendJson(res, 500, twilioError(500, 20500, 'Internal Server Error'));
    if (fault === 'reset-after-create') {
      req.socket.destroy();
      return;
    }
    if (fault === 'timeout-after-create') {
      const timer = setTimeout(() => {
        otherTimers.delete(timer);
        if (!res.destroyed && !res.writableEnded) sendJson(res, 201, record);
      }, options.hangMs ?? 5000);
      otherTimers.add(timer);
      return;
    }
    sendJson(res, 201, record);
  }

  function list(kind: FakeKind, url: URL, res: ServerResponse): void {
    requests.list += 1;
    const q = url.searchParams;
    if (options.logRequests) requestLog.push({ what: 'list', kind, to: q.get('To'), at: Date.now() });
    const field = kind === 'call' ? 'StartTime' : 'DateSent';
    const exact = q.get(field);
    const low = bound(q.get(`${field}>`) ?? exact, 'low');
    const high = bound(q.get(`${field}<`) ?? exact, 'high');
    // newest first, as Twilio lists; the reversal keeps records created in the same millisecond in that order
    const records: (FakeCall | FakeMessage)[] = [...(kind === 'call' ? calls : messages)].reverse();
    const matching = records
      .filter((r) => {
        const at = ('startTime' in r ? r.startTime : r.sentAt) ?? r.createdAt;
        if (q.has('To') && r.to !== q.get('To')) return false;
        if (q.has('From') && r.from !== q.get('From')) return false;
        if (q.has('Status') && r.status !== q.get('Status')) return false;
        return (low === null || at.getTime() >= low) && (high === null || at.getTime() <= high);
      })
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const pageSize = Math.min(1000, Math.max(1, Number(q.get('PageSize') ?? 50) || 50));
    const page = Math.max(0, Number(q.get('Page') ?? 0) || 0);
    const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
    const pageUri = (n: number) => {
      const params = new URLSearchParams(q);
      params.set('PageSize', String(pageSize));
      params.set('Page', String(n));
      return `${url.pathname}?${params.toString()}`;
    };
    const key = kind === 'call' ? 'calls' : 'messages';
    sendJson(res, 200, {
      [key]: slice.map((r) => ('startTime' in r ? callJson(r) : messageJson(r))),
      end: page * pageSize + Math.max(0, slice.length - 1),
      first_page_uri: pageUri(0),
      next_page_uri: (page + 1) * pageSize < matching.length ? pageUri(page + 1) : null,
      page,
      page_size: pageSize,
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      start: page * pageSize,
      uri: `${url.pathname}${url.search}`,
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.headers.authorization !== expectedAuth) {
      requests.unauthorized += 1;
      return sendJson(res, 401, twilioError(401, 20003, 'Authenticate'), { 'WWW-Authenticate': 'Basic realm="Twilio API"' });
    }
    const match = ROUTE.exec(url.pathname);
    const notFound = () => {
      requests.notFound += 1;
      sendJson(res, 404, twilioError(404, 20404, `The requested resource ${url.pathname} was not found`));
    };
    if (!match || match[1] !== options.accountSid) return notFound();
    const kind: FakeKind = match[2] === 'Calls' ? 'call' : 'sms';
    const sid = match[3];
    if (!sid && req.method === 'POST') return create(kind, req, res);
    if (!sid && req.method === 'GET') return list(kind, url, res);
    const call = kind === 'call' && sid ? callsBySid.get(sid) : undefined;
    const message = kind === 'sms' && sid ? messagesBySid.get(sid) : undefined;
    if (req.method === 'GET' && (call || message)) {
      requests.fetch += 1;
      return sendJson(res, 200, call ? callJson(call) : messageJson(message as FakeMessage));
    }
    if (req.method === 'POST' && call) {
      const form = await readBody(req);
      const status = form.get('Status');
      if (status === 'completed' || status === 'canceled') {
        requests.hangup += 1;
        hangup(call);
      }
      return sendJson(res, 200, callJson(call));
    }
    notFound();
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, twilioError(500, 20500, String(error)));
    });
  });
  server.on('connection', () => {
    requests.connections += 1;
  });
  // longer than any client's idle keep-alive, so a reused socket is not closed under a request
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    calls,
    messages,
    requests,
    callbackStats: stats,
    droppedCallbacks,
    requestLog,
    failNext(kind, ...faults) {
      queued[kind].push(...faults);
    },
    loseCallbacks(...statuses) {
      lost = new Set(statuses);
    },
    createdCount(to, kind) {
      const n = (records: { to: string }[]) => records.filter((r) => r.to === to).length;
      return (kind !== 'sms' ? n(calls) : 0) + (kind !== 'call' ? n(messages) : 0);
    },
    callbacksPending: pending,
    drain() {
      return pending() === 0 ? Promise.resolve() : new Promise<void>((resolve) => drainWaiters.push(resolve));
    },
    async close() {
      steps.forEach((set) => set.forEach((timer) => clearTimeout(timer)));
      steps.clear();
      otherTimers.forEach((timer) => clearTimeout(timer));
      otherTimers.clear();
      outbox.length = 0;
      sequence.clear();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const waiters = drainWaiters;
      drainWaiters = [];
      waiters.forEach((resolve) => resolve());
    },
  };
}

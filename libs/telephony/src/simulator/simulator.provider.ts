import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Clock } from '@app/core';
import type { TwilioSignature } from '../twilio/twilio-signature';
import { ProviderError } from '../port/provider-error';
import { type CallStatus, isFinal, type ProviderEvent, type ProviderKind, type SmsStatus } from '../port/provider-event';
import { type InboundSms, type PlaceCallRequest, type ProviderAccepted, type ProviderRecord, type RecipientWindow, type SendSmsRequest, TelephonyProvider, type Verified } from '../port/telephony-provider';
import { type CallOutcome, type OutcomeWeight, parseCallOdds, pickOutcome } from './simulator-odds';
import { parsePersonaOdds, type PersonaWeight, pickPersona } from './simulator-personas';
import { RelayCustomer, type RelayEnding } from './simulator-relay';
import { type ConnectRelay, dialsOut, readConnectRelay } from './simulator-twiml';

export interface SimulatorOptions {
  /** How calls end, as weights: `answered:60,no_answer:20,busy:12,failed:8`. */
  callOdds: string;
  smsFailurePct: number;
  ringSeconds: number;
  talkSeconds: number;
  smsSeconds: number;
  /** Who answers AI calls, as weights: `interested:25,not_interested:20,human:15,...` (see simulator-personas). */
  aiPersonas: string;
  /** How long an AI-call customer takes to answer once the AI stops talking. */
  aiPauseMs: number;
}

/** One made-up Twilio account, so callbacks look like a real one's. */
export const SIMULATOR_ACCOUNT_SID = `AC5${'0'.repeat(31)}`;
/** Twilio's own test number for a valid From. */
export const SIMULATOR_FROM = '+15005550006';

const E164 = /^\+[1-9]\d{6,14}$/;
const API_VERSION = '2010-04-01';
const POST_TIMEOUT_MS = 5_000;
const RETRY_AFTER_MS = 1_000;
/** Ended records are forgotten after a day: lookups serve lost answers, which are minutes old. */
const RETAIN_MS = 24 * 3_600_000;

const TWILIO_CALL_STATUS: Record<CallStatus, string> = {
  queued: 'queued',
  initiated: 'initiated',
  ringing: 'ringing',
  answered: 'in-progress',
  completed: 'completed',
  busy: 'busy',
  no_answer: 'no-answer',
  failed: 'failed',
  canceled: 'canceled',
};

type Timer = ReturnType<typeof setTimeout>;

interface Entry {
  record: ProviderRecord;
  from: string;
  callbackUrl: string;
  answerUrl: string | null;
  sequence: number;
  answeredAt: Date | null;
  timers: Set<Timer>;
  /** The AI call's customer while its relay session is open. */
  relay: RelayCustomer | null;
  /** Each callback waits for the one before, so a call's callbacks arrive in order. */
  posting: Promise<void>;
}

type Attempt = { body: string } | { problem: string; retry: boolean };

/** Twilio's RFC 2822 form: `Tue, 10 Jun 2025 08:00:00 +0000`. */
function rfc2822(at: Date): string {
  return at.toUTCString().replace(/GMT$/, '+0000');
}

function checkNumber(number: string, code: string, field: string): void {
  if (!E164.test(number)) throw new ProviderError('permanent', `The '${field}' number ${number} is not a valid phone number.`, code);
}

/** A short step before the main wait (ringing, sent): a quarter of it, at most a second. */
function shortly(seconds: number): number {
  return Math.min(1, seconds / 4);
}

/**
 * The built-in carrier (TELEPHONY_PROVIDER=simulator): calls ring and end by the configured odds,
 * SMS are delivered or fail, and every outcome is posted, signed like Twilio's, to the same
 * webhooks Twilio would call. Records live in memory: a restart forgets them, and dispatch then
 * marks attempts it can no longer look up for review.
 */
export class SimulatorProvider extends TelephonyProvider implements OnApplicationShutdown {
  readonly name = 'simulator';
  readonly account: string;
  private readonly logger = new Logger(SimulatorProvider.name);
  private readonly odds: OutcomeWeight[];
  private readonly personas: PersonaWeight[];
  private readonly entries = new Map<string, Entry>();
  /** Aborted at shutdown: stops posts in flight and retry waits. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly options: SimulatorOptions,
    private readonly signature: TwilioSignature,
    private readonly clock: Clock,
    private readonly random: () => number = Math.random,
  ) {
    super();
    this.account = 'simulator';
    this.odds = parseCallOdds(options.callOdds);
    this.personas = parsePersonaOdds(options.aiPersonas);
  }

  async placeCall(request: PlaceCallRequest): Promise<ProviderAccepted> {
    this.assertOpen();
    checkNumber(request.to, '21211', 'To');
    if (request.from !== undefined) checkNumber(request.from, '21212', 'From');
    const picked = pickOutcome(this.odds, this.random());
    // the caller's ring timeout, when shorter, turns a phone that would answer into no-answer
    const limit = request.ringSeconds ?? Infinity;
    const givesUp = (picked === 'answered' || picked === 'no_answer') && limit < this.options.ringSeconds;
    const outcome: CallOutcome = givesUp ? 'no_answer' : picked;
    const ring = givesUp ? limit : this.options.ringSeconds;

    const entry = this.create('call', 'CA', request.to, request.from ?? SIMULATOR_FROM, request.statusCallbackUrl, request.answerUrl);
    this.callStatus(entry, 'initiated');
    this.after(entry, shortly(ring), () => {
      this.callStatus(entry, 'ringing');
      this.after(entry, ring, () => this.ringOut(entry, outcome));
    });
    return { providerId: entry.record.providerId, status: 'queued' };
  }

  async sendSms(request: SendSmsRequest): Promise<ProviderAccepted> {
    this.assertOpen();
    checkNumber(request.to, '21211', 'To');
    if (!request.body) throw new ProviderError('permanent', 'Message body is required.', '21602');
    const fails = this.random() < this.options.smsFailurePct / 100;
    const entry = this.create('sms', 'SM', request.to, SIMULATOR_FROM, request.statusCallbackUrl, null);
    const sent = shortly(this.options.smsSeconds);
    this.after(entry, sent, () => {
      this.smsStatus(entry, 'sent');
      this.after(entry, this.options.smsSeconds - sent, () => (fails ? this.smsStatus(entry, 'undelivered', '30003') : this.smsStatus(entry, 'delivered')));
    });
    return { providerId: entry.record.providerId, status: 'queued' };
  }

  async hangup(providerId: string): Promise<void> {
    const entry = this.entries.get(providerId);
    if (!entry || entry.record.kind !== 'call') throw new ProviderError('permanent', `The requested resource ${providerId} was not found`, '20404');
    // hanging up an ended call changes nothing, as with Twilio
    if (isFinal('call', entry.record.status)) return;
    this.clearTimers(entry);
    this.closeRelay(entry);
    if (entry.record.status === 'answered') this.complete(entry);
    else this.callStatus(entry, 'canceled');
  }

  async lookup(kind: ProviderKind, providerId: string): Promise<ProviderRecord | null> {
    const entry = this.entries.get(providerId);
    return entry && entry.record.kind === kind ? { ...entry.record } : null;
  }

  async findByRecipient(window: RecipientWindow): Promise<ProviderRecord[]> {
    const from = window.from.getTime();
    const until = window.until.getTime();
    return [...this.entries.values()]
      .map((e) => e.record)
      .filter((r) => r.kind === window.kind && r.to === window.to && r.createdAt.getTime() >= from && r.createdAt.getTime() <= until)
      .map((r) => ({ ...r }));
  }

  verifyCallback(kind: ProviderKind, url: string, params: Record<string, string>, signature: string | undefined): Verified<ProviderEvent> {
    return this.signature.callback(kind, url, params, signature, this.clock.now());
  }

  verifyRequest(url: string, params: Record<string, string>, signature: string | undefined): boolean {
    return this.signature.verify(url, params, signature);
  }

  verifyInboundSms(url: string, params: Record<string, string>, signature: string | undefined): Verified<InboundSms> {
    return this.signature.inbound(url, params, signature, this.clock.now());
  }

  /** A closing app leaves no timer or post behind (Nest calls this on a factory-made provider too). */
  onApplicationShutdown(): void {
    this.stopping.abort();
    for (const entry of this.entries.values()) {
      this.clearTimers(entry);
      this.closeRelay(entry);
    }
  }

  private assertOpen(): void {
    if (this.stopping.signal.aborted) throw new ProviderError('not_created', 'the simulator is shut down', null);
  }

  private create(kind: ProviderKind, prefix: 'CA' | 'SM', to: string, from: string, callbackUrl: string, answerUrl: string | null): Entry {
    this.prune();
    const providerId = `${prefix}${randomBytes(16).toString('hex')}`;
    const record: ProviderRecord = { providerId, kind, to, status: 'queued', createdAt: this.clock.now(), errorCode: null };
    const entry: Entry = { record, from, callbackUrl, answerUrl, sequence: 0, answeredAt: null, timers: new Set(), relay: null, posting: Promise.resolve() };
    this.entries.set(providerId, entry);
    return entry;
  }

  /** Drops ended records older than a day, oldest first (a Map keeps insertion order). */
  private prune(): void {
    const horizon = this.clock.now().getTime() - RETAIN_MS;
    for (const [id, entry] of this.entries) {
      if (entry.record.createdAt.getTime() >= horizon) break;
      if (isFinal(entry.record.kind, entry.record.status)) this.entries.delete(id);
    }
  }

  private ringOut(entry: Entry, outcome: CallOutcome): void {
    if (outcome !== 'answered') return this.callStatus(entry, outcome);
    entry.answeredAt = this.clock.now();
    this.callStatus(entry, 'answered');
    if (entry.answerUrl) this.fetchAnswer(entry, entry.answerUrl);
    else this.talk(entry);
  }

  /** The customer talks for talkSeconds (to whoever: a recording, an agent), then the call ends. */
  private talk(entry: Entry): void {
    this.after(entry, this.options.talkSeconds, () => this.complete(entry));
  }

  /** Whether the call is still up: a hangup or shutdown while a post was out ends it. */
  private isUp(entry: Entry): boolean {
    return entry.record.status === 'answered' && !this.stopping.signal.aborted;
  }

  private complete(entry: Entry): void {
    const since = entry.answeredAt ?? this.clock.now();
    const duration = Math.max(0, Math.round((this.clock.now().getTime() - since.getTime()) / 1000));
    entry.record.durationSeconds = duration;
    this.callStatus(entry, 'completed', { CallDuration: String(duration) });
  }

  private callStatus(entry: Entry, status: CallStatus, extra: Record<string, string> = {}): void {
    entry.record.status = status;
    const params = {
      ...this.callParams(entry),
      CallStatus: TWILIO_CALL_STATUS[status],
      Timestamp: rfc2822(this.clock.now()),
      SequenceNumber: String(entry.sequence++),
      CallbackSource: 'call-progress-events',
      ApiVersion: API_VERSION,
      ...extra,
    };
    this.enqueue(entry, async () => void (await this.post(entry.callbackUrl, params)));
  }

  /** Asks the answer URL what to do, as Twilio fetches TwiML: a ConversationRelay makes it an AI call, anything else talks. */
  private fetchAnswer(entry: Entry, url: string): void {
    const params = { ...this.callParams(entry), CallStatus: 'in-progress', ApiVersion: API_VERSION };
    this.enqueue(entry, async () => {
      const twiml = await this.post(url, params);
      if (!this.isUp(entry)) return;
      if (twiml !== null) this.logger.debug(`${entry.record.providerId} answer URL said: ${twiml.slice(0, 2000)}`);
      const relay = twiml === null ? null : readConnectRelay(twiml);
      if (relay) this.connectRelay(entry, relay);
      else this.talk(entry);
    });
  }

  /** The call becomes an AI call: a customer of a random persona talks to the relay until the session ends. */
  private connectRelay(entry: Entry, relay: ConnectRelay): void {
    const persona = pickPersona(this.personas, this.random());
    const call = { callSid: entry.record.providerId, accountSid: SIMULATOR_ACCOUNT_SID, from: entry.from, to: entry.record.to };
    this.logger.debug(`${call.callSid} connects to ${relay.url} as a ${persona} customer`);
    entry.relay = new RelayCustomer({ relay, call, persona, pauseMs: this.options.aiPauseMs, signature: this.signature, clock: this.clock, onEnd: (ending) => this.relayEnded(entry, relay, ending) });
  }

  /** As Twilio, posts the session's end to the Connect action and does what its TwiML says; a customer who hung up just ends the call. */
  private relayEnded(entry: Entry, relay: ConnectRelay, ending: RelayEnding): void {
    entry.relay = null;
    const sid = entry.record.providerId;
    if (ending.kind === 'failed') this.logger.warn(`${sid}: relay session ${ending.sessionId} failed: ${ending.problem}`);
    if (ending.kind === 'hung_up' || !relay.action) return this.complete(entry);
    const action = relay.action;
    const params: Record<string, string> = { CallSid: sid, AccountSid: SIMULATOR_ACCOUNT_SID, SessionId: ending.sessionId, SessionStatus: ending.kind, SessionDuration: String(ending.durationSeconds) };
    if (ending.kind === 'ended' && ending.handoffData !== null) params.HandoffData = ending.handoffData;
    this.enqueue(entry, async () => {
      const twiml = await this.post(action, params);
      if (!this.isUp(entry)) return;
      // <Dial> bridges the customer to an agent; a hangup, a goodbye or no answer ends the call
      if (twiml !== null && dialsOut(twiml)) this.talk(entry);
      else this.complete(entry);
    });
  }

  private closeRelay(entry: Entry): void {
    entry.relay?.close();
    entry.relay = null;
  }

  private callParams(entry: Entry): Record<string, string> {
    return { CallSid: entry.record.providerId, AccountSid: SIMULATOR_ACCOUNT_SID, From: entry.from, To: entry.record.to, Direction: 'outbound-api' };
  }

  private smsStatus(entry: Entry, status: SmsStatus, errorCode?: string): void {
    entry.record.status = status;
    if (errorCode) entry.record.errorCode = errorCode;
    const sid = entry.record.providerId;
    const params: Record<string, string> = { MessageSid: sid, SmsSid: sid, AccountSid: SIMULATOR_ACCOUNT_SID, From: entry.from, To: entry.record.to, MessageStatus: status, SmsStatus: status, ApiVersion: API_VERSION };
    if (errorCode) params.ErrorCode = errorCode;
    this.enqueue(entry, async () => void (await this.post(entry.callbackUrl, params)));
  }

  private after(entry: Entry, seconds: number, step: () => void): void {
    if (this.stopping.signal.aborted) return;
    const timer = setTimeout(() => {
      entry.timers.delete(timer);
      step();
    }, seconds * 1000);
    entry.timers.add(timer);
  }

  private clearTimers(entry: Entry): void {
    for (const timer of entry.timers) clearTimeout(timer);
    entry.timers.clear();
  }

  private enqueue(entry: Entry, task: () => Promise<void>): void {
    entry.posting = entry.posting.then(task).catch((error: unknown) => this.logger.error(`${entry.record.providerId}: ${String(error)}`));
  }

  /** Posts signed, retries once after a second on a network error or 5xx like Twilio, then gives up; answers the body. */
  private async post(url: string, params: Record<string, string>): Promise<string | null> {
    let problem = '';
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (this.stopping.signal.aborted) return null;
      const result = await this.attempt(url, params);
      if ('body' in result) return result.body;
      problem = result.problem;
      if (!result.retry || attempt === 2) break;
      try {
        await sleep(RETRY_AFTER_MS, undefined, { signal: this.stopping.signal });
      } catch {
        return null;
      }
    }
    if (!this.stopping.signal.aborted) this.logger.warn(`callback to ${url} dropped (${params.CallStatus ?? params.MessageStatus ?? params.SessionStatus}): ${problem}`);
    return null;
  }

  private async attempt(url: string, params: Record<string, string>): Promise<Attempt> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': this.signature.sign(url, params) },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(POST_TIMEOUT_MS)]),
      });
      const body = await response.text();
      if (response.ok) return { body };
      return { problem: `HTTP ${response.status}`, retry: response.status >= 500 };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      return { problem: `${error instanceof Error ? error.message : String(error)}${cause}`, retry: true };
    }
  }
}

import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import WebSocket from 'ws';
import type { Clock } from '@app/core';
import type { RelayInbound } from '../relay/relay-protocol';
import type { TwilioSignature } from '../twilio/twilio-signature';
import { customerTurn, type Persona } from './simulator-personas';
import type { ConnectRelay } from './simulator-twiml';

/** The call a relay session belongs to, as Twilio's setup frame names it. */
export interface RelayCall {
  callSid: string;
  accountSid: string;
  from: string;
  to: string;
}

/** How a session ended: the platform ended it, it failed, or the customer hung up. */
export type RelayOutcome = { kind: 'ended'; handoffData: string | null } | { kind: 'failed'; problem: string } | { kind: 'hung_up' };

export type RelayEnding = RelayOutcome & { sessionId: string; durationSeconds: number };

export interface RelayCustomerOptions {
  relay: ConnectRelay;
  call: RelayCall;
  persona: Persona;
  /** How long the customer takes to answer once the AI stops talking. */
  pauseMs: number;
  signature: TwilioSignature;
  clock: Clock;
  onEnd: (ending: RelayEnding) => void;
}

/** What the platform said, as far as the customer cares. */
type Heard = { kind: 'done_talking' } | { kind: 'end'; handoffData: string | null } | { kind: 'nothing' } | { kind: 'problem'; problem: string };

type Timer = ReturnType<typeof setTimeout>;

const LANG = 'zh-CN';
/** An upgrade the platform never answers fails like a refused one. */
const HANDSHAKE_TIMEOUT_MS = 10_000;
const PLATFORM_FRAMES = ['text', 'play', 'sendDigits', 'language', 'end'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One frame from the platform: the AI finishing a reply, the session's end, or anything else it may send. */
function hear(raw: string): Heard {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'problem', problem: `not JSON: ${raw.slice(0, 80)}` };
  }
  if (!isRecord(data) || typeof data.type !== 'string' || !PLATFORM_FRAMES.includes(data.type)) return { kind: 'problem', problem: `not a ConversationRelay frame: ${raw.slice(0, 80)}` };
  if (data.type === 'end') {
    if (data.handoffData !== undefined && typeof data.handoffData !== 'string') return { kind: 'problem', problem: 'end with a handoffData that is not a string' };
    return { kind: 'end', handoffData: data.handoffData ?? null };
  }
  if (data.type === 'text' && typeof data.token !== 'string') return { kind: 'problem', problem: 'text without a token' };
  return data.type === 'text' && data.last === true ? { kind: 'done_talking' } : { kind: 'nothing' };
}

/** What speech recognition has of a line halfway through it. */
function firstHalf(line: string): string {
  const chars = [...line];
  return chars.slice(0, Math.ceil(chars.length / 2)).join('');
}

/**
 * One AI call's customer, with Twilio's ConversationRelay in between: opens the session's websocket
 * signed like Twilio, sends setup, and answers each time the AI finishes talking, as its persona
 * would. Reports once how the session ended; `close()` ends it without a report.
 */
export class RelayCustomer {
  readonly sessionId = `VX${randomBytes(16).toString('hex')}`;
  private readonly logger = new Logger(RelayCustomer.name);
  private readonly socket: WebSocket;
  private openedAt: Date | null = null;
  private turns = 0;
  private reply: Timer | null = null;
  private over = false;

  constructor(private readonly options: RelayCustomerOptions) {
    const { url } = options.relay;
    // Twilio signs the websocket URL with no parameters
    this.socket = new WebSocket(url, { headers: { 'X-Twilio-Signature': options.signature.sign(url, {}) }, handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
    this.socket.on('open', () => this.opened());
    this.socket.on('message', (data, isBinary) => this.heard(isBinary ? null : data.toString()));
    this.socket.on('error', (error) => this.finish({ kind: 'failed', problem: error.message }));
    this.socket.on('close', (code) => this.finish({ kind: 'failed', problem: `the platform closed the socket (${code}) without ending the session` }));
  }

  /** The call ended another way (hung up, shut down): the socket closes, nothing is reported. */
  close(): void {
    this.over = true;
    this.stopWaiting();
    this.socket.close(1000);
  }

  private get sid(): string {
    return this.options.call.callSid;
  }

  private opened(): void {
    this.openedAt = this.options.clock.now();
    const { call, relay } = this.options;
    this.send({ type: 'setup', sessionId: this.sessionId, accountSid: call.accountSid, callSid: call.callSid, from: call.from, to: call.to, direction: 'outbound-api', callType: 'PSTN', callStatus: 'in-progress', customParameters: relay.parameters });
    // Twilio speaks the TwiML's welcome greeting itself; the customer answers it
    this.awaitTurn();
  }

  private heard(raw: string | null): void {
    if (this.over) return;
    const frame = raw === null ? ({ kind: 'problem', problem: 'a binary frame' } as const) : hear(raw);
    if (frame.kind === 'problem') return this.logger.warn(`${this.sid}: ignored a relay frame: ${frame.problem}`);
    if (frame.kind === 'end') return this.finish({ kind: 'ended', handoffData: frame.handoffData });
    if (frame.kind === 'done_talking') this.awaitTurn();
  }

  /** The customer answers a pause after the AI's last word; more words from the AI restart the pause. */
  private awaitTurn(): void {
    this.stopWaiting();
    this.reply = setTimeout(() => {
      this.reply = null;
      this.takeTurn();
    }, this.options.pauseMs);
  }

  private stopWaiting(): void {
    if (this.reply) clearTimeout(this.reply);
    this.reply = null;
  }

  private takeTurn(): void {
    const turn = customerTurn(this.options.persona, this.turns++);
    if (turn.kind === 'hang_up') return this.finish({ kind: 'hung_up' });
    if (turn.kind === 'keep_silent') return;
    // recognition sends what it has so far, then the whole line
    this.send({ type: 'prompt', voicePrompt: firstHalf(turn.line), lang: LANG, last: false });
    this.send({ type: 'prompt', voicePrompt: turn.line, lang: LANG, last: true });
  }

  private send(frame: RelayInbound): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Reports the first ending only: a socket error is followed by its close, and our own close by its event. */
  private finish(outcome: RelayOutcome): void {
    if (this.over) return;
    this.over = true;
    this.stopWaiting();
    this.socket.close(1000);
    const durationSeconds = this.openedAt ? Math.max(0, Math.round((this.options.clock.now().getTime() - this.openedAt.getTime()) / 1000)) : 0;
    this.options.onEnd({ ...outcome, sessionId: this.sessionId, durationSeconds });
  }
}

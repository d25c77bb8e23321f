import type { Logger } from '@nestjs/common';
import type { GraphScriptBody } from '@app/contracts';
import { type RelayInbound, type RelayOutbound, type RelayPrompt, type RelaySetup, parseRelayFrame, RelayFrameProblem, textFrames } from '@app/telephony';
import { type Action, type ConversationOutcome, type Decision, Dialogue, type HandoffReason, LINES, sayTime } from '../dialogue/dialogue';
import { type Classified, classify, type Intent } from '../dialogue/intents';
import { summarize } from '../dialogue/summary';
import type { HandoffAgent } from '../handoff/agent-handoff';
import type { Conversation } from '../store/conversation.entity';
import type { Finish } from '../store/conversation-recorder.service';
import { writeHandoffData } from './handoff-data';

/** The socket as a session needs it (a `ws` WebSocket). */
export interface RelaySocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Who the call is with, loaded when the carrier's setup names the attempt. */
export interface CallContext {
  attemptId: number;
  customerId: number;
  campaignId: string;
  stepNo: number;
  branchCode: string;
  elderly: boolean;
  offsetMinutes: number;
  script: GraphScriptBody;
}

/** What a session asks of the platform (RelaySessions implements it). */
export interface RelayServices {
  readonly logger: Logger;
  now(): Date;
  settings: { silenceMs: number; handoffWaitMs: number; speechMsPerChar: number; pollMs: number };
  /** The attempt a setup names, if it is an AI call this call is for; else why not. */
  context(setup: RelaySetup): Promise<CallContext | string>;
  open(setup: RelaySetup, context: CallContext, dialogue: Dialogue): Promise<{ conversation: Conversation; resumed: boolean }>;
  record(conversation: Conversation, speaker: 'ai' | 'customer' | 'system', text: string, extra?: { intent?: Intent; confidence?: number; step?: string }, dialogue?: Dialogue): void;
  handoffRequested(conversation: Conversation, reason: HandoffReason, agent: HandoffAgent | null): void;
  reserveAgent(conversation: Conversation, context: CallContext, reason: HandoffReason): Promise<HandoffAgent | null>;
  withdraw(conversation: Conversation): Promise<void>;
  finish(conversation: Conversation, finish: Finish): Promise<void>;
  /** An answer from the optional model for a question, within the script's facts; null when none or too slow. */
  answer(question: string, context: CallContext, dialogue: Dialogue): Promise<string | null>;
  closed(session: RelaySession): void;
}

/** A key pressed on the phone: 0 a person, 1 yes, 2 no. */
const DTMF_INTENTS: Record<string, Intent> = { '0': 'human', '1': 'yes', '2': 'no' };
/** Without a time named, a customer who is busy is called again in two hours (the dispatcher moves it into calling hours). */
const DEFAULT_CALLBACK_MS = 2 * 3_600_000;
/** A customer no agent could take is called back sooner. */
const NO_AGENT_CALLBACK_MS = 30 * 60_000;

/**
 * One AI call over ConversationRelay. The customer's final prompt is classified and answered at
 * once (text tokens first, the database after: the turn is queued), and what the dialogue decides
 * is done: go on, end, hand over to an agent (waiting for one up to HANDOFF_WAIT_SECONDS, then a
 * callback), plan a callback, or put the customer on do-not-contact. A malformed or unknown frame
 * is logged and changes nothing; a socket without a valid attempt is closed with the reason.
 */
export class RelaySession {
  private context: CallContext | null = null;
  private dialogue: Dialogue | null = null;
  private conversation: Conversation | null = null;
  private silence: ReturnType<typeof setTimeout> | null = null;
  private busy: Promise<void> = Promise.resolve();
  private ended = false;
  private turns = 0;
  /** The carrier closed the socket (the customer hung up). */
  private hungUp = false;
  private lastSaid: string | null = null;

  constructor(
    private readonly socket: RelaySocket,
    private readonly services: RelayServices,
  ) {}

  /** One text frame from the carrier; frames are handled one after another. */
  receive(raw: string): void {
    const frame = parseRelayFrame(raw);
    if (frame instanceof RelayFrameProblem) {
      this.services.logger.warn(`relay ${this.label}: ${frame.message}`);
      return;
    }
    this.busy = this.busy.then(() => this.handle(frame)).catch((error: unknown) => this.fail(error));
  }

  /** The carrier closed the socket: a call that had not ended was hung up. */
  onClose(): void {
    this.hungUp = true;
    this.clearSilence();
    this.busy = this.busy
      .then(async () => {
        if (this.conversation && !this.ended) await this.finish('hung_up', {});
      })
      .catch((error: unknown) => this.fail(error))
      .finally(() => this.services.closed(this));
  }

  /** Resolves once every frame so far, and the close, has been handled. */
  settled(): Promise<void> {
    return this.busy;
  }

  get label(): string {
    return this.conversation ? `conversation ${this.conversation.id}` : 'before setup';
  }

  private async handle(frame: RelayInbound): Promise<void> {
    if (frame.type === 'setup') return this.setup(frame);
    if (!this.conversation || !this.dialogue) {
      this.services.logger.warn(`relay ${this.label}: ${frame.type} before setup, ignored`);
      return;
    }
    if (this.ended) return;
    switch (frame.type) {
      case 'prompt':
        return this.prompt(frame);
      case 'dtmf':
        // a key that means something is the customer's turn; any other is noted
        if (DTMF_INTENTS[frame.digit]) return this.respond({ intent: DTMF_INTENTS[frame.digit], confidence: 1, cue: `按键${frame.digit}`, callbackAt: null }, `按键 ${frame.digit}`);
        this.services.record(this.conversation, 'system', `按键 ${frame.digit}`);
        return;
      case 'interrupt':
        this.services.record(this.conversation, 'system', `客户打断了：“${frame.utteranceUntilInterrupt}”`);
        return;
      case 'error':
        this.services.logger.warn(`relay ${this.label}: the carrier reports ${frame.description}`);
        this.services.record(this.conversation, 'system', `运营商报告错误：${frame.description}`);
        return;
    }
  }

  private async setup(setup: RelaySetup): Promise<void> {
    if (this.conversation) return this.services.logger.warn(`relay ${this.label}: a second setup, ignored`);
    const context = await this.services.context(setup);
    if (typeof context === 'string') {
      this.services.logger.warn(`relay for call ${setup.callSid} refused: ${context}`);
      this.ended = true;
      this.socket.close(4404, context.slice(0, 120));
      return;
    }
    this.context = context;
    const fresh = new Dialogue(context.script, { elderly: context.elderly, offsetMinutes: context.offsetMinutes });
    const { conversation, resumed } = await this.services.open(setup, context, fresh);
    this.conversation = conversation;
    this.dialogue = resumed ? new Dialogue(context.script, { elderly: context.elderly, offsetMinutes: context.offsetMinutes }, conversation.state) : fresh;
    if (conversation.status === 'ended') {
      this.ended = true;
      this.send({ type: 'end' });
      return;
    }
    // the carrier spoke the welcome greeting from the TwiML
    if (!resumed) this.services.record(conversation, 'ai', this.dialogue.greeting(), { step: this.dialogue.state.step });
    this.armSilence();
  }

  private async prompt(prompt: RelayPrompt): Promise<void> {
    this.clearSilence();
    if (!prompt.last) return this.armSilence();
    const turn = classify(prompt.voicePrompt, this.services.now(), this.context?.offsetMinutes);
    return this.respond(turn, prompt.voicePrompt);
  }

  private async respond(turn: Classified, said: string): Promise<void> {
    const dialogue = this.dialogue as Dialogue;
    const conversation = this.conversation as Conversation;
    this.turns += 1;
    if (turn.intent === 'silence') this.services.record(conversation, 'system', '（客户没有回应）', { intent: 'silence', step: dialogue.state.step });
    else this.services.record(conversation, 'customer', said, { intent: turn.intent, confidence: turn.confidence, step: dialogue.state.step });
    let decision = dialogue.respond(turn);
    if (turn.intent === 'question') decision = await this.withAnswer(said, decision);
    this.say(decision.say);
    this.services.record(conversation, 'ai', decision.say, { step: decision.step }, dialogue);
    await this.act(decision.action);
  }

  /** The optional model's answer to a question, then the step's question again; the rules' offer of a person when there is none. */
  private async withAnswer(question: string, ruled: Decision): Promise<Decision> {
    const answer = await this.services.answer(question, this.context as CallContext, this.dialogue as Dialogue);
    if (!answer) return ruled;
    return { ...ruled, say: `${answer}${(this.dialogue as Dialogue).step.text}` };
  }

  private async act(action: Action): Promise<void> {
    const now = this.services.now();
    switch (action.kind) {
      case 'continue':
        return this.armSilence();
      case 'end':
        return this.end(action.outcome, {});
      case 'opt_out':
        return this.end('opted_out', { optOut: true });
      case 'callback': {
        const at = action.at ?? new Date(now.getTime() + DEFAULT_CALLBACK_MS);
        return this.end('callback', { callbackAt: at, callbackReason: action.at ? `客户要求 ${sayTime(at, (this.context as CallContext).offsetMinutes)} 回电` : '客户当时不方便，稍后回电' });
      }
      case 'handoff':
        return this.handOver(action.reason);
    }
  }

  /** Waits for an agent up to the configured time; one found, the call goes to them with the whole context. */
  private async handOver(reason: HandoffReason): Promise<void> {
    const conversation = this.conversation as Conversation;
    const context = this.context as CallContext;
    this.services.handoffRequested(conversation, reason, null);
    const deadline = Date.now() + this.services.settings.handoffWaitMs;
    let agent = await this.services.reserveAgent(conversation, context, reason);
    while (!agent && !this.hungUp && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, Math.min(this.services.settings.pollMs, Math.max(0, deadline - Date.now()))));
      if (!this.hungUp) agent = await this.services.reserveAgent(conversation, context, reason);
    }
    // hung up while waiting: the request is withdrawn here, the close handler writes the call down
    if (this.hungUp || !agent) await this.services.withdraw(conversation);
    if (this.hungUp) return;
    if (!agent) {
      const at = new Date(this.services.now().getTime() + NO_AGENT_CALLBACK_MS);
      this.say(LINES.noAgent);
      this.services.record(conversation, 'ai', LINES.noAgent);
      return this.end('no_agent', { callbackAt: at, callbackReason: '转人工时坐席繁忙，尽快回电', handoffReason: reason });
    }
    this.services.handoffRequested(conversation, reason, agent);
    this.services.record(conversation, 'system', `转接给坐席 ${agent.name}`);
    await this.finish('handed_off', { handoffReason: reason, agentName: agent.name });
    this.send({ type: 'end', handoffData: writeHandoffData({ reasonCode: 'live-agent-handoff', reason, conversationId: conversation.id, attemptId: context.attemptId, agent }) });
  }

  /** Ends the AI's part: written down first, then the goodbye is given time to be heard, then `end`. */
  private async end(outcome: ConversationOutcome, extra: { optOut?: boolean; callbackAt?: Date; callbackReason?: string; handoffReason?: HandoffReason }): Promise<void> {
    await this.finish(outcome, extra);
    const spoken = (this.lastSaid?.length ?? 0) * this.services.settings.speechMsPerChar;
    if (spoken > 0) await new Promise((r) => setTimeout(r, Math.min(spoken, 10_000)));
    this.send({ type: 'end' });
  }

  private async finish(outcome: ConversationOutcome, extra: { optOut?: boolean; callbackAt?: Date; callbackReason?: string; handoffReason?: HandoffReason; agentName?: string }): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.clearSilence();
    const conversation = this.conversation as Conversation;
    const context = this.context as CallContext;
    const dialogue = this.dialogue as Dialogue;
    const summary = summarize({ outcome, stepTitle: dialogue.step.title, turns: this.turns, handoffReason: extra.handoffReason, agentName: extra.agentName, callbackAt: extra.callbackAt, offsetMinutes: context.offsetMinutes });
    await this.services.finish(conversation, {
      outcome,
      summary,
      state: dialogue.state,
      optOut: extra.optOut,
      callback: extra.callbackAt ? { stepNo: context.stepNo, at: extra.callbackAt, reason: extra.callbackReason ?? '' } : null,
    });
  }

  private say(text: string): void {
    this.lastSaid = text;
    for (const frame of textFrames(text)) this.send(frame);
  }

  private send(frame: RelayOutbound): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** ConversationRelay sends nothing while the customer is silent: the session counts it itself. */
  private armSilence(): void {
    this.clearSilence();
    if (this.ended) return;
    this.silence = setTimeout(() => {
      this.silence = null;
      this.busy = this.busy.then(() => (this.ended ? undefined : this.respond({ intent: 'silence', confidence: 1, cue: null, callbackAt: null }, ''))).catch((error: unknown) => this.fail(error));
    }, this.services.settings.silenceMs);
  }

  private clearSilence(): void {
    if (this.silence) clearTimeout(this.silence);
    this.silence = null;
  }

  private fail(error: unknown): void {
    this.services.logger.error(`relay ${this.label}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

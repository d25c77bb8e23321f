import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ContactAttempt } from '@app/campaigns';
import { AppConfig, Clock } from '@app/core';
import { Customer } from '@app/customers';
import { MessageRenderer } from '@app/dispatch';
import type { RelaySetup } from '@app/telephony';
import type { Dialogue, HandoffReason } from '../dialogue/dialogue';
import type { Intent } from '../dialogue/intents';
import { AgentHandoff, type HandoffAgent } from '../handoff/agent-handoff';
import type { Conversation } from '../store/conversation.entity';
import { ConversationRecorder, type Finish } from '../store/conversation-recorder.service';
import { QuestionAnswerer } from './question-answerer';
import { type CallContext, RelaySession, type RelayServices, type RelaySocket } from './relay-session';

/** Minutes a time zone is ahead of UTC at a moment (China: 480 all year). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{1,2}):?(\d{2})?/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/** The platform behind every relay session: who the call is with, the conversation's records, the agent desk. */
@Injectable()
export class RelaySessions implements RelayServices {
  readonly logger = new Logger('Relay');
  readonly settings: RelayServices['settings'];
  private readonly live = new Set<RelaySession>();

  constructor(
    @InjectRepository(ContactAttempt) private readonly attempts: Repository<ContactAttempt>,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    private readonly messages: MessageRenderer,
    private readonly recorder: ConversationRecorder,
    private readonly handoff: AgentHandoff,
    private readonly answerer: QuestionAnswerer,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.settings = { silenceMs: config.RELAY_SILENCE_SECONDS * 1000, handoffWaitMs: config.HANDOFF_WAIT_SECONDS * 1000, speechMsPerChar: config.RELAY_SPEECH_MS_PER_CHAR, pollMs: 1000 };
  }

  /** Calls on the relay now. */
  get active(): number {
    return this.live.size;
  }

  /** Waits (at most `ms`) for the live sessions to write down how their calls ended. */
  async drain(ms: number): Promise<void> {
    await Promise.race([Promise.all([...this.live].map((s) => s.settled())), new Promise((r) => setTimeout(r, ms).unref())]);
  }

  attach(socket: RelaySocket & { on(event: 'message', fn: (data: Buffer, binary: boolean) => void): void; on(event: 'close' | 'error', fn: () => void): void }): RelaySession {
    const session = new RelaySession(socket, this);
    this.live.add(session);
    socket.on('message', (data, binary) => {
      if (binary) return this.logger.warn(`relay ${session.label}: a binary frame, ignored`);
      session.receive(data.toString('utf8'));
    });
    socket.on('close', () => session.onClose());
    socket.on('error', () => this.logger.warn(`relay ${session.label}: socket error`));
    return session;
  }

  now(): Date {
    return this.clock.now();
  }

  async context(setup: RelaySetup): Promise<CallContext | string> {
    const attemptId = Number(setup.customParameters.attemptId);
    if (!Number.isInteger(attemptId) || attemptId <= 0) return 'the setup names no attempt (customParameters.attemptId)';
    const attempt = await this.attempts.findOneBy({ id: attemptId });
    if (!attempt) return `no attempt ${attemptId}`;
    if (attempt.channel !== 'ai_call') return `attempt ${attemptId} is not an AI call`;
    if (attempt.providerId && attempt.providerId !== setup.callSid) return `attempt ${attemptId} is call ${attempt.providerId}, not ${setup.callSid}`;
    const customer = await this.customers.findOneBy({ id: attempt.customerId });
    if (!customer) return `the customer of attempt ${attemptId} is gone`;
    const script = await this.messages.voiceScript(attempt.campaignId, attempt.stepNo, customer).catch((e: unknown) => String(e));
    if (typeof script === 'string') return script;
    return { attemptId, customerId: customer.id, campaignId: attempt.campaignId, stepNo: attempt.stepNo, branchCode: customer.branchCode, elderly: customer.elderlyFriendly, offsetMinutes: zoneOffsetMinutes(customer.timeZone, this.clock.now()), script };
  }

  open(setup: RelaySetup, context: CallContext, dialogue: Dialogue): Promise<{ conversation: Conversation; resumed: boolean }> {
    return this.recorder.open({ attemptId: context.attemptId, customerId: context.customerId, campaignId: context.campaignId, callSid: setup.callSid, sessionId: setup.sessionId || null, elderly: context.elderly, state: dialogue.state });
  }

  record(conversation: Conversation, speaker: 'ai' | 'customer' | 'system', text: string, extra: { intent?: Intent; confidence?: number; step?: string } = {}, dialogue?: Dialogue): void {
    this.recorder.turn(conversation.id, { speaker, text, ...extra, at: this.clock.now() }, dialogue?.state);
  }

  handoffRequested(conversation: Conversation, reason: HandoffReason, agent: HandoffAgent | null): void {
    this.recorder.handoff(conversation.id, { reason, requestedAt: this.clock.now().toISOString(), agentId: agent?.id ?? null, agentName: agent?.name ?? null, connectedAt: null });
  }

  /** The turns so far are written first: the desk starts the agent's script where the AI stopped. */
  async reserveAgent(conversation: Conversation, context: CallContext, reason: HandoffReason): Promise<HandoffAgent | null> {
    await this.recorder.flushed(conversation.id);
    return this.handoff.reserve({ conversationId: conversation.id, attemptId: context.attemptId, customerId: context.customerId, campaignId: context.campaignId, branchCode: context.branchCode, reason });
  }

  withdraw(conversation: Conversation): Promise<void> {
    return this.handoff.withdraw(conversation.id);
  }

  finish(conversation: Conversation, finish: Finish): Promise<void> {
    return this.recorder.finish(conversation, finish);
  }

  answer(question: string, context: CallContext, dialogue: Dialogue): Promise<string | null> {
    return this.answerer.answer(question, context.script, dialogue.step.id);
  }

  closed(session: RelaySession): void {
    this.live.delete(session);
  }
}

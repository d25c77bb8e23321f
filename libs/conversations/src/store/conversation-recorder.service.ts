import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { CallbackPlanner, type DncActor, DoNotContactService } from '@app/campaigns';
import { Clock, type Dialect, execute, GroupCommit, isPostgres, isUniqueViolation, jsonRows, WriteGate } from '@app/core';
import { ContactEvent, Customer } from '@app/customers';
import type { ConversationOutcome, DialogueState } from '../dialogue/dialogue';
import { OUTCOME_DISPOSITIONS } from '../dialogue/summary';
import { Conversation, ConversationTurn, type HandoffRecord, type Speaker } from './conversation.entity';

const AI_CALL: DncActor = { userId: null, username: 'ai-call', role: null };

export interface OpenConversation {
  attemptId: number;
  customerId: number;
  campaignId: string;
  callSid: string;
  sessionId: string | null;
  elderly: boolean;
  state: DialogueState;
}

export interface TurnRecord {
  speaker: Speaker;
  text: string;
  intent?: string | null;
  confidence?: number | null;
  step?: string | null;
  at: Date;
}

export type TurnListener = (conversationId: number, seq: number, turn: TurnRecord) => void;

export interface Finish {
  outcome: ConversationOutcome;
  summary: string;
  state: DialogueState;
  /** The customer asked never to be called for marketing again. */
  optOut?: boolean;
  /** A callback to plan (the customer asked for one, or no agent freed up). */
  callback?: { stepNo: number; at: Date; reason: string } | null;
}

interface TurnWrite {
  conversationId: number;
  seq: number;
  turn: TurnRecord;
  state?: DialogueState;
}

/**
 * Writes an AI call down: the conversation, each turn in order (queued per conversation, so the
 * relay answers the customer before the database has it; the turns of every live call are
 * written together, one insert and one update a batch), how it ended on the attempt and the
 * customer's timeline, and what the customer asked for (do-not-contact, a callback).
 */
@Injectable()
export class ConversationRecorder {
  private readonly logger = new Logger(ConversationRecorder.name);
  /** Per conversation: the writes not yet done, chained so turns keep their order. */
  private readonly pending = new Map<number, { seq: number; chain: Promise<void> }>();
  private readonly listeners = new Set<TurnListener>();
  private readonly dialect: Dialect;
  private readonly turns = new GroupCommit<TurnWrite, void>((batch) => this.writeTurns(batch), {
    maxBatch: 500,
    maxWriting: 2,
    onBatchFailure: (size, error) => this.logger.warn(`a batch of ${size} turns failed (${String(error)}); writing them one by one`),
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteGate,
    private readonly clock: Clock,
    @InjectRepository(Conversation) private readonly conversations: Repository<Conversation>,
    private readonly doNotContact: DoNotContactService,
    private readonly callbacks: CallbackPlanner,
  ) {
    this.dialect = isPostgres(dataSource) ? 'postgres' : 'sqlite';
  }

  /** The call's conversation, created on its first relay session and found again on a reconnect. */
  async open(o: OpenConversation): Promise<{ conversation: Conversation; resumed: boolean }> {
    const found = await this.conversations.findOneBy({ callSid: o.callSid });
    if (found) return { conversation: found, resumed: true };
    const row = Object.assign(new Conversation(), { ...o, status: 'active', step: o.state.step, outcome: null, summary: null, handoff: null, startedAt: this.clock.now(), endedAt: null });
    try {
      await this.writes.run(() => this.conversations.insert(row));
    } catch (error) {
      // two sessions of one call racing: the other one's row stands
      if (!isUniqueViolation(error)) throw error;
      return { conversation: await this.conversations.findOneByOrFail({ callSid: o.callSid }), resumed: true };
    }
    const seq = await this.dataSource.getRepository(ConversationTurn).count({ where: { conversationId: row.id } });
    this.pending.set(row.id, { seq, chain: Promise.resolve() });
    return { conversation: row, resumed: false };
  }

  /** Queues a turn; answers at once. */
  turn(conversationId: number, turn: TurnRecord, state?: DialogueState): void {
    const seq = this.queue(conversationId, (n) => this.turns.add({ conversationId, seq: n, turn, state }));
    for (const listener of this.listeners) listener(conversationId, seq, turn);
  }

  /** Hears every turn as it is queued (the agent desk streams a handed-over call's turns to its agent). */
  onTurn(listener: TurnListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues the handoff's progress (asked for, then the agent who took it). */
  handoff(conversationId: number, handoff: HandoffRecord): void {
    this.queue(conversationId, async () => {
      await this.writes.run(() => this.conversations.update({ id: conversationId }, { status: 'handoff', handoff }));
    }, false);
  }

  /** Every write queued so far, done. */
  async flushed(conversationId: number): Promise<void> {
    await this.pending.get(conversationId)?.chain;
  }

  /** How the call ended: on the conversation, the attempt and the timeline, with what the customer asked for. */
  async finish(c: Conversation, f: Finish): Promise<void> {
    await this.flushed(c.id);
    this.pending.delete(c.id);
    // what the customer asked for first: the call is written down as ended only once it is done
    if (f.optOut) {
      const customer = await this.dataSource.getRepository(Customer).findOneByOrFail({ id: c.customerId });
      const entry = await this.doNotContact.add({ customerNo: customer.customerNo, channel: 'call', scope: 'marketing', reason: '客户在智能外呼中要求不再来电', source: 'call' }, AI_CALL);
      this.logger.log(`conversation ${c.id}: ${entry.phoneMasked} on do-not-contact for marketing calls (${entry.withdrawn} planned calls withdrawn)`);
    }
    if (f.callback) await this.callbacks.schedule({ campaignId: c.campaignId, stepNo: f.callback.stepNo, customerId: c.customerId, channel: 'ai_call', at: f.callback.at, reason: f.callback.reason, by: '智能外呼' });
    const now = this.clock.now();
    await this.writes.run(() =>
      this.dataSource.transaction(async (em) => {
        await em.update(Conversation, { id: c.id }, { status: 'ended', outcome: f.outcome, summary: f.summary, state: f.state, step: f.state.step, endedAt: now });
        await execute(em, 'UPDATE contact_attempts SET disposition = :disposition, detail = :summary, updated_at = :now WHERE id = :id', { id: c.attemptId, disposition: OUTCOME_DISPOSITIONS[f.outcome], summary: f.summary, now });
        await em.insert(ContactEvent, { customerId: c.customerId, at: now, channel: 'ai_call', kind: 'ai_conversation', summary: f.summary, campaignId: c.campaignId, attemptId: c.attemptId, actorName: null, detail: { conversationId: c.id, outcome: f.outcome } });
      }),
    );
  }

  /** The turns of a batch in one insert, and each conversation's latest state in one update. */
  private async writeTurns(batch: TurnWrite[]): Promise<void[]> {
    await this.writes.run(() =>
      this.dataSource.getRepository(ConversationTurn).insert(
        batch.map(({ conversationId, seq, turn }) => ({ conversationId, seq, speaker: turn.speaker, text: turn.text, intent: turn.intent ?? null, confidence: turn.confidence ?? null, step: turn.step ?? null, at: turn.at })),
      ),
    );
    const states = new Map(batch.filter((w) => w.state).map((w) => [w.conversationId, w.state as DialogueState]));
    if (states.size) {
      const rows = [...states].map(([id, state]) => ({ id, state: JSON.stringify(state), step: state.step }));
      await this.writes.run(() =>
        execute(this.dataSource, `UPDATE conversations SET state = v.state, step = v.step, updated_at = :now FROM ${jsonRows(this.dialect, { id: 'bigint', state: 'text', step: 'text' })} WHERE conversations.id = v.id`, { rows: JSON.stringify(rows), now: this.clock.now() }),
      );
    }
    return batch.map(() => undefined);
  }

  private queue(conversationId: number, task: (seq: number) => Promise<void>, counts = true): number {
    const entry = this.pending.get(conversationId) ?? { seq: 0, chain: Promise.resolve() };
    this.pending.set(conversationId, entry);
    const seq = counts ? entry.seq++ : entry.seq;
    entry.chain = entry.chain.then(() => task(seq)).catch((error: unknown) => this.logger.error(`conversation ${conversationId}: a write failed: ${String(error)}`));
    return seq;
  }
}

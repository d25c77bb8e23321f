import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ConversationOutcome as OutcomeCode, ConversationTurnView, ConversationView, HandoffReason as HandoffCode, TurnIntent } from '@app/contracts';
import { ContactAttempt } from '@app/campaigns';
import { type BranchScope, branchCondition } from '@app/core';
import { Customer } from '@app/customers';
import { ConversationsErrorCode, ConversationsException } from '../conversations.exception';
import type { ConversationOutcome, HandoffReason } from '../dialogue/dialogue';
import { INTENTS, type Intent } from '../dialogue/intents';
import { Conversation, ConversationTurn } from './conversation.entity';
import { ConversationRecorder } from './conversation-recorder.service';

// the contracts repeat the dialogue's codes for the console: this stops compiling if the two drift apart
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const CODES_AGREE: [Same<ConversationOutcome, OutcomeCode>, Same<HandoffReason, HandoffCode>, Same<Intent, TurnIntent>] = [true, true, true];
void CODES_AGREE;

const isIntent = (value: string | null): value is Intent => value !== null && (INTENTS as readonly string[]).includes(value);

/** An AI call as staff read it: the attempt's conversation with its turns in order. */
@Injectable()
export class ConversationTranscripts {
  constructor(
    @InjectRepository(Conversation) private readonly conversations: Repository<Conversation>,
    @InjectRepository(ConversationTurn) private readonly turns: Repository<ConversationTurn>,
    @InjectRepository(ContactAttempt) private readonly attempts: Repository<ContactAttempt>,
    private readonly recorder: ConversationRecorder,
  ) {}

  /** A customer of another branch than the viewer's: as if the attempt did not exist. */
  async forAttempt(campaignId: string, attemptId: number, scope: BranchScope): Promise<ConversationView> {
    const inScope = branchCondition(scope, 'c.branch_code');
    // one call per attempt; should a second ever be written, the latest is the one that counts
    const conversation = await this.conversations
      .createQueryBuilder('v')
      .innerJoin(Customer, 'c', 'c.id = v.customerId')
      .where('v.campaignId = :campaignId AND v.attemptId = :attemptId', { campaignId, attemptId })
      .andWhere(inScope.sql, inScope.params)
      .orderBy('v.id', 'DESC')
      .getOne();
    if (!conversation) throw await this.missing(campaignId, attemptId, scope);
    const turns = await this.turns.find({ where: { conversationId: conversation.id }, order: { seq: 'ASC' } });
    return toView(conversation, turns);
  }

  /** One conversation with every turn written so far (the recorder's pending turns first). */
  async forConversation(id: number): Promise<ConversationView | null> {
    await this.recorder.flushed(id);
    const conversation = await this.conversations.findOneBy({ id });
    if (!conversation) return null;
    const turns = await this.turns.find({ where: { conversationId: id }, order: { seq: 'ASC' } });
    return toView(conversation, turns);
  }

  private async missing(campaignId: string, attemptId: number, scope: BranchScope): Promise<ConversationsException> {
    const inScope = branchCondition(scope, 'c.branch_code');
    const attempt = await this.attempts
      .createQueryBuilder('a')
      .innerJoin(Customer, 'c', 'c.id = a.customerId')
      .select(['a.id', 'a.channel'])
      .where('a.id = :attemptId AND a.campaignId = :campaignId', { attemptId, campaignId })
      .andWhere(inScope.sql, inScope.params)
      .getOne();
    if (!attempt) return new ConversationsException(ConversationsErrorCode.AttemptNotFound, `attempt ${attemptId} not found in campaign ${campaignId}`);
    return new ConversationsException(ConversationsErrorCode.ConversationNotFound, `attempt ${attemptId} (${attempt.channel}) has no AI conversation`);
  }
}

function toView(c: Conversation, turns: ConversationTurn[]): ConversationView {
  return {
    id: c.id,
    campaignId: c.campaignId,
    attemptId: c.attemptId,
    customerId: c.customerId,
    status: c.status,
    outcome: c.outcome,
    summary: c.summary,
    step: c.step,
    elderly: c.elderly,
    handoff: c.handoff ? { reason: c.handoff.reason, requestedAt: c.handoff.requestedAt, agentId: c.handoff.agentId, agentName: c.handoff.agentName, connectedAt: c.handoff.connectedAt } : null,
    startedAt: c.startedAt.toISOString(),
    endedAt: c.endedAt?.toISOString() ?? null,
    turns: turns.map(toTurnView),
  };
}

function toTurnView(t: ConversationTurn): ConversationTurnView {
  // PostgreSQL's `real` gives 0.85 back as 0.8500000238…
  const confidence = t.confidence === null ? null : Math.round(t.confidence * 1000) / 1000;
  return { seq: t.seq, speaker: t.speaker, text: t.text, intent: isIntent(t.intent) ? t.intent : null, confidence, step: t.step, at: t.at.toISOString() };
}

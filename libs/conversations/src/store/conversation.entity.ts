import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ConversationOutcome, DialogueState, HandoffReason } from '../dialogue/dialogue';

export type ConversationStatus = 'active' | 'handoff' | 'ended';

export interface HandoffRecord {
  reason: HandoffReason;
  requestedAt: string;
  agentId: string | null;
  agentName: string | null;
  connectedAt: string | null;
}

/** One AI call: where its dialogue stands, how it ended, and the handoff to a person. */
@Entity({ name: 'conversations' })
export class Conversation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'attempt_id', type: 'integer' })
  attemptId!: number;

  @Column({ name: 'customer_id', type: 'integer' })
  customerId!: number;

  @Column({ name: 'campaign_id', type: 'varchar' })
  campaignId!: string;

  @Column({ name: 'call_sid', type: 'varchar' })
  callSid!: string;

  @Column({ name: 'session_id', type: 'varchar', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'varchar' })
  status!: ConversationStatus;

  @Column({ type: 'varchar' })
  step!: string;

  @Column({ type: 'simple-json' })
  state!: DialogueState;

  @Column({ type: 'boolean' })
  elderly!: boolean;

  @Column({ type: 'varchar', nullable: true })
  outcome!: ConversationOutcome | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  handoff!: HandoffRecord | null;

  @Column({ name: 'started_at' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: Date, nullable: true })
  endedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}

export type Speaker = 'ai' | 'customer' | 'system';

/** One turn of an AI call, in order. */
@Entity({ name: 'conversation_turns' })
export class ConversationTurn {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'conversation_id', type: 'integer' })
  conversationId!: number;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar' })
  speaker!: Speaker;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'varchar', nullable: true })
  intent!: string | null;

  @Column({ type: 'real', nullable: true })
  confidence!: number | null;

  @Column({ type: 'varchar', nullable: true })
  step!: string | null;

  @Column()
  at!: Date;
}

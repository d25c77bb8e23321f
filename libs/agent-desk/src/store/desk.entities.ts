import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DeskCallKind, DeskCallState, Disposition, GraphScriptBody, HandoffReason } from '@app/contracts';
import type { Presence } from '../presence/presence';

/** An agent's presence as the server keeps it: it survives a reload of the console and a restart. */
@Entity({ name: 'agent_states' })
export class AgentState {
  @PrimaryColumn({ name: 'agent_id', type: 'varchar' })
  agentId!: string;

  @Column({ type: 'varchar' })
  presence!: Presence;

  @Column({ name: 'presence_since' })
  presenceSince!: Date;

  @Column({ name: 'idle_since' })
  idleSince!: Date;

  @Column({ name: 'call_id', type: 'integer', nullable: true })
  callId!: number | null;

  @Column({ name: 'wrap_up_until', type: Date, nullable: true })
  wrapUpUntil!: Date | null;

  @Column({ name: 'disconnected_at', type: Date, nullable: true })
  disconnectedAt!: Date | null;

  @Column({ name: 'max_calls', type: 'integer', default: 1 })
  maxCalls!: number;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}

/** A call that reached the desk, from the queue to its disposition. */
@Entity({ name: 'desk_calls' })
export class DeskCallRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar' })
  kind!: DeskCallKind;

  @Column({ type: 'varchar' })
  state!: DeskCallState;

  @Column({ name: 'attempt_id', type: 'integer' })
  attemptId!: number;

  @Column({ name: 'conversation_id', type: 'integer', nullable: true })
  conversationId!: number | null;

  @Column({ name: 'customer_id', type: 'integer' })
  customerId!: number;

  @Column({ name: 'campaign_id', type: 'varchar' })
  campaignId!: string;

  @Column({ name: 'step_no', type: 'integer' })
  stepNo!: number;

  @Column({ name: 'branch_code', type: 'varchar', nullable: true })
  branchCode!: string | null;

  @Column({ type: 'simple-json' })
  skills!: string[];

  @Column({ name: 'agent_id', type: 'varchar', nullable: true })
  agentId!: string | null;

  @Column({ name: 'declined_by', type: 'simple-json' })
  declinedBy!: string[];

  @Column({ type: 'varchar', nullable: true })
  reason!: HandoffReason | null;

  @Column({ type: 'simple-json' })
  script!: GraphScriptBody;

  @Column({ type: 'varchar' })
  step!: string;

  @Column({ type: 'simple-json' })
  visited!: string[];

  @Column({ type: 'simple-json' })
  acknowledged!: string[];

  @Column({ type: 'simple-json' })
  notes!: string[];

  @Column({ type: 'varchar', nullable: true })
  disposition!: Disposition | null;

  @Column({ name: 'callback_at', type: Date, nullable: true })
  callbackAt!: Date | null;

  @Column({ name: 'callback_attempt_id', type: 'integer', nullable: true })
  callbackAttemptId!: number | null;

  @Column({ name: 'waiting_since' })
  waitingSince!: Date;

  @Column({ name: 'offered_at', type: Date, nullable: true })
  offeredAt!: Date | null;

  @Column({ name: 'connected_at', type: Date, nullable: true })
  connectedAt!: Date | null;

  @Column({ name: 'ended_at', type: Date, nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'done_at', type: Date, nullable: true })
  doneAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}

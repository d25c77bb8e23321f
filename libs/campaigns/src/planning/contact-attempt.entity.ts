import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AttemptOutcome, AttemptState, Channel, PolicyRule, Purpose } from '@app/contracts';
import type { RawPlanFacts } from './plan-facts';

/** One planned (or refused) contact of a customer at a campaign step; planning writes them in SQL. */
@Entity({ name: 'contact_attempts' })
export class ContactAttempt {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'campaign_id', type: 'varchar' })
  campaignId!: string;

  @Column({ name: 'step_no', type: 'integer' })
  stepNo!: number;

  @Column({ name: 'customer_id', type: 'integer' })
  customerId!: number;

  @Column({ type: 'varchar' })
  channel!: Channel;

  @Column({ type: 'varchar' })
  purpose!: Purpose;

  @Column({ name: 'attempt_no', type: 'integer' })
  attemptNo!: number;

  @Column({ type: 'varchar' })
  state!: AttemptState;

  @Column({ name: 'due_at', type: Date, nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'varchar', nullable: true })
  reason!: PolicyRule | null;

  /** The facts the policy decided on, as the planning statement wrote them (normalizeFacts reads them). */
  @Column({ type: 'simple-json' })
  trace!: RawPlanFacts;

  @Column({ type: 'varchar', nullable: true })
  outcome!: AttemptOutcome | null;

  @Column({ name: 'outcome_at', type: Date, nullable: true })
  outcomeAt!: Date | null;

  @Column({ type: 'varchar', nullable: true })
  disposition!: string | null;

  @Column({ name: 'provider_id', type: 'varchar', nullable: true })
  providerId!: string | null;

  @Column({ name: 'lease_owner', type: 'varchar', nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_expires_at', type: Date, nullable: true })
  leaseExpiresAt!: Date | null;

  @Column({ type: 'varchar', nullable: true })
  provider!: string | null;

  @Column({ name: 'provider_status', type: 'varchar', nullable: true })
  providerStatus!: string | null;

  /** The provider status's rank; callbacks only ever raise it. */
  @Column({ name: 'provider_rank', type: 'integer', default: 0 })
  providerRank!: number;

  @Column({ name: 'send_tries', type: 'integer', default: 0 })
  sendTries!: number;

  @Column({ name: 'claimed_at', type: Date, nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'sent_at', type: Date, nullable: true })
  sentAt!: Date | null;

  /** How often the carrier was asked about an SMS whose delivery receipt never came. */
  @Column({ name: 'receipt_checks', type: 'integer', default: 0 })
  receiptChecks!: number;

  @Column({ name: 'duration_seconds', type: 'integer', nullable: true })
  durationSeconds!: number | null;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  /** A callback an agent promised: only that agent's desk dials it (the dispatcher's passes leave it), others once it is long overdue. */
  @Column({ name: 'assigned_agent_id', type: 'varchar', nullable: true })
  assignedAgentId!: string | null;

  @Column({ name: 'planned_at', type: Date })
  plannedAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}

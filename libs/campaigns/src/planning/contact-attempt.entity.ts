import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AttemptState, Channel, PolicyRule, Purpose } from '@app/contracts';
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
  outcome!: string | null;

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

  @Column({ name: 'planned_at', type: Date })
  plannedAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}

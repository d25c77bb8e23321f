import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CampaignPacing, CampaignStatus, Channel, ContactPolicyOverrides, EntryMode, PlanResult, Purpose, StepCondition } from '@app/contracts';

/** A segment turned into contacts: steps over channels, under the (narrowed) contact policy. */
@Entity({ name: 'campaigns' })
export class Campaign {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'segment_id', type: 'varchar' })
  segmentId!: string;

  @Column({ name: 'segment_version', type: 'integer', nullable: true })
  segmentVersion!: number | null;

  @Column({ type: 'varchar' })
  purpose!: Purpose;

  @Column({ type: 'varchar' })
  status!: CampaignStatus;

  @Column({ name: 'entry_mode', type: 'varchar' })
  entryMode!: EntryMode;

  @Column({ name: 'starts_at', type: Date })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: Date, nullable: true })
  endsAt!: Date | null;

  @Column({ name: 'holdout_pct', type: 'integer' })
  holdoutPct!: number;

  /** Fixed at creation, so a customer's control-group bucket never changes. */
  @Column({ name: 'holdout_seed', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  holdoutSeed!: number;

  @Column({ type: 'simple-json' })
  policy!: ContactPolicyOverrides;

  @Column({ type: 'simple-json' })
  pacing!: CampaignPacing;

  @Column({ name: 'last_plan', type: 'simple-json', nullable: true })
  lastPlan!: PlanResult | null;

  @Column({ name: 'created_by', type: 'varchar', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'started_at', type: Date, nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}

@Entity({ name: 'campaign_steps' })
export class CampaignStep {
  @PrimaryColumn({ name: 'campaign_id', type: 'varchar' })
  campaignId!: string;

  @PrimaryColumn({ name: 'step_no', type: 'integer' })
  stepNo!: number;

  @Column({ type: 'varchar' })
  channel!: Channel;

  @Column({ name: 'script_id', type: 'varchar' })
  scriptId!: string;

  @Column({ name: 'script_version', type: 'integer' })
  scriptVersion!: number;

  @Column({ name: 'delay_minutes', type: 'integer' })
  delayMinutes!: number;

  @Column({ name: 'run_if', type: 'varchar' })
  runIf!: StepCondition;
}

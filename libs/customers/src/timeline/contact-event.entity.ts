import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One contact or outcome on a customer's timeline (SMS, call, disposition, opt-out...). */
@Entity({ name: 'contact_events' })
export class ContactEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'customer_id', type: 'integer' })
  customerId!: number;

  @Column()
  at!: Date;

  @Column({ type: 'varchar' })
  channel!: string;

  @Column({ type: 'varchar' })
  kind!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ name: 'campaign_id', type: 'varchar', nullable: true })
  campaignId!: string | null;

  @Column({ name: 'attempt_id', type: 'integer', nullable: true })
  attemptId!: number | null;

  @Column({ name: 'actor_name', type: 'varchar', nullable: true })
  actorName!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  detail!: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}

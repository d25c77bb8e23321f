import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DoNotContactChannel, DoNotContactScope, DoNotContactSource } from '@app/contracts';

/** A refusal to be contacted, by customer or by phone number. Removed entries stay as evidence. */
@Entity({ name: 'do_not_contact' })
export class DoNotContactEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'customer_id', type: 'integer', nullable: true })
  customerId!: number | null;

  @Column({ type: 'varchar', nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar' })
  channel!: DoNotContactChannel;

  @Column({ type: 'varchar' })
  scope!: DoNotContactScope;

  @Column({ type: 'varchar' })
  reason!: string;

  @Column({ type: 'varchar' })
  source!: DoNotContactSource;

  @Column({ type: Date, nullable: true })
  until!: Date | null;

  @Column({ name: 'created_by', type: 'varchar', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'removed_at', type: Date, nullable: true })
  removedAt!: Date | null;

  @Column({ name: 'removed_by', type: 'varchar', nullable: true })
  removedBy!: string | null;
}

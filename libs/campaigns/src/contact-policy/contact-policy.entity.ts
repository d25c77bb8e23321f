import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarDayKind, ContactPolicySettings } from '@app/contracts';

/** The bank's global contact policy: one row (id 1), absent until an admin first saves it. */
@Entity({ name: 'contact_policy' })
export class ContactPolicyRow {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'simple-json' })
  settings!: ContactPolicySettings;

  @Column({ name: 'updated_by', type: 'varchar', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;
}

/** A day of the bank's own calendar, which wins over the official one. */
@Entity({ name: 'calendar_entries' })
export class CalendarEntryRow {
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'varchar' })
  kind!: CalendarDayKind;

  @Column({ type: 'varchar' })
  note!: string;

  @Column({ name: 'created_by', type: 'varchar', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}

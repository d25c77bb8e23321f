import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ImportSource, ImportStatus } from '@app/contracts';

/** One import of a feed file: what came in, what it did, how long it took. */
@Entity({ name: 'import_runs' })
export class ImportRun {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ type: 'varchar' })
  source!: ImportSource;

  @Column({ name: 'file_name', type: 'varchar' })
  fileName!: string;

  @Column({ name: 'file_hash', type: 'varchar', nullable: true })
  fileHash!: string | null;

  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  @Column({ type: 'varchar' })
  status!: ImportStatus;

  @Column({ type: 'integer' })
  imported!: number;

  @Column({ type: 'integer' })
  updated!: number;

  @Column({ type: 'integer' })
  unchanged!: number;

  @Column({ type: 'integer' })
  rejected!: number;

  @Column({ name: 'rows_read', type: 'integer' })
  rowsRead!: number;

  @Column({ type: 'simple-json' })
  warnings!: string[];

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'created_by', type: 'varchar', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'started_at' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;
}

@Entity({ name: 'import_rejections' })
export class ImportRejection {
  @Column({ type: 'integer', primary: true, generated: 'increment' })
  id!: number;

  @Column({ name: 'run_id', type: 'varchar' })
  runId!: string;

  @Column({ type: 'integer' })
  line!: number;

  @Column({ type: 'varchar' })
  field!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'text', nullable: true })
  raw!: string | null;
}

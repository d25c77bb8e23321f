import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SegmentJobStatus, SegmentRefreshStatus, SegmentRefreshTrigger } from '@app/contracts';

/** One refresh of one segment: the membership diff it made, or why it failed. */
@Entity({ name: 'segment_refreshes' })
export class SegmentRefresh {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ name: 'segment_id', type: 'varchar' })
  segmentId!: string;

  @Column({ name: 'segment_name', type: 'varchar' })
  segmentName!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar' })
  trigger!: SegmentRefreshTrigger;

  @Column({ type: 'varchar' })
  status!: SegmentRefreshStatus;

  @Column({ type: 'integer' })
  members!: number;

  @Column({ type: 'integer' })
  entered!: number;

  @Column({ type: 'integer' })
  exited!: number;

  @Column({ type: 'integer' })
  ms!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  @Column({ name: 'started_at' })
  startedAt!: Date;

  @Column({ name: 'job_run_id', type: 'varchar', nullable: true })
  jobRunId!: string | null;

  @Column({ name: 'created_by', type: 'varchar', nullable: true })
  createdBy!: string | null;
}

export interface SegmentJobFailure {
  segmentId: string;
  name: string;
  error: string;
}

/** One run of the refresh-everything job (nightly, or started by hand or the CLI). */
@Entity({ name: 'segment_job_runs' })
export class SegmentJobRun {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ type: 'varchar' })
  trigger!: SegmentRefreshTrigger;

  @Column({ type: 'varchar' })
  status!: SegmentJobStatus;

  @Column({ name: 'started_at' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'integer' })
  segments!: number;

  @Column({ type: 'integer' })
  succeeded!: number;

  @Column({ type: 'integer' })
  failed!: number;

  @Column({ type: 'integer' })
  entered!: number;

  @Column({ type: 'integer' })
  exited!: number;

  @Column({ type: 'integer', nullable: true })
  ms!: number | null;

  @Column({ type: 'simple-json' })
  failures!: SegmentJobFailure[];
}

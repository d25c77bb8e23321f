import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SegmentKind, SegmentRule } from '@app/contracts';

/** A named rule over customers; its current version's members are kept in segment_memberships. */
@Entity({ name: 'segments' })
export class Segment {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar' })
  kind!: SegmentKind;

  @Column({ name: 'template_key', type: 'varchar', nullable: true })
  templateKey!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'simple-json' })
  rule!: SegmentRule;

  @Column({ type: 'boolean' })
  nightly!: boolean;

  @Column({ type: 'integer' })
  members!: number;

  @Column({ name: 'last_refresh_id', type: 'varchar', nullable: true })
  lastRefreshId!: string | null;

  @Column({ name: 'archived_at', type: Date, nullable: true })
  archivedAt!: Date | null;

  @Column({ name: 'created_by', type: 'varchar', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}

/** A rule as it was saved; never changed, so a campaign can keep the version it started with. */
@Entity({ name: 'segment_versions' })
export class SegmentVersion {
  @PrimaryColumn({ name: 'segment_id', type: 'varchar' })
  segmentId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'simple-json' })
  rule!: SegmentRule;

  @Column({ name: 'created_by', type: 'varchar', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at' })
  createdAt!: Date;
}

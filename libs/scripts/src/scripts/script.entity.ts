import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ScriptBody, ScriptKind } from '@app/contracts';

/** A named script of one kind; `version` is its current version in script_versions. */
@Entity({ name: 'scripts' })
export class Script {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar' })
  kind!: ScriptKind;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'archived_at', type: Date, nullable: true })
  archivedAt!: Date | null;

  @Column({ name: 'created_by', type: 'varchar', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}

/**
 * A script body as saved. Once `lockedAt` is set (a campaign uses it) it never changes again: an
 * edit becomes the next version. Before that, edits change it in place.
 */
@Entity({ name: 'script_versions' })
export class ScriptVersion {
  @PrimaryColumn({ name: 'script_id', type: 'varchar' })
  scriptId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'simple-json' })
  body!: ScriptBody;

  /** The variables the body uses, as the check found them when it was saved. */
  @Column({ type: 'simple-json' })
  variables!: string[];

  @Column({ name: 'locked_at', type: Date, nullable: true })
  lockedAt!: Date | null;

  @Column({ name: 'created_by', type: 'varchar', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at' })
  createdAt!: Date;
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import type { SegmentFieldView, SegmentRule, SegmentTemplateView, SegmentVersionView, SegmentView } from '@app/contracts';
import { AuditService, Clock, isUniqueViolation, type Principal, WriteGate } from '@app/core';
import { SegmentRefresh } from '../refresh/segment-refresh.entity';
import { toRefreshView } from '../refresh/refresh-views';
import { fieldViews } from '../rules/field-catalog';
import { findTemplate, LIFECYCLE_TEMPLATES, ruleFromTemplate } from '../rules/templates';
import { SegmentQuery } from '../query/segment-query';
import { SegmentsErrorCode, SegmentsException } from '../segments.exception';
import type { CreateSegmentDto, UpdateSegmentDto } from './segment.dto';
import { Segment, SegmentVersion } from './segment.entity';

/** Who saves a segment: a signed-in user, or the system (demo data) with no user id. */
export type SegmentActor = Pick<Principal, 'username'> & { userId: string | null };

function toVersionView(v: SegmentVersion): SegmentVersionView {
  return { version: v.version, rule: v.rule, createdBy: v.createdBy, createdAt: v.createdAt.toISOString() };
}

/** Segments and their rule versions: every saved rule is valid, and a changed rule is a new version. */
@Injectable()
export class SegmentsService {
  constructor(
    @InjectRepository(Segment) private readonly segments: Repository<Segment>,
    @InjectRepository(SegmentVersion) private readonly versions: Repository<SegmentVersion>,
    @InjectRepository(SegmentRefresh) private readonly refreshes: Repository<SegmentRefresh>,
    private readonly dataSource: DataSource,
    private readonly segmentQuery: SegmentQuery,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly writes: WriteGate,
  ) {}

  templates(): SegmentTemplateView[] {
    return [...LIFECYCLE_TEMPLATES];
  }

  fields(): SegmentFieldView[] {
    return fieldViews();
  }

  async list(): Promise<SegmentView[]> {
    const segments = await this.segments.find({ where: { archivedAt: IsNull() }, order: { updatedAt: 'DESC', name: 'ASC' } });
    const ids = segments.map((s) => s.lastRefreshId).filter((id): id is string => !!id);
    const refreshes = new Map((ids.length ? await this.refreshes.findBy({ id: In(ids) }) : []).map((r) => [r.id, r]));
    return segments.map((s) => this.toView(s, s.lastRefreshId ? refreshes.get(s.lastRefreshId) : undefined));
  }

  async get(id: string): Promise<SegmentView> {
    const segment = await this.find(id);
    const refresh = segment.lastRefreshId ? await this.refreshes.findOneBy({ id: segment.lastRefreshId }) : null;
    return this.toView(segment, refresh ?? undefined);
  }

  /** An active segment, or 404. */
  async find(id: string): Promise<Segment> {
    const segment = await this.segments.findOneBy({ id, archivedAt: IsNull() });
    if (!segment) throw new SegmentsException(SegmentsErrorCode.SegmentNotFound, `segment ${id} not found`);
    return segment;
  }

  async create(dto: CreateSegmentDto, by: SegmentActor): Promise<SegmentView> {
    const rule = this.ruleOf(dto);
    const now = this.clock.now();
    const segment = Object.assign(new Segment(), {
      id: randomUUID(),
      name: dto.name,
      description: dto.description?.trim() || null,
      kind: dto.templateKey ? 'template' : 'custom',
      templateKey: dto.templateKey ?? null,
      version: 1,
      rule,
      nightly: dto.nightly ?? true,
      members: 0,
      lastRefreshId: null,
      archivedAt: null,
      createdBy: by.username,
      createdAt: now,
      updatedAt: now,
    } satisfies Segment);
    await this.assertNameFree(dto.name);
    await this.saveWithVersion(segment, by, true);
    await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'segment.create', targetType: 'segment', targetId: segment.id, detail: { name: segment.name, templateKey: segment.templateKey } });
    return this.toView(segment);
  }

  async update(id: string, dto: UpdateSegmentDto, by: Principal): Promise<SegmentView> {
    const segment = await this.find(id);
    const changes: string[] = [];
    if (dto.name !== undefined && dto.name !== segment.name) {
      await this.assertNameFree(dto.name, id);
      segment.name = dto.name;
      changes.push('name');
    }
    if (dto.description !== undefined) segment.description = dto.description.trim() || null;
    if (dto.nightly !== undefined) segment.nightly = dto.nightly;
    let newVersion = false;
    if (dto.rule !== undefined) {
      const rule = this.segmentQuery.parse(dto.rule);
      if (JSON.stringify(rule) !== JSON.stringify(segment.rule)) {
        segment.rule = rule;
        segment.version += 1;
        newVersion = true;
        changes.push('rule');
      }
    }
    segment.updatedAt = this.clock.now();
    await this.saveWithVersion(segment, by, newVersion);
    await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'segment.update', targetType: 'segment', targetId: id, detail: { changes, version: segment.version } });
    return this.get(id);
  }

  /** Archived segments leave the lists and free their name; their versions and history stay. */
  async archive(id: string, by: Principal): Promise<void> {
    const segment = await this.find(id);
    await this.segments.update({ id }, { archivedAt: this.clock.now() });
    await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'segment.archive', targetType: 'segment', targetId: id, detail: { name: segment.name } });
  }

  async listVersions(id: string): Promise<SegmentVersionView[]> {
    await this.find(id);
    return (await this.versions.find({ where: { segmentId: id }, order: { version: 'DESC' } })).map(toVersionView);
  }

  /** One saved version, archived segments included: a running campaign keeps the version it started with. */
  async getVersion(id: string, version: number): Promise<SegmentVersionView> {
    const found = await this.versions.findOneBy({ segmentId: id, version });
    if (!found) throw new SegmentsException(SegmentsErrorCode.VersionNotFound, `segment ${id} has no version ${version}`);
    return toVersionView(found);
  }

  private ruleOf(dto: CreateSegmentDto): SegmentRule {
    if (dto.templateKey === undefined) {
      if (dto.rule === undefined) throw SegmentsException.invalidRule([{ field: 'rule', message: 'is required (or a templateKey)' }]);
      if (dto.parameters !== undefined) throw SegmentsException.invalidRule([{ field: 'parameters', message: 'only go with a templateKey' }]);
      return this.segmentQuery.parse(dto.rule);
    }
    const template = findTemplate(dto.templateKey);
    if (!template) {
      const keys = LIFECYCLE_TEMPLATES.map((t) => t.key).join(', ');
      throw new SegmentsException(SegmentsErrorCode.UnknownTemplate, `unknown template ${dto.templateKey}`, [{ field: 'templateKey', message: `must be one of ${keys}` }]);
    }
    if (dto.rule !== undefined) return this.segmentQuery.parse(dto.rule);
    const { rule, errors } = ruleFromTemplate(template, dto.parameters);
    if (errors.length) throw SegmentsException.invalidRule(errors.map((e) => ({ field: e.path, message: e.message })));
    return this.segmentQuery.parse(rule);
  }

  private async assertNameFree(name: string, exceptId?: string): Promise<void> {
    const other = await this.segments.findOneBy({ name, archivedAt: IsNull() });
    if (other && other.id !== exceptId) throw new SegmentsException(SegmentsErrorCode.DuplicateName, `a segment named "${name}" exists`, [{ field: 'name', message: 'is already used by another segment' }]);
  }

  private async saveWithVersion(segment: Segment, by: SegmentActor, newVersion: boolean): Promise<void> {
    try {
      await this.writes.run(() =>
        this.dataSource.transaction(async (m) => {
          await m.save(Segment, segment);
          if (newVersion) await m.insert(SegmentVersion, { segmentId: segment.id, version: segment.version, rule: segment.rule, createdBy: by.username, createdAt: this.clock.now() });
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new SegmentsException(SegmentsErrorCode.DuplicateName, `a segment named "${segment.name}" exists`, [{ field: 'name', message: 'is already used by another segment' }]);
      throw error;
    }
  }

  private toView(s: Segment, refresh?: SegmentRefresh): SegmentView {
    return {
      id: s.id,
      name: s.name,
      description: s.description,
      kind: s.kind,
      templateKey: s.templateKey,
      version: s.version,
      rule: s.rule,
      nightly: s.nightly,
      members: s.members,
      lastRefresh: refresh ? toRefreshView(refresh) : null,
      createdBy: s.createdBy,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    };
  }
}

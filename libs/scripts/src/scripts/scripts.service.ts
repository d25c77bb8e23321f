import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, Repository } from 'typeorm';
import type { ScriptBody, ScriptKind, ScriptVariableView, ScriptVersionView, ScriptView } from '@app/contracts';
import { type AuditRecord, AuditService, Clock, execute, isUniqueViolation, type Principal, WriteGate } from '@app/core';
import { ScriptsErrorCode, ScriptsException } from '../scripts.exception';
import { checkScriptBody } from '../text/script-body';
import { variableViews } from '../text/script-variables';
import type { CreateScriptDto, UpdateScriptDto } from './script.dto';
import { Script, ScriptVersion } from './script.entity';
import { toScriptView, toVersionView } from './script-views';

/** Who saves a script: a signed-in user, or the system (demo data) with no user id. */
export type ScriptActor = Pick<Principal, 'username'> & { userId: string | null };

/** A script with one of its saved versions, as campaigns use it. */
export interface ScriptVersionRecord {
  script: Script;
  version: ScriptVersion;
}

/**
 * Scripts and their versions. Every saved body passed the checks of its kind. Versioning: a body
 * edit changes the current version in place while no campaign uses it (`locked_at` null), and
 * becomes the next version once one does, so a locked version never changes.
 */
@Injectable()
export class ScriptsService {
  constructor(
    @InjectRepository(Script) private readonly scripts: Repository<Script>,
    @InjectRepository(ScriptVersion) private readonly versions: Repository<ScriptVersion>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly writes: WriteGate,
  ) {}

  variables(): ScriptVariableView[] {
    return variableViews();
  }

  async list(kind?: ScriptKind): Promise<ScriptView[]> {
    const scripts = await this.scripts.find({ where: { archivedAt: IsNull(), ...(kind ? { kind } : {}) }, order: { updatedAt: 'DESC', name: 'ASC' } });
    if (!scripts.length) return [];
    const current = await this.versions
      .createQueryBuilder('v')
      .innerJoin(Script, 's', 's.id = v.script_id AND s.version = v.version')
      .where('s.archived_at IS NULL')
      .getMany();
    const byScript = new Map(current.map((v) => [v.scriptId, v]));
    return scripts.flatMap((s) => {
      const version = byScript.get(s.id);
      return version ? [toScriptView(s, version)] : [];
    });
  }

  async get(id: string): Promise<ScriptView> {
    const script = await this.find(id);
    return toScriptView(script, await this.versionOf(script.id, script.version));
  }

  /** An active script, or 404. */
  async find(id: string): Promise<Script> {
    const script = await this.scripts.findOneBy({ id, archivedAt: IsNull() });
    if (!script) throw new ScriptsException(ScriptsErrorCode.ScriptNotFound, `script ${id} not found`);
    return script;
  }

  async create(dto: CreateScriptDto, by: ScriptActor): Promise<ScriptView> {
    const { body, variables } = this.check(dto.kind, dto.body);
    await this.assertNameFree(dto.name);
    const now = this.clock.now();
    const script = Object.assign(new Script(), {
      id: randomUUID(),
      name: dto.name,
      description: dto.description?.trim() || null,
      kind: dto.kind,
      version: 1,
      archivedAt: null,
      createdBy: by.username,
      createdAt: now,
      updatedAt: now,
    } satisfies Script);
    const version = Object.assign(new ScriptVersion(), { scriptId: script.id, version: 1, body, variables, lockedAt: null, createdBy: by.username, createdAt: now } satisfies ScriptVersion);
    await this.write(script.name, async (m) => {
      await m.insert(Script, script);
      await m.insert(ScriptVersion, version);
    });
    await this.record({ actorId: by.userId, actorName: by.username, action: 'script.create', targetType: 'script', targetId: script.id, detail: { name: script.name, kind: script.kind } });
    return toScriptView(script, version);
  }

  async update(id: string, dto: UpdateScriptDto, by: Principal): Promise<ScriptView> {
    const script = await this.find(id);
    const changes: string[] = [];
    if (dto.name !== undefined && dto.name !== script.name) {
      await this.assertNameFree(dto.name, id);
      script.name = dto.name;
      changes.push('name');
    }
    if (dto.description !== undefined) {
      script.description = dto.description.trim() || null;
      changes.push('description');
    }
    let edit: { body: ScriptBody; variables: string[] } | null = null;
    if (dto.body !== undefined) {
      const checked = this.check(script.kind, dto.body);
      const current = await this.versionOf(id, script.version);
      if (JSON.stringify(checked.body) !== JSON.stringify(current.body)) edit = checked;
    }
    let versioning: 'in_place' | 'new_version' | null = null;
    script.updatedAt = this.clock.now();
    await this.write(script.name, async (m) => {
      if (edit) {
        // in place only while unlocked; a campaign that locks meanwhile turns this into the next version
        const changed = await execute(m, 'UPDATE script_versions SET body = :body, variables = :variables WHERE script_id = :id AND version = :version AND locked_at IS NULL', {
          body: JSON.stringify(edit.body),
          variables: JSON.stringify(edit.variables),
          id,
          version: script.version,
        });
        versioning = changed ? 'in_place' : 'new_version';
        if (!changed) {
          script.version += 1;
          await m.insert(ScriptVersion, { scriptId: id, version: script.version, body: edit.body, variables: edit.variables, lockedAt: null, createdBy: by.username, createdAt: this.clock.now() });
        }
      }
      await m.update(Script, { id }, { name: script.name, description: script.description, version: script.version, updatedAt: script.updatedAt });
    });
    if (edit) changes.push('body');
    await this.record({ actorId: by.userId, actorName: by.username, action: 'script.update', targetType: 'script', targetId: id, detail: { changes, version: script.version, versioning } });
    return this.get(id);
  }

  /** Archived scripts leave the lists and free their name; their versions stay for the campaigns that use them. */
  async archive(id: string, by: Principal): Promise<void> {
    const script = await this.find(id);
    await this.writes.run(() => this.scripts.update({ id }, { archivedAt: this.clock.now() }));
    await this.record({ actorId: by.userId, actorName: by.username, action: 'script.archive', targetType: 'script', targetId: id, detail: { name: script.name } });
  }

  async listVersions(id: string): Promise<ScriptVersionView[]> {
    await this.find(id);
    return (await this.versions.find({ where: { scriptId: id }, order: { version: 'DESC' } })).map(toVersionView);
  }

  /** One saved version, archived scripts included: a campaign keeps the version it uses. */
  async getVersion(id: string, version: number): Promise<ScriptVersionView> {
    return toVersionView(await this.versionOf(id, version));
  }

  /**
   * For campaigns: a script with a version (default: its current one), archived scripts included
   * (`script.archivedAt` says so); null when either does not exist.
   */
  async findVersion(scriptId: string, version?: number): Promise<ScriptVersionRecord | null> {
    const script = await this.scripts.findOneBy({ id: scriptId });
    if (!script) return null;
    const found = await this.versions.findOneBy({ scriptId, version: version ?? script.version });
    return found ? { script, version: found } : null;
  }

  /**
   * For campaigns: marks a version as used, so it never changes again (a later edit makes the next
   * version). Idempotent; pass the campaign's transaction manager to lock inside it.
   */
  async lockVersion(scriptId: string, version: number, manager?: EntityManager): Promise<ScriptVersion> {
    const lock = async (m: EntityManager) => {
      await execute(m, 'UPDATE script_versions SET locked_at = :now WHERE script_id = :scriptId AND version = :version AND locked_at IS NULL', { now: this.clock.now(), scriptId, version });
      const locked = await m.findOneBy(ScriptVersion, { scriptId, version });
      if (!locked) throw new ScriptsException(ScriptsErrorCode.VersionNotFound, `script ${scriptId} has no version ${version}`);
      return locked;
    };
    return manager ? lock(manager) : this.writes.run(() => this.dataSource.transaction(lock));
  }

  /**
   * On SQLite, AuditService's save() opens a transaction on the one shared connection; outside the
   * gate it could interleave with a gated writer's transaction (a segment refresh at demo start)
   * and end it early. Every write of this service passes the gate.
   */
  private record(entry: AuditRecord): Promise<void> {
    return this.writes.run(() => this.audit.record(entry));
  }

  private async versionOf(scriptId: string, version: number): Promise<ScriptVersion> {
    const found = await this.versions.findOneBy({ scriptId, version });
    if (!found) throw new ScriptsException(ScriptsErrorCode.VersionNotFound, `script ${scriptId} has no version ${version}`);
    return found;
  }

  private check(kind: ScriptKind, body: unknown): { body: ScriptBody; variables: string[] } {
    const check = checkScriptBody(kind, body);
    if (!check.ok) throw ScriptsException.invalid(check.errors.map((e) => ({ field: e.path, message: e.message })));
    return check;
  }

  private async assertNameFree(name: string, exceptId?: string): Promise<void> {
    const other = await this.scripts.findOneBy({ name, archivedAt: IsNull() });
    if (other && other.id !== exceptId) throw ScriptsException.duplicateName(name);
  }

  private async write(name: string, work: (m: EntityManager) => Promise<void>): Promise<void> {
    try {
      await this.writes.run(() => this.dataSource.transaction(work));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // the name index, or two editors making the same next version at once
      if (/ux_scripts_name|scripts\.name/.test(String((error as { message?: string }).message) + String((error as { detail?: string }).detail ?? ''))) throw ScriptsException.duplicateName(name);
      throw new ScriptsException(ScriptsErrorCode.EditConflict, 'the script was changed meanwhile; reload it and save again');
    }
  }
}

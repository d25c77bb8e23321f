import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { And, type FindOptionsWhere, LessThan, MoreThanOrEqual, type QueryDeepPartialEntity, Repository } from 'typeorm';
import { Clock } from '../clock/clock';
import type { Page } from '@app/contracts';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  actorId?: string | null;
  actorName?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  address?: string;
  detail?: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  actorName?: string;
  targetType?: string;
  targetId?: string;
  /** At or after. */
  from?: Date;
  /** Before. */
  to?: Date;
  offset: number;
  limit: number;
}

/** Who did what to which record, and who viewed which customer's contact data. */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
    private readonly clock: Clock,
  ) {}

  /** An insert, not a save: save() opens a transaction, which on SQLite's one shared connection would nest in a caller's. */
  /**
   * Writes an entry. Inside a transaction, pass its manager: the entry then commits with the change
   * it records, on the transaction's own connection (asking the pool for a second connection while
   * holding one deadlocks once every connection is held that way).
   */
  async record(entry: AuditRecord, em?: EntityManager): Promise<void> {
    const row: QueryDeepPartialEntity<AuditEntry> = {
      at: this.clock.now(),
      actorId: entry.actorId ?? null,
      actorName: entry.actorName ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      address: entry.address ?? null,
      // a JSON column: the partial-entity type would recurse into the record's keys
      detail: (entry.detail ?? null) as QueryDeepPartialEntity<AuditEntry>['detail'],
    };
    await (em ? em.getRepository(AuditEntry) : this.entries).insert(row);
  }

  async list(filter: AuditFilter): Promise<Omit<Page<AuditEntry>, 'page' | 'pageSize'>> {
    const where: FindOptionsWhere<AuditEntry> = Object.fromEntries(
      Object.entries({ action: filter.action, actorName: filter.actorName, targetType: filter.targetType, targetId: filter.targetId }).filter(([, v]) => v !== undefined),
    );
    if (filter.from && filter.to) where.at = And(MoreThanOrEqual(filter.from), LessThan(filter.to));
    else if (filter.from) where.at = MoreThanOrEqual(filter.from);
    else if (filter.to) where.at = LessThan(filter.to);
    const [items, total] = await this.entries.findAndCount({ where, order: { id: 'DESC' }, skip: filter.offset, take: filter.limit });
    return { items, total };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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

  async record(entry: AuditRecord): Promise<void> {
    await this.entries.save(
      Object.assign(new AuditEntry(), {
      at: this.clock.now(),
      actorId: entry.actorId ?? null,
      actorName: entry.actorName ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      address: entry.address ?? null,
      detail: entry.detail ?? null,
      }),
    );
  }

  async list(filter: AuditFilter): Promise<Omit<Page<AuditEntry>, 'page' | 'pageSize'>> {
    const where = Object.fromEntries(
      Object.entries({ action: filter.action, actorName: filter.actorName, targetType: filter.targetType, targetId: filter.targetId }).filter(([, v]) => v !== undefined),
    );
    const [items, total] = await this.entries.findAndCount({ where, order: { id: 'DESC' }, skip: filter.offset, take: filter.limit });
    return { items, total };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { CalendarEntryView, ContactPolicyOverrides, ContactPolicySettings, ContactPolicyView } from '@app/contracts';
import { AuditService, Clock, type Principal } from '@app/core';
import { CampaignsErrorCode, CampaignsException } from '../campaigns.exception';
import { DEFAULT_POLICY, effectivePolicy, validateOverrides, validateSettings } from '../policy/policy-settings';
import { WorkCalendar } from '../policy/work-calendar';
import { CalendarEntryRow, ContactPolicyRow } from './contact-policy.entity';
import type { CalendarEntryDto } from './contact-policy.dto';

const POLICY_ID = 1;

function toEntryView(e: CalendarEntryRow): CalendarEntryView {
  return { date: String(e.date).slice(0, 10), kind: e.kind, note: e.note, createdBy: e.createdBy, createdAt: e.createdAt.toISOString() };
}

/** The bank's global contact policy and its own calendar entries. */
@Injectable()
export class ContactPolicyService {
  constructor(
    @InjectRepository(ContactPolicyRow) private readonly policies: Repository<ContactPolicyRow>,
    @InjectRepository(CalendarEntryRow) private readonly entries: Repository<CalendarEntryRow>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async view(): Promise<ContactPolicyView> {
    const row = await this.policies.findOneBy({ id: POLICY_ID });
    const entries = await this.entries.find({ order: { date: 'ASC' } });
    return {
      settings: row?.settings ?? DEFAULT_POLICY,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      calendar: { knownThrough: WorkCalendar.knownThrough, entries: entries.map(toEntryView) },
    };
  }

  async settings(): Promise<ContactPolicySettings> {
    return (await this.policies.findOneBy({ id: POLICY_ID }))?.settings ?? DEFAULT_POLICY;
  }

  /** The settings a campaign runs under: the global ones narrowed by its overrides. */
  async effective(overrides: ContactPolicyOverrides): Promise<ContactPolicySettings> {
    return effectivePolicy(await this.settings(), overrides);
  }

  /** Checks a campaign's overrides against the global policy: 400 with the path of any widening. */
  async checkOverrides(input: unknown, path = 'policy'): Promise<ContactPolicyOverrides> {
    const check = validateOverrides(input ?? {}, await this.settings(), path);
    if (!check.ok) throw CampaignsException.invalid(CampaignsErrorCode.InvalidCampaign, check.errors);
    return check.overrides;
  }

  async update(input: unknown, by: Principal): Promise<ContactPolicyView> {
    const check = validateSettings(input, 'settings');
    if (!check.ok) throw CampaignsException.invalid(CampaignsErrorCode.InvalidPolicy, check.errors);
    const before = await this.settings();
    await this.policies.save(Object.assign(new ContactPolicyRow(), { id: POLICY_ID, settings: check.settings, updatedBy: by.username, updatedAt: this.clock.now() }));
    await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'contact_policy.update', targetType: 'contact_policy', targetId: String(POLICY_ID), detail: { before, after: check.settings } });
    return this.view();
  }

  async calendar(): Promise<WorkCalendar> {
    const entries = await this.entries.find();
    return new WorkCalendar(entries.map((e) => ({ date: String(e.date).slice(0, 10), kind: e.kind, note: e.note })));
  }

  /** Adds or replaces the bank's entry for a day. */
  async putEntry(dto: CalendarEntryDto, by: Principal): Promise<CalendarEntryView> {
    const saved = await this.entries.save(Object.assign(new CalendarEntryRow(), { date: dto.date, kind: dto.kind, note: dto.note.trim(), createdBy: by.username, createdAt: this.clock.now() }));
    await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'calendar.put', targetType: 'calendar_entry', targetId: dto.date, detail: { kind: dto.kind, note: dto.note } });
    return toEntryView(saved);
  }

  async removeEntry(date: string, by: Principal): Promise<void> {
    const entry = await this.entries.findOneBy({ date });
    if (!entry) throw CampaignsException.notFound(CampaignsErrorCode.CalendarEntryNotFound, `calendar entry ${date}`);
    await this.entries.delete({ date });
    await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'calendar.remove', targetType: 'calendar_entry', targetId: date, detail: { kind: entry.kind, note: entry.note } });
  }
}

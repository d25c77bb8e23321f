import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CHANNELS, type Channel, type DoNotContactChannel, type DoNotContactView, type Page } from '@app/contracts';
import { AuditService, type BranchScope, branchCondition, branchWhere, Clock, EVERY_BRANCH, execute, maskPhone, type Principal, query, toDate, WriteGate } from '@app/core';
import { ContactEvent, Customer, parsePhone, ValueProblem } from '@app/customers';
import { CampaignsErrorCode, CampaignsException } from '../campaigns.exception';
import type { AddDoNotContactDto, DoNotContactQuery } from './do-not-contact.dto';
import { DoNotContactEntry } from './do-not-contact.entity';

/** The channels an entry closes. */
export function channelsClosedBy(channel: DoNotContactChannel): Channel[] {
  if (channel === 'all') return [...CHANNELS];
  if (channel === 'call') return ['ai_call', 'agent_call'];
  return [channel];
}

/** Who adds an entry: a signed-in user, or the system on a customer's behalf (an SMS reply, a spoken refusal). */
export type DncActor = Pick<Principal, 'username'> & { userId: string | null; role: Principal['role'] | null };

interface EntryRow {
  id: number;
  entry_customer_id: number | null;
  customer_id: number | null;
  customer_no: string | null;
  company_name: string | null;
  phone_customers: unknown;
  phone: string | null;
  customer_phone: string | null;
  channel: DoNotContactChannel;
  scope: DoNotContactView['scope'];
  reason: string;
  source: DoNotContactView['source'];
  until: unknown;
  created_by: string | null;
  created_at: unknown;
}

function toView(r: EntryRow): DoNotContactView {
  const phone = r.phone ?? r.customer_phone;
  const matchedByPhone = r.entry_customer_id === null && r.customer_id !== null;
  return {
    id: Number(r.id),
    customerId: r.customer_id === null ? null : Number(r.customer_id),
    customerNo: r.customer_no,
    companyName: r.company_name,
    matchedByPhone,
    moreCustomers: matchedByPhone ? Number(r.phone_customers) - 1 : 0,
    phoneMasked: phone ? maskPhone(phone) : null,
    channel: r.channel,
    scope: r.scope,
    reason: r.reason,
    source: r.source,
    until: toDate(r.until)?.toISOString() ?? null,
    createdBy: r.created_by,
    createdAt: (toDate(r.created_at) as Date).toISOString(),
  };
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One row per entry with the customer it belongs to: its own (`o`), or for a bare phone (an SMS
 * 退订) the customers with that number (`p`, within `phoneScope`): the first is shown, all are
 * counted. `where` filters entries and their own customer; `having` may test any of their customers.
 */
function matchedSql(where: string, having: string | null, phoneScope: string): string {
  return `SELECT d.id AS entry_id, d.created_at, MIN(COALESCE(o.id, p.id)) AS customer_id, COUNT(p.id) AS phone_customers
    FROM do_not_contact d
      LEFT JOIN customers o ON o.id = d.customer_id
      LEFT JOIN customers p ON d.customer_id IS NULL AND p.phone = d.phone AND ${phoneScope}
    WHERE ${where}
    GROUP BY d.id, d.created_at${having ? ` HAVING ${having}` : ''}`;
}

/** The entries of `matched` (a page of them, newest first) as rows for `toView`. */
function entriesSql(matched: string, paged: boolean): string {
  const page = paged ? ' ORDER BY d.created_at DESC, d.id DESC LIMIT :limit OFFSET :offset' : '';
  return `SELECT d.id, d.customer_id AS entry_customer_id, m.customer_id, c.customer_no, c.company_name, m.phone_customers, d.phone, c.phone AS customer_phone,
      d.channel, d.scope, d.reason, d.source, d.until, d.created_by, d.created_at
    FROM (${matched}${page}) m
      JOIN do_not_contact d ON d.id = m.entry_id
      LEFT JOIN customers c ON c.id = m.customer_id
    ORDER BY m.created_at DESC, m.entry_id DESC`;
}

/** A search by customer number (its start), company name (any part) or phone (its last four or more digits). */
function searchCondition(search: string): { sql: string; params: Record<string, string> } {
  const digits = search.replace(/\D/g, '');
  const byPhone = digits.length >= 4 ? ' OR d.phone LIKE :digits OR o.phone LIKE :digits' : '';
  const matches = `o.customer_no LIKE :customerNo ESCAPE '\\' OR p.customer_no LIKE :customerNo ESCAPE '\\' OR o.company_name LIKE :name ESCAPE '\\' OR p.company_name LIKE :name ESCAPE '\\'${byPhone}`;
  return {
    sql: `MAX(CASE WHEN ${matches} THEN 1 ELSE 0 END) = 1`,
    params: { customerNo: `${likeEscape(search.toUpperCase())}%`, name: `%${likeEscape(search)}%`, digits: `%${digits}` },
  };
}

/**
 * The do-not-contact list. An entry takes effect at once: in the same transaction, every planned
 * attempt it now forbids, in any campaign, is withdrawn (marketing on its channels; service
 * contact too when its scope is `all`). A user of one branch lists, adds and removes entries of
 * that branch's customers only; entries of a bare phone number are the center's.
 */
@Injectable()
export class DoNotContactService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly writes: WriteGate,
  ) {}

  async list(q: DoNotContactQuery, scope: BranchScope): Promise<Page<DoNotContactView>> {
    // a bare phone's entry has no customer of its own, so no branch: it stays out of a branch's list
    const own = branchCondition(scope, 'o.branch_code');
    const where: string[] = [own.sql];
    const params: Record<string, unknown> = { now: this.clock.now(), limit: q.pageSize, offset: q.offset, ...own.params };
    if (q.active) where.push('d.removed_at IS NULL AND (d.until IS NULL OR d.until > :now)');
    const search = q.search ? searchCondition(q.search) : null;
    if (search) Object.assign(params, search.params);
    const matched = matchedSql(where.join(' AND '), search?.sql ?? null, branchCondition(scope, 'p.branch_code').sql);
    const [{ n }] = await query<{ n: number }>(this.dataSource, `SELECT count(*) AS n FROM (${matched}) m`, params);
    const rows = await query<EntryRow>(this.dataSource, entriesSql(matched, true), params);
    return { items: rows.map(toView), total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  async add(dto: AddDoNotContactDto, by: DncActor, scope: BranchScope = EVERY_BRANCH): Promise<DoNotContactView & { withdrawn: number }> {
    const now = this.clock.now();
    if (dto.until && dto.until.getTime() <= now.getTime()) throw CampaignsException.invalid(CampaignsErrorCode.InvalidInput, [{ field: 'until', message: 'until must lie in the future' }]);
    return this.writes.run(() =>
      this.dataSource.transaction(async (em) => {
        const { customer, phone } = await this.resolve(em, dto, scope);
        const entry = await em.save(
          Object.assign(new DoNotContactEntry(), {
            customerId: customer?.id ?? null,
            phone,
            channel: dto.channel,
            scope: dto.scope,
            reason: dto.reason,
            source: by.role === 'agent' ? 'agent' : dto.source,
            until: dto.until ?? null,
            createdBy: by.username,
            createdAt: now,
            removedAt: null,
            removedBy: null,
          }),
        );
        const withdrawn = await this.withdraw(em, entry, customer?.id ?? null, phone ?? customer?.phone ?? null, now);
        if (customer) {
          await em.save(
            Object.assign(new ContactEvent(), {
              customerId: customer.id,
              at: now,
              channel: dto.channel,
              kind: 'do_not_contact',
              summary: `${dto.scope === 'all' ? '所有联系' : '营销联系'}已关闭（${dto.channel}）：${dto.reason}`,
              campaignId: null,
              attemptId: null,
              actorName: by.username,
              detail: { entryId: entry.id, withdrawn, until: dto.until?.toISOString() ?? null },
            }),
          );
        }
        await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'do_not_contact.add', targetType: 'do_not_contact', targetId: String(entry.id), detail: { customerNo: customer?.customerNo ?? null, channel: dto.channel, scope: dto.scope, withdrawn } }, em);
        const phoneScope = branchCondition(scope, 'p.branch_code');
        const [row] = await query<EntryRow>(em, entriesSql(matchedSql('d.id = :id', null, phoneScope.sql), false), { id: entry.id, ...phoneScope.params });
        return { ...toView(row), withdrawn };
      }),
    );
  }

  async remove(id: number, by: Principal, scope: BranchScope = EVERY_BRANCH): Promise<void> {
    const inScope = branchCondition(scope, 'c.branch_code');
    const ofBranch = scope.branchCode === null ? '' : ` AND customer_id IN (SELECT c.id FROM customers c WHERE ${inScope.sql})`;
    const affected = await execute(this.dataSource, `UPDATE do_not_contact SET removed_at = :now, removed_by = :by WHERE id = :id AND removed_at IS NULL${ofBranch}`, { id, now: this.clock.now(), by: by.username, ...inScope.params });
    if (!affected) throw CampaignsException.notFound(CampaignsErrorCode.EntryNotFound, `do-not-contact entry ${id}`);
    await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'do_not_contact.remove', targetType: 'do_not_contact', targetId: String(id) });
  }

  private async resolve(em: EntityManager, dto: AddDoNotContactDto, scope: BranchScope): Promise<{ customer: Customer | null; phone: string | null }> {
    let phone: string | null = null;
    if (dto.phone !== undefined) {
      const parsed = parsePhone(dto.phone);
      if (parsed instanceof ValueProblem) throw CampaignsException.invalid(CampaignsErrorCode.InvalidInput, [{ field: 'phone', message: parsed.message }]);
      phone = parsed;
    }
    if (dto.customerNo === undefined) return { customer: null, phone };
    const customer = await em.findOneBy(Customer, { customerNo: dto.customerNo, ...branchWhere(scope) });
    if (!customer) throw CampaignsException.invalid(CampaignsErrorCode.InvalidInput, [{ field: 'customerNo', message: `no customer with number ${dto.customerNo}` }]);
    return { customer, phone };
  }

  /**
   * Withdraws the planned attempts an entry now forbids, across all campaigns. Each says why in its
   * notes: its policy trace is the one it was planned on, when nothing forbade it yet.
   */
  private withdraw(em: EntityManager, entry: DoNotContactEntry, customerId: number | null, phone: string | null, now: Date): Promise<number> {
    return execute(
      em,
      `UPDATE contact_attempts SET state = 'cancelled', reason = 'do_not_contact', detail = COALESCE(detail || :newline, '') || :why, updated_at = :now
        WHERE state = 'planned' AND channel IN (:...channels)${entry.scope === 'all' ? '' : " AND purpose = 'marketing'"}
          AND customer_id IN (SELECT c.id FROM customers c WHERE c.id = :customerId OR c.phone = :phone)`,
      { now, channels: channelsClosedBy(entry.channel), customerId: customerId ?? -1, phone: phone ?? '', newline: '\n', why: `已撤销：客户已列入免打扰名单（${entry.reason}）` },
    );
  }
}

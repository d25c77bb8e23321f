import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { CustomerDetail, CustomerSummary, Page, Role } from '@app/contracts';
import { AuditService, type BranchScope, branchCondition, branchScopeOf, branchWhere, type Principal } from '@app/core';
import { CustomersErrorCode, CustomersException } from '../customers.exception';
import { ContactEvent } from '../timeline/contact-event.entity';
import { CustomerListQuery, toDetail, toSummary } from './customer.dto';
import { Customer } from './customer.entity';

/** Roles that may see a customer's full phone number (each view is audited); agents never do. */
export const CONTACT_REVEAL_ROLES: readonly Role[] = ['admin', 'supervisor', 'campaign_manager'];
const TIMELINE_LIMIT = 200;

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => '\\' + ch);
}

@Injectable()
export class CustomersService {
  constructor(
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    @InjectRepository(ContactEvent) private readonly events: Repository<ContactEvent>,
    private readonly audit: AuditService,
  ) {}

  /** Only the customers of the viewer's branch (issue 10); a `branchCode` filter naming another branch matches none. */
  async list(query: CustomerListQuery, scope: BranchScope): Promise<Page<CustomerSummary>> {
    const qb = this.customers.createQueryBuilder('c');
    const inScope = branchCondition(scope, 'c.branch_code');
    qb.where(inScope.sql, inScope.params);
    if (query.search) {
      qb.andWhere("(c.customer_no LIKE :prefix ESCAPE '\\' OR c.company_name LIKE :contains ESCAPE '\\')", {
        prefix: likeEscape(query.search.trim()) + '%',
        contains: '%' + likeEscape(query.search.trim()) + '%',
      });
    }
    if (query.name) qb.andWhere("c.company_name LIKE :name ESCAPE '\\'", { name: '%' + likeEscape(query.name.trim()) + '%' });
    if (query.customerNo) qb.andWhere('c.customer_no = :customerNo', { customerNo: query.customerNo.trim() });
    if (query.branchCode) qb.andWhere('c.branch_code = :branchCode', { branchCode: query.branchCode });
    if (query.tier !== undefined) qb.andWhere('c.tier = :tier', { tier: query.tier });
    const [items, total] = await qb.orderBy('c.customer_no', 'ASC').skip(query.offset).take(query.pageSize).getManyAndCount();
    return { items: items.map(toSummary), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: number, viewer: Principal): Promise<CustomerDetail> {
    const customer = await this.find(id, viewer);
    const timeline = await this.events.find({ where: { customerId: id }, order: { at: 'DESC', id: 'DESC' }, take: TIMELINE_LIMIT });
    return toDetail(customer, timeline, CONTACT_REVEAL_ROLES.includes(viewer.role));
  }

  /** The full phone number, for roles allowed to see it; every view is written to the audit log. */
  async revealContact(id: number, viewer: Principal, address?: string): Promise<{ phone: string }> {
    if (!CONTACT_REVEAL_ROLES.includes(viewer.role)) {
      throw new CustomersException(CustomersErrorCode.ContactRevealNotAllowed, `role ${viewer.role} may not see full contact data`);
    }
    const customer = await this.find(id, viewer);
    await this.audit.record({ actorId: viewer.userId, actorName: viewer.username, action: 'customer.contact.view', targetType: 'customer', targetId: String(customer.id), address, detail: { customerNo: customer.customerNo, fields: ['phone'] } });
    return { phone: customer.phone };
  }

  /** Out of the viewer's branch reads as not found: whether the customer exists is not told. */
  private async find(id: number, viewer: Principal): Promise<Customer> {
    const customer = await this.customers.findOneBy({ id, ...branchWhere(branchScopeOf(viewer)) });
    if (!customer) throw new CustomersException(CustomersErrorCode.CustomerNotFound, `customer ${id} not found`);
    return customer;
  }
}

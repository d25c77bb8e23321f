import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page, SegmentMemberView } from '@app/contracts';
import { AppConfig, AuditService, type BranchScope, branchCondition, branchScopeOf, CSV_BOM, csvLine, localDateTime, maskPhone, type Principal, query, toDate } from '@app/core';
import type { MembersQuery } from '../segments/segment.dto';
import { SegmentsService } from '../segments/segments.service';

interface MemberRow {
  id: number;
  customer_id: number;
  customer_no: string;
  company_name: string;
  branch_code: string;
  tier: number;
  phone: string;
  entered_at: unknown;
  exited_at: unknown;
  version: number;
}

const COLUMNS = 'm.id, m.customer_id, c.customer_no, c.company_name, c.branch_code, c.tier, c.phone, m.entered_at, m.exited_at, m.version';
const EXPORT_BATCH = 5000;

function toMember(r: MemberRow): SegmentMemberView {
  return {
    customerId: Number(r.customer_id),
    customerNo: r.customer_no,
    companyName: r.company_name,
    branchCode: r.branch_code,
    tier: Number(r.tier),
    phoneMasked: maskPhone(r.phone),
    enteredAt: (toDate(r.entered_at) as Date).toISOString(),
    exitedAt: toDate(r.exited_at)?.toISOString() ?? null,
    version: Number(r.version),
  };
}

/**
 * A segment's members as a page or as a CSV export (phones masked; the export is audited), each
 * only those of the viewer's branch: the segment itself is the center's, its members are not.
 */
@Injectable()
export class SegmentMembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly segments: SegmentsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async page(segmentId: string, q: MembersQuery, scope: BranchScope): Promise<Page<SegmentMemberView>> {
    await this.segments.find(segmentId);
    const filter = { current: 'AND m.exited_at IS NULL', exited: 'AND m.exited_at IS NOT NULL', all: '' }[q.status];
    // current members walk the open-membership index in customer order; history shows the latest first
    const order = q.status === 'current' ? 'm.customer_id' : 'm.id DESC';
    const inScope = branchCondition(scope, 'c.branch_code');
    const params = { segmentId, limit: q.pageSize, offset: q.offset, ...inScope.params };
    // the count needs the customer only to know its branch
    const counting = scope.branchCode === null ? 'segment_memberships m' : 'segment_memberships m JOIN customers c ON c.id = m.customer_id';
    const [rows, [counted]] = await Promise.all([
      query<MemberRow>(this.dataSource, `SELECT ${COLUMNS} FROM segment_memberships m JOIN customers c ON c.id = m.customer_id WHERE m.segment_id = :segmentId ${filter} AND ${inScope.sql} ORDER BY ${order} LIMIT :limit OFFSET :offset`, params),
      query<{ n: number }>(this.dataSource, `SELECT count(*) AS n FROM ${counting} WHERE m.segment_id = :segmentId ${filter} AND ${inScope.sql}`, { segmentId, ...inScope.params }),
    ]);
    return { items: rows.map(toMember), total: Number(counted.n), page: q.page, pageSize: q.pageSize };
  }

  /** The current members, streamed in keyset batches so a large segment never sits in memory. */
  async *csv(segmentId: string, by: Principal): AsyncGenerator<string> {
    const segment = await this.segments.find(segmentId);
    const scope = branchScopeOf(by);
    const inScope = branchCondition(scope, 'c.branch_code');
    await this.audit.record({ actorId: by.userId, actorName: by.username, action: 'segment.members.export', targetType: 'segment', targetId: segmentId, detail: { name: segment.name, members: segment.members, branchCode: scope.branchCode } });
    const zone = this.config.DEFAULT_TIME_ZONE;
    yield CSV_BOM + csvLine(['客户号 customer_no', '企业名称 company_name', '网点 branch', '星级 tier', '联系电话 phone', `入群时间 entered_at (${zone})`, '规则版本 version']);
    for (let after = 0; ; ) {
      const rows = await query<MemberRow>(
        this.dataSource,
        `SELECT ${COLUMNS} FROM segment_memberships m JOIN customers c ON c.id = m.customer_id
         WHERE m.segment_id = :segmentId AND m.exited_at IS NULL AND m.customer_id > :after AND ${inScope.sql} ORDER BY m.customer_id LIMIT ${EXPORT_BATCH}`,
        { segmentId, after, ...inScope.params },
      );
      if (!rows.length) return;
      yield rows.map((r) => csvLine([r.customer_no, r.company_name, r.branch_code, Number(r.tier), maskPhone(r.phone), localDateTime(toDate(r.entered_at) as Date, zone), Number(r.version)])).join('');
      after = Number(rows[rows.length - 1].customer_id);
    }
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Channel } from '@app/contracts';
import { AuditService, branchScopeOf, CSV_BOM, csvLine, type Principal, query } from '@app/core';
import { CampaignsService } from '../campaigns/campaigns.service';
import { percentCell } from './results-math';
import { funnelSql, type FunnelRow } from './results-sql';

const CHANNEL_ZH: Record<Channel, string> = { sms: '短信', ai_call: '智能外呼', agent_call: '人工外呼' };
const ALL_BRANCHES = '全部网点';

/** Columns as a campaign manager reads them in Excel; counts are customers, not attempts. */
const HEADER = [
  '网点',
  '步骤',
  '渠道',
  '计划联系客户数',
  '已发送',
  '已触达（接通/送达）',
  '触达后转化',
  '触达率',
  '触达转化率',
  '待发送',
  '已跳过（策略拦截）',
  '对照组客户数',
  '对照组已转化',
  '对照组转化率',
];

function line(branch: string, r: FunnelRow): string {
  const [targeted, sent, reached, converted, holdout, holdoutConverted] = [r.targeted, r.sent, r.reached, r.converted, r.holdout, r.holdout_converted].map(Number);
  const first = Number(r.step_no) === 1; // the control group is drawn on the first step
  return csvLine([
    branch,
    `第${Number(r.step_no)}步`,
    CHANNEL_ZH[r.channel as Channel] ?? r.channel,
    targeted,
    sent,
    reached,
    converted,
    percentCell(reached, targeted),
    percentCell(converted, reached),
    Number(r.pending),
    Number(r.skipped),
    first ? holdout : '',
    first ? holdoutConverted : '',
    first ? percentCell(holdoutConverted, holdout) : '',
  ]);
}

export interface ResultsCsv {
  filename: string;
  body: string;
}

/**
 * A campaign's results as a CSV for Excel (UTF-8 with a BOM, Chinese columns): each step of each
 * branch, then each step over every branch the viewer sees; two grouped queries, a row per group.
 * A user of one branch gets only that branch; every export is audited.
 */
@Injectable()
export class CampaignResultsExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly audit: AuditService,
  ) {}

  async csv(id: string, by: Principal, address: string): Promise<ResultsCsv> {
    const campaign = await this.campaigns.find(id);
    const scope = branchScopeOf(by);
    const byBranch = funnelSql(scope, true);
    const total = funnelSql(scope, false);
    const params = { id, segmentId: campaign.segmentId, ...byBranch.params };
    const [branchRows, totalRows] = await Promise.all([query<FunnelRow>(this.dataSource, byBranch.sql, params), query<FunnelRow>(this.dataSource, total.sql, params)]);
    await this.audit.record({
      actorId: by.userId,
      actorName: by.username,
      action: 'campaign.results.export',
      targetType: 'campaign',
      targetId: id,
      address,
      detail: { name: campaign.name, branchCode: scope.branchCode, rows: branchRows.length + totalRows.length },
    });
    const totals = scope.branchCode ?? ALL_BRANCHES;
    const body = CSV_BOM + csvLine(HEADER) + branchRows.map((r) => line(r.branch_code ?? '', r)).join('') + totalRows.map((r) => line(totals, r)).join('');
    return { filename: `${campaign.name}-结果.csv`, body };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CallEndings, type Channel, CONVERSATION_OUTCOME_ZH, DISPOSITION_ZH } from '@app/contracts';
import { AuditService, branchScopeOf, CSV_BOM, csvLine, type Principal, query } from '@app/core';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ENDING_ORDER, endingCells, type EndingColumn, endingColumns, endingsByRow, percentCell } from './results-math';
import { endingsSql, type EndingRow, funnelSql, type FunnelRow } from './results-sql';

const CHANNEL_ZH: Record<Channel, string> = { sms: '短信', ai_call: '智能外呼', agent_call: '人工外呼' };
/** The agent callbacks promised after an AI step's calls were handed over: agent calls, on a row of their own. */
const AGENT_CALLBACKS_ZH = '人工回电（转人工后）';
const ALL_BRANCHES = '全部网点';

/**
 * Columns as a campaign manager reads them in Excel; counts are customers, not attempts. How the
 * answered calls ended comes before the control group, a column for each ending counted (see
 * endingHeader); an SMS campaign has none.
 */
const FUNNEL_HEADER = [
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
];
const HOLDOUT_HEADER = ['对照组客户数', '对照组已转化', '对照组转化率'];

/** 智能外呼结果：已转人工 (the AI's outcome), 坐席处理：预约回电 (what an agent recorded: on an AI step, for the calls put through). */
function endingHeader(column: EndingColumn): string {
  if (column.kind === 'open') return '已接通未记录结果';
  return column.kind === 'ai' ? `智能外呼结果：${CONVERSATION_OUTCOME_ZH[column.code]}` : `坐席处理：${DISPOSITION_ZH[column.code]}`;
}

function line(branch: string, r: FunnelRow, endings: Array<number | ''>): string {
  const [targeted, sent, reached, converted, holdout, holdoutConverted] = [r.targeted, r.sent, r.reached, r.converted, r.holdout, r.holdout_converted].map(Number);
  const callbacks = Number(r.agent_callbacks) === 1;
  const first = Number(r.step_no) === 1 && !callbacks; // the control group is drawn on the first step
  return csvLine([
    branch,
    `第${Number(r.step_no)}步`,
    callbacks ? AGENT_CALLBACKS_ZH : (CHANNEL_ZH[r.channel as Channel] ?? r.channel),
    targeted,
    sent,
    reached,
    converted,
    percentCell(reached, targeted),
    percentCell(converted, reached),
    Number(r.pending),
    Number(r.skipped),
    ...endings,
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
 * branch, then each step over every branch the viewer sees; grouped queries (the funnel and how
 * the answered calls ended, by branch and over all), a row per group. A user of one branch gets
 * only that branch; every export is audited.
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
    const [branchRows, totalRows, branchEndings, totalEndings] = await Promise.all([
      query<FunnelRow>(this.dataSource, byBranch.sql, params),
      query<FunnelRow>(this.dataSource, total.sql, params),
      query<EndingRow>(this.dataSource, endingsSql(scope, true).sql, params),
      query<EndingRow>(this.dataSource, endingsSql(scope, false).sql, params),
    ]);
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
    const [ofBranch, ofTotal] = [endingsByRow(branchEndings), endingsByRow(totalEndings)];
    // the columns every branch's counts fit in: those the totals count
    const columns = endingColumns(totalRows.map(ofTotal), ENDING_ORDER);
    const cells = (r: FunnelRow, of: (f: FunnelRow) => CallEndings) => endingCells(columns, r.channel as Channel, of(r));
    const header = [...FUNNEL_HEADER, ...columns.map(endingHeader), ...HOLDOUT_HEADER];
    const body =
      CSV_BOM + csvLine(header) + branchRows.map((r) => line(r.branch_code ?? '', r, cells(r, ofBranch))).join('') + totalRows.map((r) => line(totals, r, cells(r, ofTotal))).join('');
    return { filename: `${campaign.name}-结果.csv`, body };
  }
}

import { Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useLang, useT } from '../../i18n';
import type { BranchStats } from '@app/contracts';
import { formatCount, formatPtsNumber, formatRate, rateOf, upliftOf } from './resultsFormat';

const conversionOf = (b: BranchStats) => rateOf(b.converted, b.treated);
const holdoutRateOf = (b: BranchStats) => rateOf(b.holdoutConverted, b.holdout);
const upliftOfBranch = (b: BranchStats) => upliftOf({ customers: b.treated, converted: b.converted }, { customers: b.holdout, converted: b.holdoutConverted });
/** Sorts numbers with the no-value rows (—) always last. */
const byNullable = (pick: (b: BranchStats) => number | null) => (a: BranchStats, b: BranchStats) => (pick(a) ?? -Infinity) - (pick(b) ?? -Infinity);

/** Each branch: its customers, how many were reached and converted, against its own control group; every column sorts. */
export function BranchResultsTable({ branches }: { branches: BranchStats[] }) {
  const t = useT();
  const { lang } = useLang();
  const columns = useMemo<TableColumnsType<BranchStats>>(() => {
    const count = (v: number) => <span className="num">{formatCount(v, lang)}</span>;
    return [
      { title: t('customers.col.branch'), dataIndex: 'branchCode', width: 96, sorter: (a, b) => a.branchCode.localeCompare(b.branchCode), defaultSortOrder: 'ascend' },
      { title: t('campaigns.stats.members'), dataIndex: 'members', width: 84, align: 'right', sorter: (a, b) => a.members - b.members, render: count },
      { title: t('campaigns.stats.treated'), dataIndex: 'treated', width: 84, align: 'right', sorter: (a, b) => a.treated - b.treated, render: count },
      { title: t('campaigns.results.col.reached'), dataIndex: 'reached', width: 84, align: 'right', sorter: (a, b) => a.reached - b.reached, render: count },
      { title: t('campaigns.stats.converted'), dataIndex: 'converted', width: 84, align: 'right', sorter: (a, b) => a.converted - b.converted, render: count },
      {
        title: <Tooltip title={t('campaigns.results.col.rateHint')}>{t('campaigns.stats.rate')}</Tooltip>,
        key: 'rate',
        width: 84,
        align: 'right',
        sorter: byNullable(conversionOf),
        render: (_: unknown, b) => <Typography.Text strong className="num">{formatRate(conversionOf(b))}</Typography.Text>,
      },
      { title: t('campaigns.stats.holdoutGroup'), dataIndex: 'holdout', width: 84, align: 'right', sorter: (a, b) => a.holdout - b.holdout, render: count },
      { title: t('campaigns.results.col.holdoutRate'), key: 'holdoutRate', width: 100, align: 'right', sorter: byNullable(holdoutRateOf), render: (_: unknown, b) => <span className="num">{formatRate(holdoutRateOf(b))}</span> },
      {
        title: t('campaigns.results.col.uplift'),
        key: 'uplift',
        width: 120,
        align: 'right',
        sorter: byNullable(upliftOfBranch),
        render: (_: unknown, b) => {
          const pts = upliftOfBranch(b);
          return <Typography.Text className="num" type={pts === null || Math.abs(pts) < 0.05 ? 'secondary' : pts > 0 ? 'success' : 'danger'}>{formatPtsNumber(pts)}</Typography.Text>;
        },
      },
    ];
  }, [t, lang]);
  return (
    <div data-testid="results-branches">
    <Table<BranchStats>
      rowKey="branchCode"
      size="small"
      columns={columns}
      dataSource={branches}
      showSorterTooltip={false}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
      locale={{ emptyText: t('campaigns.stats.empty') }}
    />
    </div>
  );
}

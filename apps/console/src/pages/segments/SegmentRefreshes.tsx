import { Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Duration } from '../../components/Duration';
import { QueryTable } from '../../components/QueryTable';
import { StatusTag } from '../../components/StatusTag';
import { formatDate, formatInstant, formatNumber } from '../../format';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useT } from '../../i18n';
import type { SegmentRefreshView } from '../../types';

/** +12 in green for who entered, -3 in red for who left, a plain 0 for neither. */
function change(value: number, sign: '+' | '-') {
  return (
    <Typography.Text className="num" type={value ? (sign === '+' ? 'success' : 'danger') : undefined}>
      {value ? `${sign}${formatNumber(value)}` : '0'}
    </Typography.Text>
  );
}

/** GET /segments/:id/refreshes: each refresh with its counts, newest first. */
export function SegmentRefreshes({ segmentId, refreshKey }: { segmentId: string; refreshKey: number }) {
  const t = useT();
  const refreshes = usePagedQuery<SegmentRefreshView>(`/segments/${encodeURIComponent(segmentId)}/refreshes`, { refreshKey });

  const columns = useMemo<TableColumnsType<SegmentRefreshView>>(
    () => [
      { title: t('segments.refreshes.col.startedAt'), dataIndex: 'startedAt', width: 140, render: (v: string) => <span className="num">{formatInstant(v)}</span> },
      { title: t('segments.jobs.col.trigger'), dataIndex: 'trigger', width: 96, render: (v: string) => <Tag>{t.maybe(`segments.trigger.${v}`, v)}</Tag> },
      { title: t('segments.jobs.col.status'), dataIndex: 'status', width: 80, render: (v: string, r) => <StatusTag status={v} label={t.maybe(`segments.refreshStatus.${v}`, v)} error={r.error} /> },
      { title: t('segments.col.version'), dataIndex: 'version', width: 72, render: (v: number) => <span className="num">{t('segments.versionShort', { n: v })}</span> },
      { title: t('segments.refreshes.col.members'), dataIndex: 'members', width: 88, align: 'right', render: (v: number) => <span className="num">{formatNumber(v)}</span> },
      { title: t('segments.jobs.col.entered'), dataIndex: 'entered', width: 80, align: 'right', render: (v: number) => change(v, '+') },
      { title: t('segments.jobs.col.exited'), dataIndex: 'exited', width: 80, align: 'right', render: (v: number) => change(v, '-') },
      { title: t('segments.jobs.col.duration'), dataIndex: 'ms', width: 88, align: 'right', render: (v: number) => <Duration ms={v} /> },
      { title: t('segments.refreshes.col.asOf'), dataIndex: 'asOf', width: 104, render: (v: string) => <span className="num">{formatDate(v)}</span> },
      { title: t('segments.refreshes.col.by'), dataIndex: 'createdBy', render: (v: string | null) => (v ? t.maybe(`segments.by.${v}`, v) : '—') },
    ],
    [t],
  );

  return (
    <QueryTable<SegmentRefreshView>
      query={refreshes}
      rows={refreshes.data?.items}
      pagination={refreshes.pagination}
      columns={columns}
      scroll={{ x: 960 }}
      empty={t('segments.refreshes.empty')}
    />
  );
}

import { Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { tableEmpty } from '../../components/TableEmpty';
import { formatDate, formatDuration, formatInstant, formatNumber } from '../../format';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useLang, useT } from '../../i18n';
import type { SegmentRefreshView } from '../../types';

/** GET /segments/:id/refreshes: each refresh with its counts, newest first. */
export function SegmentRefreshes({ segmentId, refreshKey }: { segmentId: string; refreshKey: number }) {
  const t = useT();
  const { lang } = useLang();
  const { data, error, loading, reload, pagination } = usePagedQuery<SegmentRefreshView>(`/segments/${encodeURIComponent(segmentId)}/refreshes`, { refreshKey });

  const columns = useMemo<TableColumnsType<SegmentRefreshView>>(
    () => [
      { title: t('segments.refreshes.col.startedAt'), dataIndex: 'startedAt', width: 140, render: (v: string) => <span className="num">{formatInstant(v)}</span> },
      { title: t('segments.jobs.col.trigger'), dataIndex: 'trigger', width: 96, render: (v: string) => <Tag>{t.maybe(`segments.trigger.${v}`, v)}</Tag> },
      {
        title: t('segments.jobs.col.status'),
        dataIndex: 'status',
        width: 80,
        render: (v: string, r) => {
          const tag = <Tag color={v === 'succeeded' ? 'success' : 'error'}>{t.maybe(`segments.refreshStatus.${v}`, v)}</Tag>;
          return r.error ? <Tooltip title={r.error}>{tag}</Tooltip> : tag;
        },
      },
      { title: t('segments.col.version'), dataIndex: 'version', width: 72, render: (v: number) => <span className="num">{t('segments.versionShort', { n: v })}</span> },
      { title: t('segments.refreshes.col.members'), dataIndex: 'members', width: 88, align: 'right', render: (v: number) => <span className="num">{formatNumber(v)}</span> },
      {
        title: t('segments.jobs.col.entered'),
        dataIndex: 'entered',
        width: 80,
        align: 'right',
        render: (v: number) => (
          <Typography.Text className="num" type={v ? 'success' : undefined}>
            {v ? `+${formatNumber(v)}` : '0'}
          </Typography.Text>
        ),
      },
      {
        title: t('segments.jobs.col.exited'),
        dataIndex: 'exited',
        width: 80,
        align: 'right',
        render: (v: number) => (
          <Typography.Text className="num" type={v ? 'danger' : undefined}>
            {v ? `-${formatNumber(v)}` : '0'}
          </Typography.Text>
        ),
      },
      { title: t('segments.jobs.col.duration'), dataIndex: 'ms', width: 88, align: 'right', render: (v: number) => <span className="num">{formatDuration(v, lang)}</span> },
      { title: t('segments.refreshes.col.asOf'), dataIndex: 'asOf', width: 104, render: (v: string) => <span className="num">{formatDate(v)}</span> },
      { title: t('segments.refreshes.col.by'), dataIndex: 'createdBy', render: (v: string | null) => (v ? t.maybe(`segments.by.${v}`, v) : '—') },
    ],
    [t, lang],
  );

  return (
    <>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <Table<SegmentRefreshView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={error ? [] : data?.items}
        loading={loading}
        tableLayout="fixed"
        scroll={{ x: 960 }}
        locale={{ emptyText: tableEmpty(loading, error, t('segments.refreshes.empty')) }}
        pagination={pagination}
      />
    </>
  );
}

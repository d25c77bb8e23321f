import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDuration, formatInstant, formatNumber } from '../../format';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useLang, useT, type Translate } from '../../i18n';
import type { ImportRun } from '../../types';
import { DownloadRejections } from './DownloadRejections';
import { tableEmpty } from '../../components/TableEmpty';

const STATUS_COLORS: Record<string, string> = { succeeded: 'success', failed: 'error', running: 'processing' };
const SOURCE_COLORS: Record<string, string> = { upload: 'blue', cli: 'purple', nightly: 'cyan', demo: 'default' };

function statusTag(run: ImportRun, t: Translate) {
  const tag = <Tag color={STATUS_COLORS[run.status] ?? 'default'}>{t.maybe(`imports.status.${run.status}`, run.status)}</Tag>;
  return run.error ? <Tooltip title={run.error}>{tag}</Tooltip> : tag;
}

function count(value: number, danger = false) {
  return (
    <Typography.Text className="num" type={danger && value > 0 ? 'danger' : undefined}>
      {formatNumber(value)}
    </Typography.Text>
  );
}

/** GET /api/imports, newest first; `refreshKey` changes after each upload. */
export function ImportHistory({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  const { lang } = useLang();
  // a run still in progress (e.g. the nightly batch) is looked at again every few seconds until it ends
  const { data, error, loading, reload, pagination } = usePagedQuery<ImportRun>('/imports', { refreshKey, pollWhile: (run) => run.status === 'running' });

  const columns = useMemo<TableColumnsType<ImportRun>>(
    () => [
      { title: t('imports.col.file'), dataIndex: 'fileName', ellipsis: { showTitle: true }, render: (v: string | null) => v || '—' },
      { title: t('imports.col.source'), dataIndex: 'source', width: 96, render: (v: string) => <Tag color={SOURCE_COLORS[v] ?? 'default'}>{t.maybe(`imports.source.${v}`, v)}</Tag> },
      { title: t('imports.col.asOf'), dataIndex: 'asOf', width: 104, render: (v: string | null) => <span className="num">{formatDate(v)}</span> },
      { title: t('imports.col.status'), dataIndex: 'status', width: 84, render: (_: string, run) => statusTag(run, t) },
      { title: t('imports.imported'), dataIndex: 'imported', width: 80, align: 'right', render: (v: number) => count(v) },
      { title: t('imports.updated'), dataIndex: 'updated', width: 80, align: 'right', render: (v: number) => count(v) },
      { title: t('imports.unchanged'), dataIndex: 'unchanged', width: 80, align: 'right', render: (v: number) => count(v) },
      { title: t('imports.rejected'), dataIndex: 'rejected', width: 80, align: 'right', render: (v: number) => count(v, true) },
      { title: t('imports.duration'), dataIndex: 'durationMs', width: 80, align: 'right', render: (v: number | null) => <span className="num">{formatDuration(v, lang)}</span> },
      { title: t('imports.col.startedAt'), dataIndex: 'startedAt', width: 140, render: (v: string) => <span className="num">{formatInstant(v)}</span> },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 110,
        render: (_: unknown, run) => (run.rejected > 0 ? <DownloadRejections runId={run.id} label={t('imports.downloadShort')} type="link" size="small" style={{ padding: 0 }} /> : null),
      },
    ],
    [t, lang],
  );

  return (
    <Card
      size="small"
      title={t('imports.history')}
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={reload}>
          {t('common.refresh')}
        </Button>
      }
    >
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <Table<ImportRun>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={error ? [] : data?.items}
        loading={loading}
        tableLayout="fixed"
        scroll={{ x: 1080 }}
        locale={{ emptyText: tableEmpty(loading, error, t('imports.historyEmpty')) }}
        pagination={pagination}
      />
    </Card>
  );
}

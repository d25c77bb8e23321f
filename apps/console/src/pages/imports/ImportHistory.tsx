import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Count } from '../../components/Count';
import { Duration } from '../../components/Duration';
import { QueryTable } from '../../components/QueryTable';
import { StatusTag } from '../../components/StatusTag';
import { EMPTY, formatDate, formatInstant } from '../../format';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useT } from '../../i18n';
import type { ImportRun } from '../../types';
import { DownloadRejections } from './DownloadRejections';

const SOURCE_COLORS: Record<string, string> = { upload: 'blue', cli: 'purple', nightly: 'cyan', demo: 'default' };

/** The whole file name, wrapped (anywhere: names seldom have spaces); past three lines cut, with the full name on hover. */
function FileName({ name }: { name: string | null }) {
  if (!name) return <>—</>;
  return (
    <Typography.Paragraph ellipsis={{ rows: 3, tooltip: name }} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="import-file-name">
      {name}
    </Typography.Paragraph>
  );
}

/** GET /api/imports, newest first; `refreshKey` changes after each upload. */
export function ImportHistory({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  // a run still in progress (e.g. the nightly batch) is looked at again every few seconds until it ends
  const runs = usePagedQuery<ImportRun>('/imports', { refreshKey, pollWhile: (run) => run.status === 'running' });

  const columns = useMemo<TableColumnsType<ImportRun>>(
    () => [
      { title: t('imports.col.file'), dataIndex: 'fileName', render: (v: string | null) => <FileName name={v || null} /> },
      { title: t('imports.col.source'), dataIndex: 'source', width: 96, render: (v: string) => <Tag color={SOURCE_COLORS[v] ?? 'default'}>{t.maybe(`imports.source.${v}`, v)}</Tag> },
      { title: t('imports.col.asOf'), dataIndex: 'asOf', width: 100, render: (v: string | null) => <span className="num">{formatDate(v)}</span> },
      { title: t('imports.col.status'), dataIndex: 'status', width: 84, render: (v: string, run) => <StatusTag status={v} label={t.maybe(`imports.status.${v}`, v)} error={run.error} /> },
      { title: t('imports.imported'), dataIndex: 'imported', width: 80, align: 'right', render: (v: number) => <Count value={v} /> },
      { title: t('imports.updated'), dataIndex: 'updated', width: 80, align: 'right', render: (v: number) => <Count value={v} /> },
      { title: t('imports.unchanged'), dataIndex: 'unchanged', width: 80, align: 'right', render: (v: number) => <Count value={v} /> },
      { title: t('imports.rejected'), dataIndex: 'rejected', width: 80, align: 'right', render: (v: number) => <Count value={v} danger /> },
      { title: t('imports.duration'), dataIndex: 'durationMs', width: 80, align: 'right', render: (v: number | null) => <Duration ms={v} /> },
      { title: t('imports.col.startedAt'), dataIndex: 'startedAt', width: 140, render: (v: string) => <span className="num">{formatInstant(v)}</span> },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 96,
        render: (_: unknown, run) => (run.rejected > 0 ? <DownloadRejections runId={run.id} label={t('imports.downloadShort')} type="link" size="small" style={{ padding: 0 }} /> : <Typography.Text type="secondary">{EMPTY}</Typography.Text>),
      },
    ],
    [t],
  );

  return (
    <Card
      size="small"
      title={t('imports.history')}
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={runs.reload}>
          {t('common.refresh')}
        </Button>
      }
    >
      <QueryTable<ImportRun>
        query={runs}
        rows={runs.data?.items}
        pagination={runs.pagination}
        columns={columns}
        scroll={{ x: 1080 }}
        empty={t('imports.historyEmpty')}
      />
    </Card>
  );
}

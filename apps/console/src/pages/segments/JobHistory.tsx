import { ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Popover, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { tableEmpty } from '../../components/TableEmpty';
import { formatDuration, formatInstant, formatNumber } from '../../format';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useLang, useT } from '../../i18n';
import type { SegmentJobRunView } from '../../types';

export const JOB_STATUS_COLORS: Record<string, string> = { succeeded: 'success', partial: 'warning', failed: 'error', running: 'processing', skipped: 'default' };

function num(value: number, type?: 'success' | 'danger') {
  return (
    <Typography.Text className="num" type={value > 0 ? type : undefined}>
      {formatNumber(value)}
    </Typography.Text>
  );
}

/** GET /segments/refresh-jobs: the nightly (and 全部刷新) runs, newest first; `refreshKey` changes after a run. */
export function JobHistory({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  const { lang } = useLang();
  const { data, error, loading, reload, pagination } = usePagedQuery<SegmentJobRunView>('/segments/refresh-jobs', { refreshKey, pollWhile: (run) => run.status === 'running' });

  const columns = useMemo<TableColumnsType<SegmentJobRunView>>(
    () => [
      { title: t('segments.jobs.col.startedAt'), dataIndex: 'startedAt', width: 140, render: (v: string) => <span className="num">{formatInstant(v)}</span> },
      { title: t('segments.jobs.col.trigger'), dataIndex: 'trigger', width: 96, render: (v: string) => <Tag>{t.maybe(`segments.trigger.${v}`, v)}</Tag> },
      { title: t('segments.jobs.col.status'), dataIndex: 'status', width: 96, render: (v: string) => <Tag color={JOB_STATUS_COLORS[v] ?? 'default'}>{t.maybe(`segments.jobStatus.${v}`, v)}</Tag> },
      { title: t('segments.jobs.col.segments'), dataIndex: 'segments', width: 80, align: 'right', render: (v: number) => num(v) },
      { title: t('segments.jobs.col.succeeded'), dataIndex: 'succeeded', width: 72, align: 'right', render: (v: number) => num(v) },
      { title: t('segments.jobs.col.failed'), dataIndex: 'failed', width: 72, align: 'right', render: (v: number) => num(v, 'danger') },
      { title: t('segments.jobs.col.entered'), dataIndex: 'entered', width: 88, align: 'right', render: (v: number) => num(v) },
      { title: t('segments.jobs.col.exited'), dataIndex: 'exited', width: 88, align: 'right', render: (v: number) => num(v) },
      { title: t('segments.jobs.col.duration'), dataIndex: 'ms', width: 88, align: 'right', render: (v: number | null) => <span className="num">{formatDuration(v, lang)}</span> },
      {
        title: t('segments.jobs.col.failures'),
        dataIndex: 'failures',
        render: (failures: SegmentJobRunView['failures']) =>
          failures.length ? (
            <Popover
              title={t('segments.jobs.col.failures')}
              content={
                <Flex vertical gap={6} style={{ maxWidth: 480 }}>
                  {failures.map((f) => (
                    <div key={f.segmentId}>
                      <Link to={`/segments/${f.segmentId}`}>{f.name}</Link>
                      <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
                        {f.error}
                      </Typography.Text>
                    </div>
                  ))}
                </Flex>
              }
            >
              <Typography.Link type="danger">{failures.map((f) => f.name).join('、')}</Typography.Link>
            </Popover>
          ) : (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          ),
      },
    ],
    [t, lang],
  );

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
        <Button size="small" icon={<ReloadOutlined />} onClick={reload}>
          {t('common.refresh')}
        </Button>
      </Flex>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <Table<SegmentJobRunView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={error ? [] : data?.items}
        loading={loading}
        tableLayout="fixed"
        scroll={{ x: 1000 }}
        locale={{ emptyText: tableEmpty(loading, error, t('segments.jobs.empty')) }}
        pagination={pagination}
      />
    </>
  );
}

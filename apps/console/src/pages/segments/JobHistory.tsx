import { ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Popover, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Count } from '../../components/Count';
import { Duration } from '../../components/Duration';
import { QueryTable } from '../../components/QueryTable';
import { StatusTag } from '../../components/StatusTag';
import { formatInstant } from '../../format';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useT } from '../../i18n';
import type { SegmentJobRunView } from '../../types';

/** GET /segments/refresh-jobs: the nightly (and 全部刷新) runs, newest first; `refreshKey` changes after a run. */
export function JobHistory({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  const runs = usePagedQuery<SegmentJobRunView>('/segments/refresh-jobs', { refreshKey, pollWhile: (run) => run.status === 'running' });

  const columns = useMemo<TableColumnsType<SegmentJobRunView>>(
    () => [
      { title: t('segments.jobs.col.startedAt'), dataIndex: 'startedAt', width: 140, render: (v: string) => <span className="num">{formatInstant(v)}</span> },
      { title: t('segments.jobs.col.trigger'), dataIndex: 'trigger', width: 96, render: (v: string) => <Tag>{t.maybe(`segments.trigger.${v}`, v)}</Tag> },
      { title: t('segments.jobs.col.status'), dataIndex: 'status', width: 96, render: (v: string) => <StatusTag status={v} label={t.maybe(`segments.jobStatus.${v}`, v)} /> },
      { title: t('segments.jobs.col.segments'), dataIndex: 'segments', width: 80, align: 'right', render: (v: number) => <Count value={v} /> },
      { title: t('segments.jobs.col.succeeded'), dataIndex: 'succeeded', width: 72, align: 'right', render: (v: number) => <Count value={v} /> },
      { title: t('segments.jobs.col.failed'), dataIndex: 'failed', width: 72, align: 'right', render: (v: number) => <Count value={v} danger /> },
      { title: t('segments.jobs.col.entered'), dataIndex: 'entered', width: 88, align: 'right', render: (v: number) => <Count value={v} /> },
      { title: t('segments.jobs.col.exited'), dataIndex: 'exited', width: 88, align: 'right', render: (v: number) => <Count value={v} /> },
      { title: t('segments.jobs.col.duration'), dataIndex: 'ms', width: 88, align: 'right', render: (v: number | null) => <Duration ms={v} /> },
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
    [t],
  );

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
        <Button size="small" icon={<ReloadOutlined />} onClick={runs.reload}>
          {t('common.refresh')}
        </Button>
      </Flex>
      <QueryTable<SegmentJobRunView>
        query={runs}
        rows={runs.data?.items}
        pagination={runs.pagination}
        columns={columns}
        scroll={{ x: 1000 }}
        empty={t('segments.jobs.empty')}
      />
    </>
  );
}

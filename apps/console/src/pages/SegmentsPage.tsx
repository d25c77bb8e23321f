import { PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, apiPost } from '../api';
import { BoolTag } from '../components/BoolTag';
import { PageHeader } from '../components/PageHeader';
import { QueryTable } from '../components/QueryTable';
import { describeError } from '../errors';
import { formatInstant, formatNumber } from '../format';
import { useApiQuery } from '../hooks/useApiQuery';
import { useLang, useT } from '../i18n';
import type { SegmentJobRunView, SegmentTemplateView, SegmentView } from '../types';
import { JobHistory } from './segments/JobHistory';
import { LastRefresh } from './segments/LastRefresh';
import { templateName } from './segments/segmentLabels';
import { useCanEditSegments } from './segments/useCanEditSegments';

type TabKey = 'list' | 'jobs';

export default function SegmentsPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canEdit = useCanEditSegments();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = params.get('tab') === 'jobs' ? 'jobs' : 'list';
  const segments = useApiQuery<SegmentView[]>('/segments');
  const { data, reload } = segments;
  const { data: templates } = useApiQuery<SegmentTemplateView[]>('/segments/templates');
  const [runningAll, setRunningAll] = useState(false);
  const [jobsKey, setJobsKey] = useState(0);

  const refreshAll = async () => {
    setRunningAll(true);
    try {
      const run = await apiPost<SegmentJobRunView>('/segments/refresh-jobs');
      const summary = t('segments.refreshAllDone', { succeeded: run.succeeded, segments: run.segments, entered: formatNumber(run.entered), exited: formatNumber(run.exited) });
      if (run.failed) message.warning(`${summary}${t('segments.refreshAllFailed', { failed: run.failed })}`);
      else message.success(summary);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) message.warning(t('segments.refreshRunning'));
      else message.error(describeError(e, t));
    } finally {
      setRunningAll(false);
      setJobsKey((k) => k + 1);
      reload();
    }
  };

  const columns = useMemo<TableColumnsType<SegmentView>>(
    () => [
      {
        title: t('segments.col.name'),
        dataIndex: 'name',
        render: (name: string, s) => (
          <Flex vertical style={{ minWidth: 0 }}>
            <Link to={`/segments/${s.id}`} onClick={(e) => e.stopPropagation()}>
              {name}
            </Link>
            {s.description ? (
              <Typography.Text type="secondary" ellipsis={{ tooltip: s.description }} style={{ fontSize: 12 }}>
                {s.description}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      },
      {
        title: t('segments.col.kind'),
        dataIndex: 'kind',
        width: 180,
        render: (kind: SegmentView['kind'], s) =>
          kind === 'template' ? (
            <Flex gap={4} align="center" style={{ minWidth: 0 }}>
              <Tag color="blue" variant="outlined" style={{ marginInlineEnd: 0 }}>
                {t('segments.kind.template')}
              </Tag>
              <Typography.Text ellipsis>{templateName(templates?.find((x) => x.key === s.templateKey), lang) || s.templateKey}</Typography.Text>
            </Flex>
          ) : (
            <Tag variant="outlined">{t('segments.kind.custom')}</Tag>
          ),
      },
      { title: t('segments.col.version'), dataIndex: 'version', width: 72, render: (v: number) => <span className="num">{t('segments.versionShort', { n: v })}</span> },
      { title: t('segments.col.members'), dataIndex: 'members', width: 96, align: 'right', render: (v: number) => <span className="num">{formatNumber(v)}</span> },
      { title: t('segments.col.lastRefresh'), dataIndex: 'lastRefresh', width: 190, render: (_: unknown, s) => <LastRefresh refresh={s.lastRefresh} /> },
      { title: t('segments.col.nightly'), dataIndex: 'nightly', width: 88, render: (v: boolean) => <BoolTag value={v} yes={t('segments.nightlyOn')} no={t('segments.nightlyOff')} /> },
      { title: t('segments.col.updatedAt'), dataIndex: 'updatedAt', width: 136, render: (v: string) => <span className="num">{formatInstant(v)}</span> },
      ...(canEdit
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: 72,
              render: (_: unknown, s: SegmentView) => (
                <Link to={`/segments/${s.id}/edit`} onClick={(e) => e.stopPropagation()}>
                  {t('segments.edit')}
                </Link>
              ),
            },
          ]
        : []),
    ],
    [t, lang, templates, canEdit],
  );

  const open = (s: SegmentView) => navigate(`/segments/${s.id}`);

  return (
    <>
      <PageHeader
        title={t('segments.title')}
        subtitle={t('segments.subtitle')}
        extra={
          canEdit ? (
            <>
              <Popconfirm title={t('segments.refreshAllConfirm')} okText={t('segments.refreshAll')} cancelText={t('common.cancel')} onConfirm={refreshAll} disabled={runningAll}>
                <Tooltip title={t('segments.refreshAllHint')}>
                  <Button icon={<SyncOutlined spin={runningAll} />} loading={runningAll}>
                    {t('segments.refreshAll')}
                  </Button>
                </Tooltip>
              </Popconfirm>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/segments/new')}>
                {t('segments.create')}
              </Button>
            </>
          ) : undefined
        }
      />
      <Card size="small" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'jobs' ? { tab: 'jobs' } : {}, { replace: true })}
          items={[
            {
              key: 'list',
              label: data ? t('segments.tab.listCount', { n: data.length }) : t('segments.tab.list'),
              children: (
                <QueryTable<SegmentView>
                  query={segments}
                  rows={data}
                  columns={columns}
                  scroll={{ x: 1040 }}
                  empty={canEdit ? t('segments.empty') : t('segments.emptyReadOnly')}
                  emptyHeight={120}
                  onOpen={open}
                  pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
                />
              ),
            },
            { key: 'jobs', label: t('segments.tab.jobs'), children: <JobHistory refreshKey={jobsKey} /> },
          ]}
        />
      </Card>
    </>
  );
}

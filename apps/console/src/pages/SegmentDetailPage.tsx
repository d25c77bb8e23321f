import { ArrowLeftOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Popconfirm, Result, Row, Skeleton, Statistic, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError, apiPost, downloadWithToken } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { describeError } from '../errors';
import { formatDuration, formatNumber } from '../format';
import { useApiQuery } from '../hooks/useApiQuery';
import { useLang, useT } from '../i18n';
import type { SegmentFieldView, SegmentRefreshResult, SegmentTemplateView, SegmentView } from '../types';
import { LastRefresh } from './segments/LastRefresh';
import { RuleView } from './segments/RuleView';
import { templateName } from './segments/segmentLabels';
import { useCanEditSegments } from './segments/useCanEditSegments';
import { SegmentMembers } from './segments/SegmentMembers';
import { SegmentRefreshes } from './segments/SegmentRefreshes';
import { SegmentVersions } from './segments/SegmentVersions';

type TabKey = 'members' | 'refreshes' | 'versions';
const TABS: TabKey[] = ['members', 'refreshes', 'versions'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function SegmentDetailPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canEdit = useCanEditSegments();
  const { id = '' } = useParams();
  const validId = UUID.test(id);
  const [params, setParams] = useSearchParams();
  const tab: TabKey = TABS.find((k) => k === params.get('tab')) ?? 'members';

  const { data: segment, error, loading, reload } = useApiQuery<SegmentView>(validId ? `/segments/${id}` : null);
  const { data: fields } = useApiQuery<SegmentFieldView[]>('/segments/fields');
  const { data: templates } = useApiQuery<SegmentTemplateView[]>('/segments/templates');
  const fieldMap = useMemo(() => new Map((fields ?? []).map((f) => [f.key, f])), [fields]);
  const [refreshing, setRefreshing] = useState(false);
  const [result, setResult] = useState<SegmentRefreshResult | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const current = segment && segment.id === id ? segment : undefined;
  const backButton = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/segments')}>
      {t('segments.back')}
    </Button>
  );

  if (!validId || (error instanceof ApiError && error.status === 404)) {
    return <Result status="404" title="404" subTitle={t('segments.detail.notFound')} extra={backButton} />;
  }

  const refresh = async () => {
    setRefreshing(true);
    setResult(null);
    try {
      const done = await apiPost<SegmentRefreshResult>(`/segments/${id}/refresh`);
      setResult(done);
      setRefreshKey((k) => k + 1);
      reload();
    } catch (e) {
      message.error(`${t('segments.detail.refreshFailed')}: ${describeError(e, t)}`);
      setRefreshKey((k) => k + 1);
    } finally {
      setRefreshing(false);
    }
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadWithToken(`/segments/${id}/members.csv`, `segment-${current?.name ?? id}-members.csv`);
    } catch (e) {
      message.error(`${t('segments.detail.exportFailed')}: ${describeError(e, t)}`);
    } finally {
      setExporting(false);
    }
  };

  const remove = async () => {
    setDeleting(true);
    try {
      await api<void>(`/segments/${id}`, { method: 'DELETE' });
      message.success(t('segments.detail.deleted', { name: current?.name ?? '' }));
      navigate('/segments', { replace: true });
    } catch (e) {
      message.error(describeError(e, t));
      setDeleting(false);
    }
  };

  const template = current?.templateKey ? templates?.find((x) => x.key === current.templateKey) : undefined;
  const actions = canEdit ? (
    <>
      <Button type="primary" icon={<SyncOutlined spin={refreshing} />} loading={refreshing} onClick={refresh} disabled={!current}>
        {t('segments.detail.refreshNow')}
      </Button>
      <Button icon={<EditOutlined />} onClick={() => navigate(`/segments/${id}/edit`)} disabled={!current}>
        {t('segments.detail.editRule')}
      </Button>
      <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportCsv} disabled={!current}>
        {t('segments.detail.export')}
      </Button>
      <Popconfirm
        title={t('segments.detail.deleteTitle')}
        description={<div style={{ maxWidth: 320 }}>{t('segments.detail.deleteConfirm', { name: current?.name ?? '' })}</div>}
        okText={t('segments.detail.delete')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onConfirm={remove}
      >
        <Button danger icon={<DeleteOutlined />} loading={deleting} disabled={!current}>
          {t('segments.detail.delete')}
        </Button>
      </Popconfirm>
    </>
  ) : null;

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={8} wrap>
            {current?.name ?? t('segments.title')}
            {current ? (
              current.kind === 'template' ? (
                <Tag color="blue" variant="outlined">
                  {t('segments.kind.templateNamed', { name: templateName(template, lang) || current.templateKey || '' })}
                </Tag>
              ) : (
                <Tag variant="outlined">{t('segments.kind.custom')}</Tag>
              )
            ) : null}
          </Flex>
        }
        extra={
          <>
            {actions}
            {backButton}
          </>
        }
      />
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {result ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setResult(null) }}
          title={t('segments.detail.refreshResult')}
          description={
            <span className="num" data-testid="refresh-result">
              {t('segments.detail.refreshStats', { members: formatNumber(result.members), entered: formatNumber(result.entered), exited: formatNumber(result.exited), ms: formatDuration(result.ms, lang) })}
            </span>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {loading && !current ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : null}
      {current ? (
        <Flex vertical gap={16}>
          <Card size="small">
            <Row gutter={[24, 12]}>
              <Col xs={12} lg={5}>
                <Statistic title={t('segments.detail.members')} value={current.members} formatter={(v) => <span data-testid="segment-member-count">{formatNumber(Number(v))}</span>} styles={{ content: { fontVariantNumeric: 'tabular-nums', color: '#1f4f99' } }} />
              </Col>
              <Col xs={12} lg={4}>
                <Statistic title={t('segments.detail.version')} value={t('segments.versionLong', { n: current.version })} />
              </Col>
              <Col xs={12} lg={6}>
                <Flex vertical gap={4}>
                  <Typography.Text type="secondary">{t('segments.detail.lastRefresh')}</Typography.Text>
                  <LastRefresh refresh={current.lastRefresh} />
                </Flex>
              </Col>
              <Col xs={12} lg={4}>
                <Flex vertical gap={4}>
                  <Typography.Text type="secondary">{t('segments.col.nightly')}</Typography.Text>
                  <span>{current.nightly ? <Tag color="success">{t('segments.nightlyOn')}</Tag> : <Tag>{t('segments.nightlyOff')}</Tag>}</span>
                </Flex>
              </Col>
              <Col xs={24} lg={5}>
                <Flex vertical gap={4}>
                  <Typography.Text type="secondary">{t('segments.detail.createdBy')}</Typography.Text>
                  <span>{current.createdBy ? t.maybe(`segments.by.${current.createdBy}`, current.createdBy) : '—'}</span>
                </Flex>
              </Col>
            </Row>
            {current.description ? (
              <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
                {current.description}
              </Typography.Paragraph>
            ) : null}
          </Card>
          <Card size="small" title={t('segments.detail.rule')}>
            <RuleView rule={current.rule} fields={fieldMap} />
          </Card>
          <Card size="small" styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              activeKey={tab}
              onChange={(key) => setParams(key === 'members' ? {} : { tab: key }, { replace: true })}
              items={[
                { key: 'members', label: t('segments.detail.tab.members'), children: <SegmentMembers segmentId={id} refreshKey={refreshKey} /> },
                { key: 'refreshes', label: t('segments.detail.tab.refreshes'), children: <SegmentRefreshes segmentId={id} refreshKey={refreshKey} /> },
                { key: 'versions', label: t('segments.detail.tab.versions'), children: <SegmentVersions segmentId={id} current={current.version} fields={fieldMap} refreshKey={refreshKey} /> },
              ]}
            />
          </Card>
        </Flex>
      ) : null}
    </>
  );
}

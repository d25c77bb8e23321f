import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Popconfirm, Result, Row, Skeleton, Tabs, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError, apiGet } from '../../api';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { describeError } from '../../errors';
import { formatNumber } from '../../format';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useT } from '../../i18n';
import type { CampaignView } from '@app/contracts';
import { AttemptsTable } from './AttemptsTable';
import { CampaignActions } from './CampaignActions';
import { CampaignResultsPanel } from './CampaignResultsPanel';
import { CampaignStatusTag } from './CampaignStatusTag';
import { CampaignSummary } from './CampaignSummary';
import { CAMPAIGN_ROLES } from './campaignLabels';
import { PlanResultCard } from './PlanResultCard';
import './campaigns.css';

type TabKey = 'stats' | 'attempts' | 'plan';
const TABS: readonly TabKey[] = ['stats', 'attempts', 'plan'];

function CountCard({ label, value, testId, hint }: { label: string; value: number; testId: string; hint: string }) {
  return (
    <Card size="small">
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div className="campaign-count num" data-testid={testId}>
        {formatNumber(value)}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {hint}
      </Typography.Text>
    </Card>
  );
}

/** /campaigns/:id: summary, counts, actions; tabs for results, the attempts with their traces, and the last plan. */
export default function CampaignDetailPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const canEdit = hasRole(...CAMPAIGN_ROLES.edit);
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'stats';
  const query = useApiQuery<CampaignView>(`/campaigns/${encodeURIComponent(id)}`);
  const { data: loaded, error, reload } = query;
  const [refreshKey, setRefreshKey] = useState(0);
  // the counts and status as of the attempts table's last live refresh (a failed one changes nothing)
  const [live, setLive] = useState<CampaignView>();
  const liveInFlight = useRef(false);
  const campaign = live && loaded && live.id === loaded.id && Date.parse(live.updatedAt) >= Date.parse(loaded.updatedAt) ? live : loaded;

  const refresh = () => {
    setLive(undefined);
    reload();
    setRefreshKey((k) => k + 1);
  };

  const refreshQuietly = useCallback(() => {
    if (liveInFlight.current) return;
    liveInFlight.current = true;
    apiGet<CampaignView>(`/campaigns/${encodeURIComponent(id)}`)
      .then(setLive, () => undefined)
      .finally(() => {
        liveInFlight.current = false;
      });
  }, [id]);

  const remove = async () => {
    if (!campaign) return;
    try {
      await api<void>(`/campaigns/${encodeURIComponent(campaign.id)}`, { method: 'DELETE' });
      message.success(t('campaigns.deleted', { name: campaign.name }));
      navigate('/campaigns');
    } catch (e) {
      message.error(describeError(e, t));
    }
  };

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/campaigns')}>
      {t('campaigns.back')}
    </Button>
  );

  if (error) {
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return missing ? <Result status="404" title={t('campaigns.notFound')} extra={back} /> : <ErrorAlert error={error} onRetry={reload} />;
  }
  if (!campaign) {
    return (
      <>
        <PageHeader title={t('campaigns.title')} extra={back} />
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  }

  const c = campaign;
  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center">
            {c.name}
            <CampaignStatusTag status={c.status} />
          </Flex>
        }
        extra={
          <>
            {back}
            <Button icon={<SyncOutlined />} onClick={refresh} aria-label={t('common.refresh')}>
              {t('common.refresh')}
            </Button>
            {canEdit && c.status === 'draft' ? (
              <>
                <Popconfirm title={t('campaigns.deleteTitle')} description={t('campaigns.deleteConfirm', { name: c.name })} okText={t('campaigns.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={remove}>
                  <Button danger icon={<DeleteOutlined />}>
                    {t('campaigns.delete')}
                  </Button>
                </Popconfirm>
                <Button icon={<EditOutlined />} onClick={() => navigate(`/campaigns/${c.id}/edit`)}>
                  {t('campaigns.edit')}
                </Button>
              </>
            ) : null}
            <CampaignActions campaign={c} onChanged={refresh} />
          </>
        }
      />
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={6}>
          <CountCard label={t('campaigns.col.planned')} value={c.counts.planned} testId="count-planned" hint={t('campaigns.count.plannedHint')} />
        </Col>
        <Col span={6}>
          <CountCard label={t('campaigns.col.skipped')} value={c.counts.skipped} testId="count-skipped" hint={t('campaigns.count.skippedHint')} />
        </Col>
        <Col span={6}>
          <CountCard label={t('campaigns.col.holdout')} value={c.counts.holdout} testId="count-holdout" hint={t('campaigns.count.holdoutHint')} />
        </Col>
        <Col span={6}>
          <CountCard label={t('campaigns.col.done')} value={c.counts.done} testId="count-done" hint={t('campaigns.count.doneHint')} />
        </Col>
      </Row>
      <Card size="small" title={t('campaigns.detail.summary')} style={{ marginBottom: 12 }}>
        <CampaignSummary campaign={c} />
      </Card>
      {!c.startedAt ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.detail.notRunYet')} />
        </Card>
      ) : (
        <Card size="small" styles={{ body: { paddingTop: 4 } }}>
          <Tabs
            activeKey={tab}
            onChange={(key) => setParams(key === 'stats' ? {} : { tab: key }, { replace: true })}
            items={[
              { key: 'stats', label: t('campaigns.detail.tab.stats'), children: <CampaignResultsPanel campaignId={c.id} refreshKey={refreshKey} /> },
              { key: 'attempts', label: t('campaigns.detail.tab.attempts'), children: <AttemptsTable campaign={c} refreshKey={refreshKey} active={tab === 'attempts'} onLiveUpdate={refreshQuietly} /> },
              { key: 'plan', label: t('campaigns.detail.tab.plan'), children: <PlanResultCard campaign={c} canPlan={canEdit} onPlanned={refresh} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}

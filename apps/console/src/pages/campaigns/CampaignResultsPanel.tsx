import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { downloadWithToken } from '../../api';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeError } from '../../errors';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useLang, useT } from '../../i18n';
import type { CampaignStats } from '@app/contracts';
import { BranchResultsTable } from './BranchResultsTable';
import { CallEndingsTable } from './CallEndingsTable';
import { GroupConversionChart, StepFunnels, StepOutcomes } from './ResultsCharts';
import { formatCount, formatPts, formatRate, rateOf, upliftOf } from './resultsFormat';
import { StepStatesTable } from './StepStatesTable';

/** GET /campaigns/:id/results.csv with the token (a plain link would carry none). */
function ExportButton({ campaignId }: { campaignId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadWithToken(`/campaigns/${encodeURIComponent(campaignId)}/results.csv`, `campaign-${campaignId}-results.csv`);
    } catch (e) {
      message.error(`${t('campaigns.results.exportFailed')}：${describeError(e, t)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={download} data-testid="results-export">
      {t('campaigns.results.export')}
    </Button>
  );
}

function Kpi({ title, value, note, testId, tone }: { title: string; value: string; note?: string; testId: string; tone?: 'up' | 'down' }) {
  return (
    <Card size="small" className="results-kpi">
      <Statistic title={title} value={value} styles={{ content: { fontSize: 22, color: tone === 'up' ? '#237804' : tone === 'down' ? '#a8071a' : undefined } }} valueRender={() => <span className="num" data-testid={testId}>{value}</span>} />
      {note ? <Typography.Text type="secondary" className="results-kpi__note">{note}</Typography.Text> : null}
    </Card>
  );
}

/**
 * The campaign's results: headline figures, a funnel per step, each step's outcomes, how the
 * answered calls ended, the contacted against the control group, each branch, and the step
 * detail; a CSV of the same for Excel.
 */
export function CampaignResultsPanel({ campaignId, refreshKey }: { campaignId: string; refreshKey: number }) {
  const t = useT();
  const { lang } = useLang();
  const { user } = useAuth();
  const { data, error, loading, reload } = useApiQuery<CampaignStats>(`/campaigns/${encodeURIComponent(campaignId)}/stats`);
  useEffect(() => {
    if (refreshKey) reload();
  }, [refreshKey, reload]);

  if (error) return <ErrorAlert error={error} onRetry={reload} title={t('campaigns.results.loadFailed')} />;
  if (!data) return loading ? <Skeleton active paragraph={{ rows: 10 }} /> : null;
  const scoped = user && user.role !== 'admin' && user.branchCode ? user.branchCode : null;
  const toolbar = (
    <Flex justify="space-between" align="center" gap={12} className="results-toolbar">
      <Typography.Text type="secondary" style={{ flex: 1 }}>{scoped ? t('campaigns.results.scoped', { branch: scoped }) : t('campaigns.results.hint')}</Typography.Text>
      <ExportButton campaignId={campaignId} />
    </Flex>
  );
  if (!data.steps.length) {
    return (
      <Flex vertical gap={12} data-testid="campaign-stats">
        {toolbar}
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.results.empty')} />
      </Flex>
    );
  }

  const { treated, holdout } = data;
  const reached = data.branches.reduce((n, b) => n + b.reached, 0);
  const uplift = upliftOf(treated, holdout);
  return (
    <Flex vertical gap={12} data-testid="campaign-stats">
      {toolbar}
      <Row gutter={12}>
        <Col span={6}>
          <Kpi title={t('campaigns.results.kpi.treated')} value={formatCount(treated.customers, lang)} note={t('campaigns.results.kpi.treatedNote', { n: formatCount(holdout.customers, lang) })} testId="kpi-treated" />
        </Col>
        <Col span={6}>
          <Kpi title={t('campaigns.results.kpi.reached')} value={formatCount(reached, lang)} note={t('campaigns.results.kpi.rateNote', { rate: formatRate(rateOf(reached, treated.customers)) })} testId="kpi-reached" />
        </Col>
        <Col span={6}>
          <Kpi title={t('campaigns.results.kpi.converted')} value={formatCount(treated.converted, lang)} note={t('campaigns.results.kpi.rateNote', { rate: formatRate(rateOf(treated.converted, treated.customers)) })} testId="kpi-converted" />
        </Col>
        <Col span={6}>
          <Kpi
            title={t('campaigns.results.kpi.uplift')}
            value={formatPts(uplift, lang)}
            note={uplift === null ? t('campaigns.stats.noHoldout') : t('campaigns.results.kpi.upliftNote', { treated: formatRate(rateOf(treated.converted, treated.customers)), holdout: formatRate(rateOf(holdout.converted, holdout.customers)) })}
            tone={uplift === null || Math.abs(uplift) < 0.05 ? undefined : uplift > 0 ? 'up' : 'down'}
            testId="kpi-uplift"
          />
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={15}>
          <Card size="small" title={t('campaigns.results.funnel')} extra={<Typography.Text type="secondary">{t('campaigns.results.funnelHint')}</Typography.Text>}>
            <StepFunnels steps={data.steps} />
          </Card>
        </Col>
        <Col span={9}>
          <Card size="small" title={t('campaigns.stats.conversion')} className="results-groups-card">
            {holdout.customers === 0 ? <Alert type="info" showIcon title={t('campaigns.stats.noHoldout')} style={{ marginBottom: 8 }} /> : null}
            <GroupConversionChart treated={treated} holdout={holdout} />
            <Typography.Text type="secondary" className="results-footnote">
              {t('campaigns.stats.conversionHint')}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('campaigns.results.outcomes')}>
        {data.steps.some((s) => Object.keys(s.byOutcome).length) ? <StepOutcomes steps={data.steps} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.results.noOutcomes')} />}
      </Card>
      {data.steps.some((s) => s.channel !== 'sms') ? (
        <Card size="small" title={t('campaigns.results.endings')}>
          <CallEndingsTable steps={data.steps} />
          <Typography.Text type="secondary" className="results-footnote">
            {t('campaigns.results.endingsHint')}
          </Typography.Text>
        </Card>
      ) : null}
      <Card size="small" title={t('campaigns.stats.byBranch')}>
        <BranchResultsTable branches={data.branches} />
      </Card>
      <Card size="small" title={t('campaigns.stats.byStep')}>
        <StepStatesTable steps={data.steps} />
      </Card>
    </Flex>
  );
}

import { Card, Col, Flex, Row, Skeleton, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo } from 'react';
import { Count } from '../../components/Count';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../format';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useT } from '../../i18n';
import { ATTEMPT_STATES, type BranchStats, type CampaignStats, type GroupConversion, type PolicyRule, type StepStats } from '@app/contracts';
import { REASON_KEYS } from '../policy/policyLabels';
import { outcomeColor, outcomeLabel, STATE_KEYS } from './campaignLabels';

const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** GET /campaigns/:id/stats: each step by state, outcome and refusal; each branch; contacted against the control group. */
export function CampaignStatsPanel({ campaignId, refreshKey }: { campaignId: string; refreshKey: number }) {
  const t = useT();
  const { data, error, loading, reload } = useApiQuery<CampaignStats>(`/campaigns/${encodeURIComponent(campaignId)}/stats`);
  useEffect(() => {
    if (refreshKey) reload();
  }, [refreshKey, reload]);

  const stepColumns = useMemo<TableColumnsType<StepStats>>(
    () => [
      { title: t('campaigns.stats.step'), key: 'step', width: 130, render: (_: unknown, s) => `${t('campaigns.steps.no', { n: s.stepNo })} · ${t(`channel.${s.channel}`)}` },
      ...ATTEMPT_STATES.map((state) => ({
        title: t(STATE_KEYS[state]),
        key: state,
        width: 84,
        align: 'right' as const,
        render: (_: unknown, s: StepStats) => <Count value={s.byState[state] ?? 0} />,
      })),
      {
        title: t('campaigns.stats.outcomes'),
        key: 'outcomes',
        render: (_: unknown, s) => (
          <Flex gap={4} wrap>
            {Object.entries(s.byOutcome).map(([o, n]) => (
              <Tag key={o} color={outcomeColor(o)}>
                {outcomeLabel(o, t)} <span className="num">{formatNumber(n)}</span>
              </Tag>
            ))}
          </Flex>
        ),
      },
      {
        title: t('campaigns.stats.reasons'),
        key: 'reasons',
        render: (_: unknown, s) => (
          <Flex gap={4} wrap>
            {(Object.entries(s.byReason) as Array<[PolicyRule, number]>)
              .filter(([r]) => r !== 'holdout')
              .map(([r, n]) => (
              <Tag key={r} color="orange">
                {t.maybe(REASON_KEYS[r] ?? '', r)} <span className="num">{formatNumber(n)}</span>
              </Tag>
            ))}
          </Flex>
        ),
      },
    ],
    [t],
  );

  const branchColumns = useMemo<TableColumnsType<BranchStats>>(
    () => [
      { title: t('customers.col.branch'), dataIndex: 'branchCode', width: 100 },
      { title: t('campaigns.stats.members'), dataIndex: 'members', width: 90, align: 'right', render: (v: number) => <Count value={v} /> },
      { title: t('campaigns.state.planned'), dataIndex: 'planned', width: 90, align: 'right', render: (v: number) => <Count value={v} /> },
      { title: t('campaigns.state.skipped'), dataIndex: 'skipped', width: 90, align: 'right', render: (v: number) => <Count value={v} /> },
      { title: t('campaigns.state.done'), dataIndex: 'done', width: 90, align: 'right', render: (v: number) => <Count value={v} /> },
      { title: t('campaigns.stats.converted'), dataIndex: 'converted', width: 90, align: 'right', render: (v: number) => <Count value={v} /> },
      { title: t('campaigns.stats.rate'), key: 'rate', width: 90, align: 'right', render: (_: unknown, b) => <span className="num">{b.members ? pct(b.converted / b.members) : '—'}</span> },
    ],
    [t],
  );

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return loading ? <Skeleton active /> : null;
  return (
    <Flex vertical gap={16} data-testid="campaign-stats">
      <Card size="small" title={t('campaigns.stats.byStep')}>
        <Table<StepStats> rowKey="stepNo" size="small" columns={stepColumns} dataSource={data.steps} pagination={false} scroll={{ x: 1000 }} locale={{ emptyText: t('campaigns.stats.empty') }} />
      </Card>
      <Card size="small" title={t('campaigns.stats.conversion')} extra={<Typography.Text type="secondary">{t('campaigns.stats.conversionHint')}</Typography.Text>}>
        <Conversion treated={data.treated} holdout={data.holdout} upliftPts={data.upliftPts} />
      </Card>
      <Card size="small" title={t('campaigns.stats.byBranch')}>
        <Table<BranchStats> rowKey="branchCode" size="small" columns={branchColumns} dataSource={data.branches} pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }} locale={{ emptyText: t('campaigns.stats.empty') }} />
      </Card>
    </Flex>
  );
}

/** Contacted against control: rates as bars (no chart library here) and the uplift in percentage points. */
function Conversion({ treated, holdout, upliftPts }: { treated: GroupConversion; holdout: GroupConversion; upliftPts: number }) {
  const t = useT();
  const max = Math.max(treated.rate, holdout.rate, 0.0001);
  const rows = [
    { key: 'treated', label: t('campaigns.stats.treated'), g: treated },
    { key: 'holdout', label: t('campaigns.stats.holdoutGroup'), g: holdout },
  ];
  return (
    <Row gutter={24} align="middle">
      <Col flex="auto">
        <table className="conversion-table" data-testid="conversion">
          <thead>
            <tr>
              <th />
              <th className="num">{t('campaigns.stats.customers')}</th>
              <th className="num">{t('campaigns.stats.converted')}</th>
              <th className="num">{t('campaigns.stats.rate')}</th>
              <th style={{ width: '40%' }} />
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, label, g }) => (
              <tr key={key}>
                <td>{label}</td>
                <td className="num">{formatNumber(g.customers)}</td>
                <td className="num">{formatNumber(g.converted)}</td>
                <td className="num">{pct(g.rate)}</td>
                <td>
                  <div className={key === 'holdout' ? 'conversion-bar conversion-bar--holdout' : 'conversion-bar'} style={{ width: `${(g.rate / max) * 100}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Col>
      <Col flex="180px">
        <Statistic
          title={t('campaigns.stats.uplift')}
          value={upliftPts}
          precision={2}
          suffix={t('campaigns.stats.pts')}
          prefix={upliftPts > 0 ? '+' : undefined}
          styles={{ content: { color: upliftPts > 0 ? '#237804' : upliftPts < 0 ? '#a8071a' : undefined } }}
        />
        {holdout.customers === 0 ? <Typography.Text type="secondary">{t('campaigns.stats.noHoldout')}</Typography.Text> : null}
      </Col>
    </Row>
  );
}

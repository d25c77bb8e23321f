import { SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../api';
import { Duration } from '../../components/Duration';
import { describeError } from '../../errors';
import { formatInstant } from '../../format';
import { useT } from '../../i18n';
import type { CampaignView, PlanResult } from '@app/contracts';

/** The last planning pass (new attempts, refusals, control group, withdrawals); a running campaign can be planned again now. */
export function PlanResultCard({ campaign, canPlan, onPlanned }: { campaign: CampaignView; canPlan: boolean; onPlanned: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [planning, setPlanning] = useState(false);
  const plan = campaign.lastPlan;

  const replan = async () => {
    setPlanning(true);
    try {
      const result = await apiPost<PlanResult>(`/campaigns/${encodeURIComponent(campaign.id)}/plan`);
      message.success(t('campaigns.plan.done', { planned: result.planned.toLocaleString('en-US'), skipped: result.skipped.toLocaleString('en-US') }));
      onPlanned();
    } catch (e) {
      message.error(describeError(e, t));
    } finally {
      setPlanning(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('campaigns.plan.title')}
      data-testid="plan-result"
      extra={
        canPlan && campaign.status === 'running' ? (
          <Button size="small" icon={<SyncOutlined spin={planning} />} loading={planning} onClick={replan}>
            {t('campaigns.plan.again')}
          </Button>
        ) : null
      }
    >
      {plan ? (
        <>
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title={t('campaigns.plan.planned')} value={plan.planned} groupSeparator="," />
            </Col>
            <Col span={6}>
              <Statistic title={t('campaigns.plan.skipped')} value={plan.skipped} groupSeparator="," />
            </Col>
            <Col span={6}>
              <Statistic title={t('campaigns.plan.holdout')} value={plan.holdout} groupSeparator="," />
            </Col>
            <Col span={6}>
              <Statistic title={t('campaigns.plan.withdrawn')} value={plan.withdrawn} groupSeparator="," />
            </Col>
          </Row>
          <Typography.Text type="secondary" className="num" style={{ display: 'block', marginTop: 8 }}>
            {t('campaigns.plan.at', { at: formatInstant(plan.at) })} · <Duration ms={plan.ms} />
          </Typography.Text>
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.plan.none')} />
      )}
    </Card>
  );
}

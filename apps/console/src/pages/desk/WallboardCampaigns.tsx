import type { WallboardCampaign } from '@app/contracts';
import { Empty, Flex, Progress, Tag, Typography } from 'antd';
import { formatNumber } from '../../format';
import { useDeskT } from './desk.i18n';

const STATUS_COLORS: Record<string, string> = { running: 'green', paused: 'orange', scheduled: 'cyan', completed: 'blue' };

/** Each running campaign's progress: done of total, with what is being called and what is still planned. */
export function WallboardCampaigns({ campaigns }: { campaigns: WallboardCampaign[] }) {
  const t = useDeskT();
  if (!campaigns.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wallboard.campaigns.empty')} />;
  return (
    <Flex vertical gap={12}>
      {campaigns.map((c) => {
        const pct = c.total ? Math.round((c.done / c.total) * 1000) / 10 : 0;
        return (
          <div key={c.id} data-testid="wallboard-campaign" className="wallboard-campaign">
            <Typography.Text strong ellipsis={{ tooltip: c.name }} style={{ display: 'block' }}>
              {c.name}
            </Typography.Text>
            <Flex justify="space-between" align="center" gap={8}>
              <Tag color={STATUS_COLORS[c.status]} style={{ marginInlineEnd: 0 }}>
                {t.maybe(`campaigns.status.${c.status}`, c.status)}
              </Tag>
              <Typography.Text className="num" type="secondary">
                {t('wallboard.campaigns.done', { done: formatNumber(c.done), total: formatNumber(c.total) })}
              </Typography.Text>
            </Flex>
            <Progress percent={pct} size="small" format={(p) => `${(p ?? 0).toFixed(1)}%`} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('wallboard.campaigns.detail', { inFlight: formatNumber(c.inFlight), planned: formatNumber(c.planned) })}
            </Typography.Text>
          </div>
        );
      })}
    </Flex>
  );
}

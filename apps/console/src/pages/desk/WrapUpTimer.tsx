import { Flex, Progress, Typography } from 'antd';
import { useDeskT } from './desk.i18n';
import { formatElapsed, secondsUntil } from './deskLabels';
import { useNow } from './useNow';

/** The wrap-up's time left: at zero the server makes the agent available again by itself. */
export function WrapUpTimer({ until, since }: { until: string; since: string }) {
  const t = useDeskT();
  const now = useNow(500);
  const left = secondsUntil(until, now);
  const total = Math.max(1, (Date.parse(until) - Date.parse(since)) / 1000);
  return (
    <Flex align="center" gap={8} className="desk-wrapup" data-testid="wrapup-timer">
      <Typography.Text type="secondary">{t('desk.wrapUp.left')}</Typography.Text>
      <Typography.Text strong className="num" type={left <= 10 ? 'danger' : undefined}>
        {formatElapsed(Math.ceil(left))}
      </Typography.Text>
      <Progress percent={(left / total) * 100} showInfo={false} size="small" strokeColor="#722ed1" style={{ width: 120, margin: 0 }} />
    </Flex>
  );
}

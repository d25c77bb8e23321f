import { Flex, Switch, Tooltip, Typography } from 'antd';
import { formatClock } from '../../format';
import { useT } from '../../i18n';

interface LiveIndicatorProps {
  /** The user's switch. */
  on: boolean;
  onChange: (on: boolean) => void;
  updatedAt: Date | null;
  /** The last refresh failed; the rows are the previous ones. */
  stale: boolean;
}

/** 实时更新 ● with when the rows were last fetched, and the switch that pauses it. */
export function LiveIndicator({ on, onChange, updatedAt, stale }: LiveIndicatorProps) {
  const t = useT();
  const state = !on ? 'off' : stale ? 'stale' : 'on';
  return (
    <Tooltip title={t('campaigns.live.hint')}>
      <Flex gap={8} align="center" className="live-indicator" data-testid="attempts-live" data-live={state}>
        <span className={`live-dot live-dot--${state}`} aria-hidden />
        <Typography.Text strong={on} type={on ? undefined : 'secondary'}>
          {t(on ? 'campaigns.live.on' : 'campaigns.live.off')}
        </Typography.Text>
        {on && stale ? <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('campaigns.live.failed')}
          </Typography.Text> : null}
        {on && !stale && updatedAt ? (
          <Typography.Text type="secondary" className="num" style={{ fontSize: 12 }}>
            {t('campaigns.live.updatedAt', { time: formatClock(updatedAt) })}
          </Typography.Text>
        ) : null}
        <Switch size="small" checked={on} onChange={onChange} aria-label={t('campaigns.live.switch')} />
      </Flex>
    </Tooltip>
  );
}

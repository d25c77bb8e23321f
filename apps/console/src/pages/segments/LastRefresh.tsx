import { Flex, Tag, Tooltip, Typography } from 'antd';
import { formatInstant, formatNumber } from '../../format';
import { useT } from '../../i18n';
import type { SegmentRefreshView } from '../../types';

/** 2026-11-23 09:30 · 新进 12 · 退出 3, or 尚未刷新, or a red 失败 with the reason on hover. */
export function LastRefresh({ refresh }: { refresh: SegmentRefreshView | null }) {
  const t = useT();
  if (!refresh) return <Typography.Text type="secondary">{t('segments.neverRefreshed')}</Typography.Text>;
  return (
    <Flex vertical>
      <span className="num">{formatInstant(refresh.startedAt)}</span>
      {refresh.status === 'failed' ? (
        <Tooltip title={refresh.error}>
          <Tag color="error" style={{ width: 'fit-content' }}>
            {t('segments.refreshStatus.failed')}
          </Tag>
        </Tooltip>
      ) : (
        <Typography.Text type="secondary" className="num" style={{ fontSize: 12 }}>
          {t('segments.enteredExited', { entered: formatNumber(refresh.entered), exited: formatNumber(refresh.exited) })}
        </Typography.Text>
      )}
    </Flex>
  );
}

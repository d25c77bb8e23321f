import { Flex, Typography } from 'antd';
import { useDeskT } from './desk.i18n';
import type { DeskConnection } from './useDeskSocket';

const DOT: Record<DeskConnection, string> = { connected: 'on', connecting: 'wait', reconnecting: 'stale', refused: 'off' };

/** ● 已连接 / 正在重新连接… : whether what the page shows is live. */
export function ConnectionBadge({ connection, label }: { connection: DeskConnection; label?: string }) {
  const t = useDeskT();
  return (
    <Flex gap={6} align="center" className="desk-connection" data-testid="desk-connection" data-connection={connection} role="status">
      <span className={`desk-dot desk-dot--${DOT[connection]}`} aria-hidden />
      <Typography.Text type={connection === 'connected' ? undefined : connection === 'refused' ? 'danger' : 'warning'} strong={connection === 'connected'}>
        {connection === 'connected' && label ? label : t(`desk.connection.${connection}`)}
      </Typography.Text>
    </Flex>
  );
}

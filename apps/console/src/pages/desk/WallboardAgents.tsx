import type { Wallboard, WallboardAgent } from '@app/contracts';
import { Badge, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { useDeskT, type DeskTranslate } from './desk.i18n';
import { formatElapsed, PRESENCE_ORDER, secondsSince } from './deskLabels';
import { PresenceTag } from './PresenceTag';

function columns(t: DeskTranslate, serverNow: number): TableColumnsType<WallboardAgent> {
  return [
    { key: 'name', title: t('wallboard.col.agent'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { key: 'branch', title: t('wallboard.col.branch'), dataIndex: 'branchCode', width: 90, render: (code: string | null) => code ?? '—' },
    { key: 'presence', title: t('wallboard.col.state'), dataIndex: 'presence', width: 110, render: (_: unknown, a) => <PresenceTag presence={a.presence} /> },
    {
      key: 'since',
      title: t('wallboard.col.time'),
      width: 100,
      align: 'right',
      render: (_: unknown, a) => (
        <span className="num" data-testid="wallboard-agent-time">
          {formatElapsed(secondsSince(a.since, serverNow))}
        </span>
      ),
    },
    {
      key: 'connected',
      title: t('wallboard.col.connected'),
      dataIndex: 'connected',
      width: 120,
      render: (connected: boolean) => <Badge className="num" status={connected ? 'success' : 'default'} text={t(connected ? 'wallboard.connected' : 'wallboard.disconnected')} />,
    },
    {
      key: 'customer',
      title: t('wallboard.col.customer'),
      render: (_: unknown, a) => (a.companyName ? <span>{a.companyName}</span> : <Typography.Text type="secondary">—</Typography.Text>),
    },
  ];
}

/** Every agent on the floor, the busy first: state, how long in it (ticking here between updates), the customer on the line. */
export function WallboardAgents({ wallboard, serverNow }: { wallboard: Wallboard; serverNow: number }) {
  const t = useDeskT();
  const rows = useMemo(
    () => [...wallboard.agents].sort((a, b) => PRESENCE_ORDER.indexOf(a.presence) - PRESENCE_ORDER.indexOf(b.presence) || a.name.localeCompare(b.name, 'zh-CN')),
    [wallboard.agents],
  );
  return (
    <Table<WallboardAgent>
      size="small"
      rowKey="agentId"
      columns={columns(t, serverNow)}
      dataSource={rows}
      pagination={rows.length > 15 ? { pageSize: 15, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: t('wallboard.agents.empty') }}
      onRow={(a) => ({ 'data-testid': 'wallboard-agent', 'data-agent': a.agentId, 'data-presence': a.presence }) as HTMLAttributes<HTMLElement>}
    />
  );
}

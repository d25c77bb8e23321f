import { FieldTimeOutlined, ReloadOutlined } from '@ant-design/icons';
import type { DeskCallbackItem } from '@app/contracts';
import { Alert, Button, Card, Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../errors';
import { formatInstant } from '../../format';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useT } from '../../i18n';
import { EarlierCall } from './CallbackPanel';
import { useDeskT } from './desk.i18n';

/** How often the list is read again while the desk is open (a callback falls due on its own). */
const REFRESH_MS = 30_000;

/**
 * The callbacks the agent promised and has not made, soonest first: when, who, what was agreed and
 * the call it was agreed on. One that is due is offered on the desk when the agent is free.
 */
export function MyCallbacks({ refreshKey }: { refreshKey: string }) {
  const t = useDeskT();
  const app = useT();
  const { data, error, loading, reload } = useApiQuery<DeskCallbackItem[]>('/desk/callbacks', { of: 'mine' });
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  // the agent's state changed (a call ended, a callback was made): read again
  useEffect(reload, [refreshKey, reload]);
  const columns = useMemo<TableColumnsType<DeskCallbackItem>>(
    () => [
      {
        title: t('desk.callback.dueAt'),
        dataIndex: 'dueAt',
        width: 150,
        render: (at: string, row) => (
          <Flex vertical gap={2}>
            <span>{formatInstant(at)}</span>
            {row.due ? <Tag color="orange">{t('desk.callback.due')}</Tag> : <Tag>{t('desk.callback.upcoming')}</Tag>}
          </Flex>
        ),
      },
      {
        title: t('desk.callback.customer'),
        key: 'customer',
        render: (_: unknown, row) => (
          <Flex vertical gap={2}>
            <Link to={`/customers/${row.customer.id}`}>{row.customer.companyName}</Link>
            <Typography.Text type="secondary">
              {row.customer.legalRepName} · {row.customer.phoneMasked}
            </Typography.Text>
          </Flex>
        ),
      },
      { title: t('desk.callback.reason'), dataIndex: 'reason', render: (reason: string, row) => <Tooltip title={row.campaignName}>{reason}</Tooltip> },
      { title: t('desk.callback.earlier'), key: 'earlier', width: 280, render: (_: unknown, row) => (row.earlier ? <EarlierCall call={row.earlier} /> : null) },
    ],
    [t],
  );
  return (
    <Card
      size="small"
      data-testid="my-callbacks"
      title={
        <Flex align="center" gap={8}>
          <FieldTimeOutlined />
          {t('desk.callback.mine')}
          {data ? <Tag>{data.length}</Tag> : null}
        </Flex>
      }
      extra={<Button size="small" type="text" icon={<ReloadOutlined />} onClick={reload} aria-label={t('desk.callback.reload')} />}
    >
      {error ? <Alert type="error" showIcon title={describeError(error, app)} style={{ marginBottom: 8 }} /> : null}
      <Table<DeskCallbackItem> rowKey="attemptId" size="small" loading={loading && !data} columns={columns} dataSource={data ?? []} pagination={false} locale={{ emptyText: t('desk.callback.none') }} />
    </Card>
  );
}

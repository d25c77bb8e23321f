import { Flex, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { tableEmpty } from '../../components/TableEmpty';
import { formatInstant } from '../../format';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useT } from '../../i18n';
import type { Page, SegmentMemberView } from '../../types';
import { tierColor, tierLabel } from '../customerLabels';

type Status = 'current' | 'exited' | 'all';

/** GET /segments/:id/members: who is in (or has left) the segment; `refreshKey` changes after a refresh. */
export function SegmentMembers({ segmentId, refreshKey }: { segmentId: string; refreshKey: number }) {
  const t = useT();
  const [status, setStatus] = useState<Status>('current');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, error, loading, reload } = useApiQuery<Page<SegmentMemberView>>(`/segments/${encodeURIComponent(segmentId)}/members`, { status, page, pageSize });

  useEffect(() => {
    if (refreshKey === 0) return;
    if (page === 1) reload();
    else setPage(1);
    // only a new refresh should trigger this
  }, [refreshKey]);

  const columns = useMemo<TableColumnsType<SegmentMemberView>>(
    () => [
      {
        title: t('customers.col.customerNo'),
        dataIndex: 'customerNo',
        width: 124,
        render: (v: string, m) => (
          <Link to={`/customers/${m.customerId}`} className="num">
            {v}
          </Link>
        ),
      },
      { title: t('customers.col.companyName'), dataIndex: 'companyName', ellipsis: { showTitle: true } },
      { title: t('customers.col.branch'), dataIndex: 'branchCode', width: 80 },
      { title: t('customers.col.tier'), dataIndex: 'tier', width: 72, render: (v: number) => <Tag color={tierColor(v)}>{tierLabel(v, t)}</Tag> },
      { title: t('customers.col.phone'), dataIndex: 'phoneMasked', width: 120, render: (v: string) => <span className="num">{v || '—'}</span> },
      { title: t('segments.members.col.enteredAt'), dataIndex: 'enteredAt', width: 140, render: (v: string) => <span className="num">{formatInstant(v)}</span> },
      ...(status === 'current'
        ? []
        : [
            {
              title: t('segments.members.col.exitedAt'),
              dataIndex: 'exitedAt',
              width: 140,
              render: (v: string | null) => (v ? <span className="num">{formatInstant(v)}</span> : <Tag color="success">{t('segments.members.stillIn')}</Tag>),
            },
          ]),
      { title: t('segments.members.col.version'), dataIndex: 'version', width: 84, render: (v: number) => <span className="num">{t('segments.versionShort', { n: v })}</span> },
    ],
    [t, status],
  );

  return (
    <>
      <Flex align="center" gap={12} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('segments.members.show')}</Typography.Text>
        <Segmented<Status>
          value={status}
          onChange={(s) => {
            setStatus(s);
            setPage(1);
          }}
          options={[
            { value: 'current', label: t('segments.members.status.current') },
            { value: 'exited', label: t('segments.members.status.exited') },
            { value: 'all', label: t('segments.members.status.all') },
          ]}
        />
      </Flex>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <div data-testid="segment-members">
      <Table<SegmentMemberView>
        rowKey={(m) => `${m.customerId}-${m.enteredAt}`}
        size="small"
        columns={columns}
        dataSource={error ? [] : data?.items}
        loading={loading}
        tableLayout="fixed"
        scroll={{ x: 960 }}
        locale={{ emptyText: tableEmpty(loading, error, status === 'exited' ? t('segments.members.emptyExited') : t('segments.members.empty'), 120) }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('common.total', { total: total.toLocaleString('en-US') }),
          onChange: (p, size) => {
            setPage(size !== pageSize ? 1 : p);
            setPageSize(size);
          },
        }}
      />
      </div>
    </>
  );
}

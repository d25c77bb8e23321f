import { Flex, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { QueryTable } from '../../components/QueryTable';
import { formatInstant } from '../../format';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useT } from '../../i18n';
import type { SegmentMemberView } from '../../types';
import { tierColor, tierLabel } from '../customerLabels';

type Status = 'current' | 'exited' | 'all';

/** GET /segments/:id/members: who is in (or has left) the segment; `refreshKey` changes after a refresh. */
export function SegmentMembers({ segmentId, refreshKey }: { segmentId: string; refreshKey: number }) {
  const t = useT();
  const [status, setStatus] = useState<Status>('current');
  const members = usePagedQuery<SegmentMemberView>(`/segments/${encodeURIComponent(segmentId)}/members`, {
    query: { status },
    pageSize: 20,
    pageSizeOptions: [20, 50, 100, 200],
    hideOnSinglePage: false,
    refreshKey,
  });

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
            members.firstPage();
          }}
          options={[
            { value: 'current', label: t('segments.members.status.current') },
            { value: 'exited', label: t('segments.members.status.exited') },
            { value: 'all', label: t('segments.members.status.all') },
          ]}
        />
      </Flex>
      <div data-testid="segment-members">
        <QueryTable<SegmentMemberView>
          query={members}
          rows={members.data?.items}
          pagination={members.pagination}
          rowKey={(m) => `${m.customerId}-${m.enteredAt}`}
          columns={columns}
          scroll={{ x: 960 }}
          empty={status === 'exited' ? t('segments.members.emptyExited') : t('segments.members.empty')}
          emptyHeight={120}
        />
      </div>
    </>
  );
}

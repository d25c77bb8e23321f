import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { describeError } from '../../errors';
import { formatInstant } from '../../format';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useT } from '../../i18n';
import type { DoNotContactChannel, DoNotContactScope, DoNotContactSource, DoNotContactView } from '@app/contracts';
import { DncAddForm } from './DncAddForm';
import { DncWho } from './DncWho';
import { DNC_CHANNEL_KEYS, DNC_ROLES, DNC_SCOPE_KEYS, DNC_SOURCE_KEYS } from './policyLabels';

type Filter = 'active' | 'all';

/** Whom removing an entry frees: its customer, or a bare phone's number (and so every customer with it). */
function liftedFor(e: DoNotContactView): string {
  return (e.matchedByPhone ? e.phoneMasked : e.customerNo) ?? e.phoneMasked ?? '';
}

/** /do-not-contact: add entries (everyone, agents included); the list and removal for supervisors and up. */
export default function DoNotContactPage() {
  const t = useT();
  const { hasRole } = useAuth();
  const canList = hasRole(...DNC_ROLES.list);
  return (
    <>
      <PageHeader title={t('dnc.title')} subtitle={t('dnc.subtitle')} />
      {canList ? (
        <DncWithList />
      ) : (
        <DncAddForm onAdded={() => undefined} />
      )}
    </>
  );
}

function DncWithList() {
  const t = useT();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const canRemove = hasRole(...DNC_ROLES.remove);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<Filter>('active');
  const [refreshKey, setRefreshKey] = useState(0);
  const entries = usePagedQuery<DoNotContactView>('/do-not-contact', {
    query: { search, active: filter === 'active' },
    pageSize: 20,
    pageSizeOptions: [20, 50, 100],
    hideOnSinglePage: false,
    refreshKey,
  });

  const remove = async (entry: DoNotContactView) => {
    try {
      await api<void>(`/do-not-contact/${entry.id}`, { method: 'DELETE' });
      message.success(t('dnc.removed'));
      entries.reload();
    } catch (e) {
      message.error(describeError(e, t));
    }
  };

  const columns = useMemo<TableColumnsType<DoNotContactView>>(
    () => [
      { title: t('dnc.col.who'), key: 'who', render: (_: unknown, e) => <DncWho entry={e} /> },
      { title: t('dnc.col.channel'), dataIndex: 'channel', width: 140, render: (v: DoNotContactChannel) => <Tag>{t(DNC_CHANNEL_KEYS[v])}</Tag> },
      { title: t('dnc.col.scope'), dataIndex: 'scope', width: 96, render: (v: DoNotContactScope) => <Tag color={v === 'all' ? 'red' : 'orange'}>{t(DNC_SCOPE_KEYS[v])}</Tag> },
      { title: t('dnc.col.reason'), dataIndex: 'reason', ellipsis: { showTitle: true } },
      { title: t('dnc.col.source'), dataIndex: 'source', width: 96, render: (v: DoNotContactSource) => t.maybe(DNC_SOURCE_KEYS[v] ?? '', v) },
      { title: t('dnc.col.until'), dataIndex: 'until', width: 140, render: (v: string | null) => (v ? <span className="num">{formatInstant(v)}</span> : <Typography.Text type="secondary">{t('dnc.forever')}</Typography.Text>) },
      { title: t('dnc.col.createdBy'), dataIndex: 'createdBy', width: 100, render: (v: string | null) => v ?? '—' },
      { title: t('dnc.col.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => <span className="num">{formatInstant(v)}</span> },
      ...(canRemove && filter === 'active'
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: 84,
              render: (_: unknown, e: DoNotContactView) => (
                <Popconfirm
                  title={t('dnc.removeTitle')}
                  description={t('dnc.removeConfirm', { who: liftedFor(e) })}
                  okText={t('dnc.remove')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove(e)}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                    {t('dnc.remove')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]
        : []),
    ],
    [t, canRemove, filter],
  );

  return (
    <Flex vertical gap={12}>
      <DncAddForm onAdded={() => setRefreshKey((k) => k + 1)} />
      <Card size="small" title={t('dnc.listTitle')}>
        <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
          <Input.Search
            aria-label={t('dnc.searchPlaceholder')}
            placeholder={t('dnc.searchPlaceholder')}
            allowClear
            enterButton={t('customers.search')}
            style={{ width: 320 }}
            value={searchText}
            maxLength={60}
            onChange={(e) => {
              setSearchText(e.target.value);
              if (e.target.value === '' && search) {
                setSearch('');
                entries.firstPage();
              }
            }}
            onSearch={(value) => {
              setSearch(value.trim());
              entries.firstPage();
            }}
          />
          <Segmented<Filter>
            value={filter}
            onChange={(f) => {
              setFilter(f);
              entries.firstPage();
            }}
            options={[
              { value: 'active', label: t('dnc.filter.active') },
              { value: 'all', label: t('dnc.filter.all') },
            ]}
          />
        </Flex>
        <QueryTable<DoNotContactView>
          query={entries}
          rows={entries.data?.items}
          pagination={entries.pagination}
          columns={columns}
          scroll={{ x: 980 }}
          empty={search ? t('dnc.emptySearch') : t('dnc.empty')}
          emptyHeight={120}
        />
      </Card>
    </Flex>
  );
}

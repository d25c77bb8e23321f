import { Card, Flex, Form, Input, Select, Tag, Typography, Button, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { BoolTag } from '../components/BoolTag';
import { Money } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { serverPagination } from '../components/pagination';
import { QueryTable } from '../components/QueryTable';
import { formatDate } from '../format';
import { useApiQuery } from '../hooks/useApiQuery';
import { useT } from '../i18n';
import type { CustomerSummary, Page } from '../types';
import { TIERS, tierColor, tierLabel } from './customerLabels';

const PAGE_SIZES = [10, 20, 50, 100];

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The filters live in the URL, so "back" from a customer returns to the same page of the same search. */
function useCustomerFilters() {
  const [params, setParams] = useSearchParams();
  const filters = {
    search: params.get('search') ?? '',
    branchCode: params.get('branchCode') ?? '',
    tier: params.get('tier') ?? '',
    page: positiveInt(params.get('page'), 1),
    pageSize: Math.min(positiveInt(params.get('pageSize'), 20), 200),
  };
  const update = (patch: Partial<Record<keyof typeof filters, string | number | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  return { filters, update, reset: () => setParams(new URLSearchParams(), { replace: true }) };
}

export default function CustomersPage() {
  const t = useT();
  const navigate = useNavigate();
  const { filters, update, reset } = useCustomerFilters();
  const [searchText, setSearchText] = useState(filters.search);
  const [branchText, setBranchText] = useState(filters.branchCode);
  useEffect(() => setSearchText(filters.search), [filters.search]);
  useEffect(() => setBranchText(filters.branchCode), [filters.branchCode]);

  const customers = useApiQuery<Page<CustomerSummary>>('/customers', filters);
  const commitBranch = (value: string) => {
    const code = value.trim();
    if (code !== filters.branchCode) update({ branchCode: code });
  };

  const columns = useMemo<TableColumnsType<CustomerSummary>>(
    () => [
      { title: t('customers.col.customerNo'), dataIndex: 'customerNo', width: 112, render: (v: string) => <Typography.Link className="num">{v}</Typography.Link> },
      { title: t('customers.col.companyName'), dataIndex: 'companyName', ellipsis: { showTitle: true } },
      { title: t('customers.col.legalRep'), dataIndex: 'legalRepName', width: 96, ellipsis: true, render: (v: string | null) => v || '—' },
      { title: t('customers.col.phone'), dataIndex: 'phoneMasked', width: 112, render: (v: string) => <span className="num">{v || '—'}</span> },
      { title: t('customers.col.branch'), dataIndex: 'branchCode', width: 72 },
      { title: t('customers.col.tier'), dataIndex: 'tier', width: 70, render: (v: number) => <Tag color={tierColor(v)}>{tierLabel(v, t)}</Tag> },
      { title: t('customers.col.avgBalance'), dataIndex: 'avgDailyBalanceFen', width: 112, align: 'right', render: (v: number) => <Money fen={v} compact /> },
      { title: t('customers.col.openedAt'), dataIndex: 'openedAt', width: 100, render: (v: string) => <span className="num">{formatDate(v)}</span> },
      {
        title: t('customers.col.lastTxn'),
        dataIndex: 'lastTxnAt',
        width: 100,
        render: (v: string | null) => (v ? <span className="num">{formatDate(v)}</span> : <Typography.Text type="secondary">{t('customers.neverTraded')}</Typography.Text>),
      },
      {
        title: t('customers.col.onlineBanking'),
        dataIndex: 'onlineBankingActivated',
        width: 76,
        render: (v: boolean) => <BoolTag value={v} yes={t('customers.activated')} no={t('customers.notActivated')} />,
      },
    ],
    [t],
  );

  const open = (customer: CustomerSummary) => navigate(`/customers/${customer.id}`);

  return (
    <>
      <PageHeader title={t('customers.title')} />
      <Card size="small" styles={{ body: { padding: 16 } }}>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
          <Form layout="inline" style={{ rowGap: 8 }}>
            <Form.Item style={{ marginInlineEnd: 16 }}>
              <Input.Search
                aria-label={t('customers.searchPlaceholder')}
                placeholder={t('customers.searchPlaceholder')}
                allowClear
                enterButton={t('customers.search')}
                style={{ width: 320 }}
                value={searchText}
                maxLength={100}
                onChange={(e) => {
                  setSearchText(e.target.value);
                  if (e.target.value === '' && filters.search) update({ search: '' });
                }}
                onSearch={(value) => update({ search: value.trim() })}
              />
            </Form.Item>
            <Form.Item label={t('customers.branch')} style={{ marginInlineEnd: 16 }}>
              <Input
                placeholder={t('customers.branchPlaceholder')}
                allowClear
                style={{ width: 130 }}
                value={branchText}
                maxLength={20}
                onChange={(e) => {
                  setBranchText(e.target.value);
                  if (e.target.value === '') commitBranch('');
                }}
                onPressEnter={() => commitBranch(branchText)}
                onBlur={() => commitBranch(branchText)}
              />
            </Form.Item>
            <Form.Item label={t('customers.tier')} style={{ marginInlineEnd: 16 }}>
              <Select<string>
                allowClear
                placeholder={t('customers.tierAny')}
                style={{ width: 120 }}
                value={filters.tier || undefined}
                onChange={(value) => update({ tier: value ?? '' })}
                options={TIERS.map((tier) => ({ value: String(tier), label: tierLabel(tier, t) }))}
              />
            </Form.Item>
            <Form.Item>
              <Button onClick={reset}>{t('common.reset')}</Button>
            </Form.Item>
          </Form>
        </Flex>
        <QueryTable<CustomerSummary>
          query={customers}
          rows={customers.data?.items}
          columns={columns}
          scroll={{ x: 1080 }}
          empty={t('customers.empty')}
          emptyHeight={120}
          onOpen={open}
          pagination={serverPagination(t, {
            page: filters.page,
            pageSize: filters.pageSize,
            total: customers.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            onChange: (page, pageSize) => update({ page, pageSize }),
          })}
        />
      </Card>
    </>
  );
}

import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Form, Input, Select, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useLang } from '../../i18n';
import { type AuditTranslate, KNOWN_ACTIONS, KNOWN_TARGETS, useAuditT } from './audit.i18n';
import { policySummary } from '../campaigns/policySummary';
import { detailPairs, formatAddress, formatAuditTime, policyChange, shanghaiDayRange, type DetailPair } from './auditFormat';
import './audit.css';

/** An entry as GET /api/audit answers it. */
export interface AuditEntryView {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  address: string | null;
  detail: Record<string, unknown> | null;
}

const FILTERS = ['action', 'actorName', 'targetType', 'targetId', 'fromDay', 'toDay'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;
const LINKED: Record<string, string> = { campaign: '/campaigns', segment: '/segments', script: '/scripts' };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Values the console already has words for: statuses, roles, script kinds, channels; no branch is every branch. */
function detailWord(key: string, value: unknown, t: AuditTranslate): string | undefined {
  if (key === 'branchCode' && value === null) return t('audit.detail.allBranches');
  if (typeof value !== 'string') return undefined;
  if (key === 'from' || key === 'to') return t.maybe(`campaigns.status.${value}`, value);
  if (key === 'role') return t.maybe(`role.${value}`, value);
  if (key === 'kind') return t.maybe(`scripts.kind.${value}`, value);
  if (key === 'channel') return t.maybe(`channel.${value}`, value);
  return undefined;
}

/** A contact policy update in words, only what changed (电话时段 09:00–20:00 · 工作日 → 00:00–24:00 · 每天), not its settings as JSON. */
function policyChangePairs(detail: Record<string, unknown> | null, t: AuditTranslate): DetailPair[] | null {
  const change = policyChange(detail);
  if (!change) return null;
  const words = (lines: string[]) => (lines.length ? lines.join(t('audit.detail.separator')) : t('audit.detail.unchanged'));
  return [
    { key: t('audit.detail.before'), value: words(policySummary(change.before, t)) },
    { key: t('audit.detail.after'), value: words(policySummary(change.after, t)) },
  ];
}

export const actionLabel = (action: string, t: AuditTranslate) => t.maybe(`audit.action.${action}`, action);

function Target({ type, id, t }: { type: string | null; id: string | null; t: AuditTranslate }) {
  if (!type && !id) return <Typography.Text type="secondary">—</Typography.Text>;
  const label = type ? t.maybe(`audit.target.${type}`, type) : '';
  const text = id ? <Typography.Text className="audit-id" ellipsis={{ tooltip: id }}>{id}</Typography.Text> : null;
  return (
    <Flex vertical gap={0}>
      <span>{label}</span>
      {id && type && LINKED[type] ? <Link to={`${LINKED[type]}/${encodeURIComponent(id)}`}>{text}</Link> : text}
    </Flex>
  );
}

/** /audit (admins): who did what to which record, filtered by action, user, record and Beijing dates, newest first. */
export default function AuditPage() {
  const t = useAuditT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm();
  const applied: Filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v));
  const days = applied.fromDay && applied.toDay && DAY.test(applied.fromDay) && DAY.test(applied.toDay) ? shanghaiDayRange(applied.fromDay, applied.toDay) : null;
  const query = { action: applied.action, actorName: applied.actorName, targetType: applied.targetType, targetId: applied.targetId, from: days?.from, to: days?.to };
  const list = usePagedQuery<AuditEntryView>('/audit', { query, pageSize: 20, pageSizeOptions: [20, 50, 100], hideOnSinglePage: false });

  const search = (values: { action?: string; actorName?: string; targetType?: string; targetId?: string; dates?: [Dayjs, Dayjs] | null }) => {
    const next: Record<string, string> = {};
    for (const key of ['action', 'actorName', 'targetType', 'targetId'] as const) {
      const v = values[key]?.trim();
      if (v) next[key] = v;
    }
    if (values.dates?.[0] && values.dates[1]) {
      next.fromDay = values.dates[0].format('YYYY-MM-DD');
      next.toDay = values.dates[1].format('YYYY-MM-DD');
    }
    list.firstPage();
    setParams(next);
  };
  const reset = () => {
    form.resetFields();
    list.firstPage();
    setParams({});
  };

  const columns = useMemo<TableColumnsType<AuditEntryView>>(
    () => [
      { title: t('audit.col.at'), dataIndex: 'at', width: 160, render: (at: string) => <span className="num">{formatAuditTime(at)}</span> },
      { title: t('audit.col.actor'), dataIndex: 'actorName', width: 120, ellipsis: true, render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text> },
      {
        title: t('audit.col.action'),
        dataIndex: 'action',
        width: 170,
        render: (action: string) => (
          <Tooltip title={action}>
            <span className="audit-action" data-action={action}>
              {actionLabel(action, t)}
            </span>
          </Tooltip>
        ),
      },
      { title: t('audit.col.target'), key: 'target', width: 190, render: (_: unknown, e) => <Target type={e.targetType} id={e.targetId} t={t} /> },
      { title: t('audit.col.address'), dataIndex: 'address', width: 120, ellipsis: true, render: (a: string | null) => (a ? <span className="num">{formatAddress(a)}</span> : <Typography.Text type="secondary">—</Typography.Text>) },
      {
        title: t('audit.col.detail'),
        dataIndex: 'detail',
        render: (detail: Record<string, unknown> | null) => {
          const pairs = policyChangePairs(detail, t) ?? detailPairs(detail, (k) => t.maybe(`audit.detail.${k}`, k), [t('audit.yes'), t('audit.no')], (k, v) => detailWord(k, v, t));
          if (!pairs.length) return <Typography.Text type="secondary">—</Typography.Text>;
          return (
            <Flex wrap gap="2px 12px" className="audit-detail">
              {pairs.map((p) => (
                <span key={p.key}>
                  <Typography.Text type="secondary">{p.key}{lang === 'zh-CN' ? '：' : ': '}</Typography.Text>
                  {p.value}
                </span>
              ))}
            </Flex>
          );
        },
      },
    ],
    [t, lang],
  );

  const initial = {
    action: applied.action,
    actorName: applied.actorName,
    targetType: applied.targetType,
    targetId: applied.targetId,
    dates: days ? [dayjs(applied.fromDay), dayjs(applied.toDay)] : undefined,
  };
  const filtered = Object.keys(applied).length > 0;
  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form form={form} layout="inline" initialValues={initial} onFinish={search} className="audit-filters" data-testid="audit-filters">
          <Form.Item name="action" label={t('audit.filter.action')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('audit.filter.actionPlaceholder')}
              style={{ width: 190 }}
              options={KNOWN_ACTIONS.map((a) => ({ value: a, label: actionLabel(a, t) }))}
              popupMatchSelectWidth={240}
            />
          </Form.Item>
          <Form.Item name="actorName" label={t('audit.filter.actor')}>
            <Input allowClear placeholder={t('audit.filter.actorPlaceholder')} style={{ width: 150 }} maxLength={64} />
          </Form.Item>
          <Form.Item name="targetType" label={t('audit.filter.targetType')}>
            <Select allowClear placeholder={t('audit.filter.targetTypePlaceholder')} style={{ width: 130 }} options={KNOWN_TARGETS.map((k) => ({ value: k, label: t.maybe(`audit.target.${k}`, k) }))} />
          </Form.Item>
          <Form.Item name="targetId" label={t('audit.filter.targetId')}>
            <Input allowClear placeholder={t('audit.filter.targetIdPlaceholder')} style={{ width: 170 }} maxLength={64} />
          </Form.Item>
          <Form.Item name="dates" label={t('audit.filter.dates')}>
            <DatePicker.RangePicker style={{ width: 240 }} allowEmpty={[false, false]} />
          </Form.Item>
          <Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('audit.filter.search')}
              </Button>
              <Button onClick={reset}>{t('audit.filter.reset')}</Button>
            </Flex>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small">
        <div data-testid="audit-table">
          <QueryTable<AuditEntryView> query={list} rows={list.data?.items} empty={filtered ? t('audit.empty') : t('audit.emptyAll')} columns={columns} pagination={list.pagination} />
        </div>
      </Card>
    </>
  );
}

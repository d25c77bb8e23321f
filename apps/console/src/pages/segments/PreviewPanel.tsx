import { Alert, Card, Flex, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api';
import { tableEmpty } from '../../components/TableEmpty';
import { describeError } from '../../errors';
import { formatDuration, formatNumber } from '../../format';
import { useLang, useT } from '../../i18n';
import type { SegmentFieldView, SegmentPreviewRow } from '../../types';
import { fieldsOfRule } from './ruleModel';
import { localized, sampleValueText } from './segmentLabels';
import type { RulePreview } from './useRulePreview';
import './segments.css';

/** Sample columns: amounts need room for ¥1,234,567.89; the rest are short. */
function columnWidth(field: SegmentFieldView | undefined): number {
  return field?.type === 'money' ? 128 : field?.type === 'string' ? 120 : 96;
}

export type PreviewState = 'empty' | 'incomplete' | 'ready';

/** 命中客户: the count for the rule on screen, its date and how long it took; dimmed while recounting. */
export function PreviewCount({ preview, state, unplaced }: { preview: RulePreview; state: PreviewState; unplaced: string[] }) {
  const t = useT();
  const { lang } = useLang();
  const { data, error, loading } = preview;
  const invalid = error instanceof ApiError && error.status === 400;
  const stale = loading || state !== 'ready' || !!error;
  return (
    <Card size="small" title={t('segments.preview.title')} extra={loading ? <Spin size="small" /> : null} data-testid="preview">
      <Typography.Text type="secondary">{t('segments.preview.count')}</Typography.Text>
      <Flex align="baseline" gap={6} style={{ opacity: stale && data ? 0.45 : 1, transition: 'opacity 0.2s' }}>
        <span className="preview-count num" data-testid="preview-count" aria-live="polite" aria-busy={loading}>
          {data && state !== 'empty' ? formatNumber(data.count) : '—'}
        </span>
        <Typography.Text type="secondary">{t('segments.preview.unit')}</Typography.Text>
      </Flex>
      {data && state !== 'empty' ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="preview-meta">
          {t('segments.preview.asOf', { date: data.asOf })} · {t('segments.preview.ms', { ms: formatDuration(data.ms, lang) })}
        </Typography.Text>
      ) : null}
      {state === 'empty' ? <Alert type="info" showIcon title={t('segments.preview.emptyRule')} style={{ marginTop: 12 }} /> : null}
      {state === 'incomplete' ? <Alert type="warning" showIcon title={t('segments.preview.incomplete')} style={{ marginTop: 12 }} /> : null}
      {state === 'ready' && invalid ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('segments.preview.invalid')}
          description={unplaced.length ? unplaced.map((m, i) => <div key={i}>{m}</div>) : undefined}
          style={{ marginTop: 12 }}
        />
      ) : null}
      {state === 'ready' && error && !invalid ? <Alert type="error" showIcon role="alert" title={describeError(error, t)} style={{ marginTop: 12 }} /> : null}
    </Card>
  );
}

/** The first customers the rule picks, with the value of every field it uses. */
export function PreviewSample({ preview, fields, stale }: { preview: RulePreview; fields: Map<string, SegmentFieldView>; stale: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const { data, dataRule, loading, error } = preview;
  const used = useMemo(() => fieldsOfRule(dataRule), [dataRule]);
  const columns = useMemo<TableColumnsType<SegmentPreviewRow>>(
    () => [
      {
        title: t('customers.col.customerNo'),
        dataIndex: 'customerNo',
        width: 116,
        fixed: 'left',
        render: (v: string, row) => (
          <Link to={`/customers/${row.id}`} className="num">
            {v}
          </Link>
        ),
      },
      { title: t('customers.col.companyName'), dataIndex: 'companyName', width: 200, ellipsis: { showTitle: true } },
      ...used.map((key) => {
        const field = fields.get(key);
        return {
          key,
          title: field ? localized(field.label, lang) : key,
          width: columnWidth(field),
          align: field?.type === 'money' || field?.type === 'percent' || field?.type === 'days' || field?.type === 'integer' ? ('right' as const) : undefined,
          render: (_: unknown, row: SegmentPreviewRow) => <span className="num">{sampleValueText(row.fields[key], field, t)}</span>,
        };
      }),
    ],
    [t, lang, used, fields],
  );
  const rows = data?.sample ?? [];
  return (
    <Card
      size="small"
      title={rows.length ? t('segments.preview.sample', { n: rows.length }) : t('segments.preview.sampleTitle')}
      data-testid="preview-sample"
      styles={{ body: { opacity: stale && rows.length ? 0.5 : 1, transition: 'opacity 0.2s' } }}
    >
      <Table<SegmentPreviewRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={loading && !data}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: 316 + used.reduce((sum, key) => sum + columnWidth(fields.get(key)), 0), y: 360 }}
        locale={{ emptyText: tableEmpty(loading, error, data ? t('segments.preview.sampleEmpty') : t('segments.preview.sampleNone')) }}
      />
    </Card>
  );
}

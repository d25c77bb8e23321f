import { Alert, Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { formatDuration } from '../../format';
import { useLang, useT, type MessageKey } from '../../i18n';
import type { ImportResult, RejectedRow } from '../../types';
import { DownloadRejections } from './DownloadRejections';

/** Feed columns as the customer page names them, shown beside the raw column name of a rejection. */
const FIELD_LABELS: Record<string, MessageKey> = {
  customer_no: 'detail.customerNo',
  company_name: 'detail.companyName',
  uscc: 'detail.uscc',
  legal_rep_name: 'detail.legalRep',
  phone: 'detail.phone',
  branch_code: 'detail.branch',
  province: 'detail.province',
  opened_at: 'detail.openedAt',
  last_txn_at: 'detail.lastTxn',
  avg_daily_balance: 'detail.avgBalance',
  tier: 'detail.tier',
  next_tier_threshold: 'detail.nextTier',
  points_balance: 'detail.points',
  points_expire_at: 'detail.pointsExpire',
  online_banking_activated: 'detail.onlineBanking',
  mobile_banking_active: 'detail.mobileBanking',
  payroll_service: 'detail.payroll',
  has_loan: 'detail.loan',
  consent_sms: 'detail.consentSms',
  consent_call: 'detail.consentCall',
};

/** What the last upload did: the four counts, the warnings and the rejected rows. */
export function ImportResultCard({ result, fileName }: { result: ImportResult; fileName: string }) {
  const t = useT();
  const { lang } = useLang();
  const rejected = (result.rejected ?? []).map((row, i) => ({ ...row, key: i }));
  const warnings = result.warnings ?? [];
  const rejectedCount = result.rejectedCount ?? rejected.length;
  const stat = (title: string, value: number, color?: string) => (
    <Col xs={12} md={6} xl={4}>
      <Statistic title={title} value={value} styles={{ content: { fontVariantNumeric: 'tabular-nums', color } }} />
    </Col>
  );

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="baseline">
          {t('imports.result')}
          <Typography.Text type="secondary" ellipsis={{ tooltip: fileName }} style={{ fontWeight: 'normal', minWidth: 0 }}>
            {fileName}
          </Typography.Text>
        </Flex>
      }
      data-testid="import-result"
    >
      <Row gutter={[16, 16]}>
        {stat(t('imports.imported'), result.imported, '#1f4f99')}
        {stat(t('imports.updated'), result.updated)}
        {stat(t('imports.unchanged'), result.unchanged)}
        {stat(t('imports.rejected'), rejectedCount, rejectedCount > 0 ? '#cf1322' : undefined)}
        <Col xs={12} md={6} xl={4}>
          <Statistic title={t('imports.duration')} value={formatDuration(result.durationMs, lang)} />
        </Col>
      </Row>

      {warnings.length ? (
        <Flex vertical gap={8} style={{ marginTop: 16 }}>
          {warnings.map((warning, i) => (
            <Alert key={i} type="warning" showIcon title={warning} />
          ))}
        </Flex>
      ) : null}

      {rejectedCount > 0 ? (
        <div style={{ marginTop: 16 }}>
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('imports.rejectedRows')}</Typography.Text>
            <DownloadRejections runId={result.runId} label={t('imports.downloadRejections')} />
          </Flex>
          {rejected.length < rejectedCount ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('imports.rejectedTruncated', { shown: rejected.length, total: rejectedCount })}
            </Typography.Paragraph>
          ) : null}
          <Table<RejectedRow & { key: number }>
            size="small"
            dataSource={rejected}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: t('imports.col.line'), dataIndex: 'line', width: 90, render: (v: number) => <span className="num">{v}</span> },
              {
                title: t('imports.col.field'),
                dataIndex: 'field',
                width: 280,
                render: (v: string) => (
                  <Flex gap={4} align="baseline" wrap>
                    <Typography.Text code>{v}</Typography.Text>
                    {FIELD_LABELS[v] ? <Typography.Text type="secondary">{t(FIELD_LABELS[v])}</Typography.Text> : null}
                  </Flex>
                ),
              },
              { title: t('imports.col.reason'), dataIndex: 'message' },
            ]}
          />
        </div>
      ) : (
        <Alert type="success" showIcon title={t('imports.allAccepted')} style={{ marginTop: 16 }} />
      )}
    </Card>
  );
}

import { EyeOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Flex, Input, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { apiGet, apiPost } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import type { CustomerSummary, Page, ScriptPreview, ScriptView } from '@app/contracts';
import './scripts.css';

interface Shown {
  customer: CustomerSummary;
  preview: ScriptPreview;
}

/** The saved script rendered for a real customer, found by customer number. */
export function ScriptPreviewPanel({ script, dirty }: { script: ScriptView | null; dirty: boolean }) {
  const t = useT();
  const [customerNo, setCustomerNo] = useState('');
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);

  const run = async (no: string, v = version) => {
    const wanted = no.trim();
    if (!script || !wanted) return;
    setLoading(true);
    setError(null);
    setNotFound(null);
    try {
      const found = await apiGet<Page<CustomerSummary>>('/customers', { search: wanted, pageSize: 10 });
      const customer = found.items.find((c) => c.customerNo.toLowerCase() === wanted.toLowerCase()) ?? (found.items.length === 1 ? found.items[0] : undefined);
      if (!customer) {
        setShown(null);
        setNotFound(wanted);
        return;
      }
      const preview = await apiPost<ScriptPreview>(`/scripts/${encodeURIComponent(script.id)}/preview`, { customerId: customer.id, version: v });
      setShown({ customer, preview });
    } catch (e) {
      setShown(null);
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card size="small" title={t('scripts.preview.title')} data-testid="script-preview">
      {!script ? (
        <Typography.Text type="secondary">{t('scripts.preview.saveFirst')}</Typography.Text>
      ) : (
        <Flex vertical gap={10}>
          <Input.Search
            aria-label={t('scripts.preview.customerNo')}
            placeholder={t('scripts.preview.customerNo')}
            enterButton={<EyeOutlined />}
            value={customerNo}
            maxLength={40}
            onChange={(e) => setCustomerNo(e.target.value)}
            onSearch={(v) => run(v)}
            loading={loading}
          />
          {script.version > 1 ? (
            <Select<number>
              size="small"
              value={version ?? script.version}
              onChange={(v) => {
                const next = v === script.version ? undefined : v;
                setVersion(next);
                if (customerNo.trim()) void run(customerNo, next);
              }}
              options={Array.from({ length: script.version }, (_, i) => script.version - i).map((n) => ({ value: n, label: t('scripts.versionLong', { n }) }))}
              style={{ width: 140 }}
            />
          ) : null}
          {dirty ? <Alert type="info" showIcon title={t('scripts.preview.savedOnly')} /> : null}
          {error ? <ErrorAlert error={error} /> : null}
          {notFound ? <Alert type="warning" showIcon title={t('scripts.preview.notFound', { no: notFound })} /> : null}
          {loading && !shown ? <Spin /> : null}
          {shown ? <PreviewBody shown={shown} /> : !error && !notFound && !loading ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('scripts.preview.hint')} /> : null}
        </Flex>
      )}
    </Card>
  );
}

function PreviewBody({ shown: { customer, preview } }: { shown: Shown }) {
  const t = useT();
  return (
    <Flex vertical gap={8} data-testid="script-preview-body">
      <Typography.Text type="secondary">
        {t('scripts.preview.for', { version: preview.version })}
        <Link to={`/customers/${customer.id}`} className="num">
          {customer.customerNo}
        </Link>{' '}
        {customer.companyName}
      </Typography.Text>
      {preview.text !== null ? (
        <>
          <div className="sms-bubble" data-testid="sms-preview-text">
            {preview.text}
          </div>
          {preview.smsLength ? (
            <Typography.Text className="num" type={preview.smsLength.parts > 1 ? 'warning' : 'secondary'}>
              {t('scripts.sms.actual', { chars: formatNumber(preview.smsLength.characters), parts: formatNumber(preview.smsLength.parts) })}
            </Typography.Text>
          ) : null}
        </>
      ) : null}
      {preview.steps?.map((s, i) => (
        <div key={s.id}>
          <Typography.Text strong>
            {i + 1}. {s.title}
          </Typography.Text>
          <div className="script-text">{s.text}</div>
        </div>
      ))}
    </Flex>
  );
}

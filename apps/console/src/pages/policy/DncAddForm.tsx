import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, apiPost } from '../../api';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../format';
import { useLang, useT } from '../../i18n';
import { DNC_CHANNELS, type DoNotContactChannel, type DoNotContactScope, type DoNotContactView } from '@app/contracts';
import { wallToIso } from './beijingTime';
import { DNC_CHANNEL_KEYS } from './policyLabels';
import { serverMessage } from './serverMessages';

interface AddForm {
  target: 'customer' | 'phone';
  customerNo?: string;
  phone?: string;
  channel: DoNotContactChannel;
  scope: DoNotContactScope;
  reason: string;
  until?: Dayjs | null;
}

export type AddedEntry = DoNotContactView & { withdrawn: number };

/** Adds a do-not-contact entry by customer number or phone; says how many planned contacts it withdrew. */
export function DncAddForm({ onAdded }: { onAdded: (entry: AddedEntry) => void }) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<AddForm>();
  const { user } = useAuth();
  const target = Form.useWatch('target', form) ?? 'customer';
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<AddedEntry | null>(null);

  const add = async (values: AddForm) => {
    setSaving(true);
    setError(null);
    setAdded(null);
    try {
      const entry = await apiPost<AddedEntry>('/do-not-contact', {
        ...(values.target === 'customer' ? { customerNo: values.customerNo?.trim() } : { phone: values.phone?.trim() }),
        channel: values.channel,
        scope: values.scope,
        reason: values.reason.trim(),
        until: values.until ? wallToIso(values.until) : undefined,
        // an agent adds entries for customers who refuse on the phone
        source: user?.role === 'agent' ? 'agent' : 'manual',
      });
      setAdded(entry);
      form.resetFields(['customerNo', 'phone', 'reason', 'until']);
      onAdded(entry);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.fields.length) {
        form.setFields(e.fields.map((f) => ({ name: f.field as keyof AddForm, errors: [serverMessage(f.message, lang, t)] })));
      } else if (e instanceof ApiError && e.status === 404) {
        form.setFields([{ name: values.target === 'customer' ? 'customerNo' : 'phone', errors: [t('dnc.notFound')] }]);
      } else setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('dnc.addTitle')}>
      <Form<AddForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={add}
        initialValues={{ target: 'customer', channel: 'all', scope: 'marketing' }}
        onValuesChange={() => setAdded(null)}
        data-testid="dnc-add-form"
      >
        <Row gutter={16}>
          <Col span={9}>
            <Form.Item label={t('dnc.who')} required>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="target" noStyle>
                  <Select
                    aria-label={t('dnc.target')}
                    style={{ width: 120 }}
                    options={[
                      { value: 'customer', label: t('dnc.byCustomerShort') },
                      { value: 'phone', label: t('dnc.byPhoneShort') },
                    ]}
                  />
                </Form.Item>
                {target === 'customer' ? (
                  <Form.Item name="customerNo" noStyle rules={[{ required: true, whitespace: true, message: t('dnc.customerNoRequired') }]}>
                    <Input aria-label={t('dnc.customerNo')} placeholder={t('dnc.customerNoPlaceholder')} maxLength={40} allowClear />
                  </Form.Item>
                ) : (
                  <Form.Item name="phone" noStyle rules={[{ required: true, whitespace: true, message: t('dnc.phoneRequired') }]}>
                    <Input aria-label={t('dnc.phone')} placeholder={t('dnc.phonePlaceholder')} maxLength={30} allowClear />
                  </Form.Item>
                )}
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="channel" label={t('dnc.col.channel')}>
              <Select<DoNotContactChannel> options={DNC_CHANNELS.map((c) => ({ value: c, label: t(DNC_CHANNEL_KEYS[c]) }))} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="scope" label={t('dnc.col.scope')} tooltip={t('dnc.scopeHint')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'marketing', label: t('dnc.scope.marketing') },
                  { value: 'all', label: t('dnc.scope.all') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="reason" label={t('dnc.col.reason')} rules={[{ required: true, whitespace: true, message: t('dnc.reasonRequired') }]}>
              <Input placeholder={t('dnc.reasonPlaceholder')} maxLength={200} showCount />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="until" label={t('dnc.col.until')} tooltip={t('dnc.untilHint')}>
              <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" placeholder={t('dnc.forever')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item label=" " colon={false}>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
                {t('dnc.add')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
        {error ? <ErrorAlert error={error} title={t('dnc.addFailed')} /> : null}
        {added ? (
          <Alert
            type="success"
            showIcon
            role="status"
            title={t('dnc.added')}
            description={<span data-testid="dnc-withdrawn">{t('dnc.withdrawn', { n: formatNumber(added.withdrawn) })}</span>}
            style={{ marginBottom: 12 }}
          />
        ) : null}
      </Form>
    </Card>
  );
}

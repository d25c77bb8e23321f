import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, apiPost } from '../../api';
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
        <Form.Item name="target" label={t('dnc.target')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'customer', label: t('dnc.byCustomer') },
              { value: 'phone', label: t('dnc.byPhone') },
            ]}
          />
        </Form.Item>
        {target === 'customer' ? (
          <Form.Item name="customerNo" label={t('dnc.customerNo')} rules={[{ required: true, whitespace: true, message: t('dnc.customerNoRequired') }]}>
            <Input placeholder={t('dnc.customerNoPlaceholder')} maxLength={40} allowClear />
          </Form.Item>
        ) : (
          <Form.Item name="phone" label={t('dnc.phone')} rules={[{ required: true, whitespace: true, message: t('dnc.phoneRequired') }]}>
            <Input placeholder={t('dnc.phonePlaceholder')} maxLength={30} allowClear />
          </Form.Item>
        )}
        <Form.Item name="channel" label={t('dnc.col.channel')}>
          <Select<DoNotContactChannel> options={DNC_CHANNELS.map((c) => ({ value: c, label: t(DNC_CHANNEL_KEYS[c]) }))} />
        </Form.Item>
        <Form.Item name="scope" label={t('dnc.col.scope')} extra={t('dnc.scopeHint')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'marketing', label: t('dnc.scope.marketing') },
              { value: 'all', label: t('dnc.scope.all') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('dnc.col.reason')} rules={[{ required: true, whitespace: true, message: t('dnc.reasonRequired') }]}>
          <Input.TextArea placeholder={t('dnc.reasonPlaceholder')} maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} showCount />
        </Form.Item>
        <Form.Item name="until" label={t('dnc.col.until')} extra={t('dnc.untilHint')}>
          <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" placeholder={t('dnc.forever')} style={{ width: '100%' }} />
        </Form.Item>
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
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} block>
          {t('dnc.add')}
        </Button>
      </Form>
    </Card>
  );
}

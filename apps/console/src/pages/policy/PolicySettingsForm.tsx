import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatInstant } from '../../format';
import { useLang, useT } from '../../i18n';
import { CONTACT_DAYS, RETRY_OUTCOMES, type ChannelClass, type ContactPolicySettings, type ContactPolicyView } from '@app/contracts';
import { nameUnder, type NamePath } from './fieldPath';
import { HourMinuteInput } from './HourMinuteInput';
import { CLASS_KEYS, DAYS_KEYS, RETRY_KEYS } from './policyLabels';
import { serverMessage } from './serverMessages';
import { POLICY_MESSAGES } from './policyServerMessages';
import './policy.css';

const CLASSES: ChannelClass[] = ['call', 'sms'];

/** The bank's global contact policy: admins edit it, everyone else reads the same form disabled. */
export function PolicySettingsForm({ view, canEdit, onSaved }: { view: ContactPolicyView; canEdit: boolean; onSaved: (view: ContactPolicyView) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactPolicySettings>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loose, setLoose] = useState<string[]>([]);

  useEffect(() => form.setFieldsValue(view.settings), [form, view]);

  const save = async (settings: ContactPolicySettings) => {
    setSaving(true);
    setError(null);
    setLoose([]);
    try {
      const saved = await api<ContactPolicyView>('/contact-policy', { method: 'PUT', body: { settings } });
      message.success(t('policy.saved'));
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.fields.length) {
        const placed: Array<{ name: NamePath; errors: string[] }> = [];
        const rest: string[] = [];
        for (const f of e.fields) {
          const name = nameUnder(f.field, 'settings');
          const text = serverMessage(f.message, lang, t, POLICY_MESSAGES);
          if (name && name.length > 1) placed.push({ name, errors: [text] });
          else rest.push(`${f.field}: ${text}`);
        }
        form.setFields(placed as Parameters<typeof form.setFields>[0]);
        setLoose(rest);
        if (!placed.length) setError(e);
      } else setError(e);
    } finally {
      setSaving(false);
    }
  };

  const daysOptions = CONTACT_DAYS.map((d) => ({ value: d, label: t(DAYS_KEYS[d]) }));

  return (
    <Form<ContactPolicySettings> form={form} initialValues={view.settings} disabled={!canEdit} onFinish={save} requiredMark={false} data-testid="policy-form">
      {!canEdit ? <Alert type="info" showIcon title={t('policy.readOnly')} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('policy.hours.title')} extra={<Typography.Text type="secondary">{t('policy.hours.hint')}</Typography.Text>}>
            {CLASSES.map((cls) => (
              <Flex key={cls} align="flex-start" gap={8} wrap className="policy-row">
                <Typography.Text strong style={{ width: 48, lineHeight: '32px' }}>
                  {t(CLASS_KEYS[cls])}
                </Typography.Text>
                <Form.Item name={['hours', cls, 'start']} rules={[{ required: true, message: t('policy.err.time') }]} style={{ marginBottom: 12, width: 96 }}>
                  <HourMinuteInput aria-label={t('policy.hours.startOf', { cls: t(CLASS_KEYS[cls]) })} />
                </Form.Item>
                <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                  {t('policy.hours.to')}
                </Typography.Text>
                <Form.Item name={['hours', cls, 'end']} rules={[{ required: true, message: t('policy.err.time') }]} style={{ marginBottom: 12, width: 96 }}>
                  <HourMinuteInput aria-label={t('policy.hours.endOf', { cls: t(CLASS_KEYS[cls]) })} />
                </Form.Item>
                <Form.Item name={['hours', cls, 'days']} style={{ marginBottom: 12 }}>
                  <Select aria-label={t('policy.hours.daysOf', { cls: t(CLASS_KEYS[cls]) })} options={daysOptions} style={{ width: lang === 'zh-CN' ? 180 : 250 }} />
                </Form.Item>
              </Flex>
            ))}
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 12 }}>
              {t('policy.hours.explain')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('policy.caps.title')} extra={<Typography.Text type="secondary">{t('policy.caps.hint')}</Typography.Text>}>
            {CLASSES.map((cls) => (
              <Flex key={cls} align="flex-start" gap={8} wrap className="policy-row">
                <Typography.Text strong style={{ width: 48, lineHeight: '32px' }}>
                  {t(CLASS_KEYS[cls])}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                  {t('policy.caps.every')}
                </Typography.Text>
                <Form.Item name={['caps', cls, 'days']} rules={[{ required: true, message: t('policy.err.number') }]} style={{ marginBottom: 12 }}>
                  <InputNumber<number> aria-label={t('policy.caps.daysOf', { cls: t(CLASS_KEYS[cls]) })} min={1} max={365} precision={0} suffix={t('policy.unit.days')} style={{ width: 110 }} />
                </Form.Item>
                <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                  {t('policy.caps.atMost')}
                </Typography.Text>
                <Form.Item name={['caps', cls, 'max']} rules={[{ required: true, message: t('policy.err.number') }]} style={{ marginBottom: 12 }}>
                  <InputNumber<number> aria-label={t('policy.caps.maxOf', { cls: t(CLASS_KEYS[cls]) })} min={0} max={100} precision={0} suffix={t('policy.unit.times')} style={{ width: 100 }} />
                </Form.Item>
              </Flex>
            ))}
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 12 }}>
              {t('policy.caps.explain')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('policy.retry.title')} extra={<Typography.Text type="secondary">{t('policy.retry.emptyHint')}</Typography.Text>}>
            <Row gutter={16}>
              <Col span={5}>
                <Form.Item name="maxAttempts" layout="vertical" label={t('policy.maxAttempts')} extra={t('policy.maxAttemptsHint')} rules={[{ required: true, message: t('policy.err.number') }]} style={{ marginBottom: 0 }}>
                  <InputNumber<number> min={1} max={10} precision={0} suffix={t('policy.unit.times')} style={{ width: 120 }} />
                </Form.Item>
              </Col>
              {RETRY_OUTCOMES.map((outcome) => (
                <Col key={outcome} span={4}>
                  <Form.Item name={['retryMinutes', outcome]} layout="vertical" label={t('policy.retry.after', { outcome: t(RETRY_KEYS[outcome]) })} style={{ marginBottom: 0 }}>
                    <InputNumber<number> min={1} max={10080} precision={0} placeholder={t('policy.retry.never')} suffix={t('policy.unit.minutes')} style={{ width: 130 }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
      {error ? <ErrorAlert error={error} title={t('policy.saveFailed')} /> : null}
      {loose.length ? <Alert type="error" showIcon title={loose.join('；')} style={{ margin: '12px 0' }} /> : null}
      <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
        <Typography.Text type="secondary" className="num">
          {view.updatedAt ? t('policy.updatedBy', { by: view.updatedBy ?? '—', at: formatInstant(view.updatedAt) }) : t('policy.defaults')}
        </Typography.Text>
        {canEdit ? (
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
            {t('policy.save')}
          </Button>
        ) : null}
      </Flex>
    </Form>
  );
}

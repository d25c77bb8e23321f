import { CheckCircleFilled, CloseCircleFilled, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, apiPost } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTimeZone } from '../../format';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useLang, useT } from '../../i18n';
import { CHANNELS, PURPOSES, type CampaignView, type Channel, type PolicyEvaluation, type Purpose } from '@app/contracts';
import { instantWithWeekday, isoToWall, wallToIso } from './beijingTime';
import { PolicyTrace } from './PolicyTrace';
import { PURPOSE_KEYS } from './policyLabels';
import { serverMessage } from './serverMessages';
import './policy.css';

interface WhyForm {
  customerNo: string;
  channel: Channel;
  purpose: Purpose;
  at?: Dayjs | null;
  campaignId?: string;
}

function isChannel(v: string | null): v is Channel {
  return !!v && (CHANNELS as readonly string[]).includes(v);
}

function isPurpose(v: string | null): v is Purpose {
  return !!v && (PURPOSES as readonly string[]).includes(v);
}

/** "Why (not)?": the contact policy's decision for one customer, channel, purpose and moment, rule by rule. */
export function WhyView() {
  const t = useT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<WhyForm>();
  const [result, setResult] = useState<PolicyEvaluation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const campaigns = useApiQuery<CampaignView[]>('/campaigns');

  const evaluate = async (values: WhyForm) => {
    setLoading(true);
    setError(null);
    const body = {
      customerNo: values.customerNo.trim(),
      channel: values.channel,
      purpose: values.purpose,
      at: values.at ? wallToIso(values.at) : undefined,
      campaignId: values.campaignId || undefined,
    };
    // the question stays in the URL, so it can be linked and reloaded
    const next = new URLSearchParams(params);
    next.set('tab', 'why');
    for (const [key, value] of Object.entries(body)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
    try {
      setResult(await apiPost<PolicyEvaluation>('/contact-policy/evaluate', body));
    } catch (e) {
      setResult(null);
      if (e instanceof ApiError && e.status === 400 && e.fields.length) {
        form.setFields(e.fields.map((f) => ({ name: f.field as keyof WhyForm, errors: [serverMessage(f.message, lang, t)] })));
      } else setError(e);
    } finally {
      setLoading(false);
    }
  };

  // a link from an attempt (or a reload) asks at once
  useEffect(() => {
    const customerNo = params.get('customerNo');
    const channel = params.get('channel');
    const purpose = params.get('purpose');
    const values: WhyForm = {
      customerNo: customerNo ?? '',
      channel: isChannel(channel) ? channel : 'sms',
      purpose: isPurpose(purpose) ? purpose : 'marketing',
      at: isoToWall(params.get('at')),
      campaignId: params.get('campaignId') ?? undefined,
    };
    form.setFieldsValue(values);
    if (customerNo) void evaluate(values);
    // only when the page opens
  }, []);

  const campaignOptions = (campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }));

  return (
    <Row gutter={16} align="top">
      <Col flex="380px">
        <Card size="small" title={t('why.question')}>
          <Form<WhyForm> form={form} layout="vertical" onFinish={evaluate} requiredMark={false} initialValues={{ channel: 'sms', purpose: 'marketing' }}>
            <Form.Item name="customerNo" label={t('why.customerNo')} rules={[{ required: true, whitespace: true, message: t('why.customerNoRequired') }]}>
              <Input placeholder={t('why.customerNoPlaceholder')} maxLength={40} allowClear />
            </Form.Item>
            <Form.Item name="channel" label={t('why.channel')}>
              <Radio.Group optionType="button" options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
            </Form.Item>
            <Form.Item name="purpose" label={t('why.purpose')}>
              <Radio.Group optionType="button" options={PURPOSES.map((p) => ({ value: p, label: t(PURPOSE_KEYS[p]) }))} />
            </Form.Item>
            <Form.Item name="at" label={t('why.at')} extra={t('why.atHint')}>
              <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" placeholder={t('why.atNow')} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="campaignId" label={t('why.campaign')} extra={t('why.campaignHint')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('why.campaignNone')} options={campaignOptions} loading={campaigns.loading} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading} block>
              {t('why.ask')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        {error ? <ErrorAlert error={error} /> : null}
        {result ? <WhyAnswer result={result} /> : error ? null : (
          <Card size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('why.empty')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}

function WhyAnswer({ result }: { result: PolicyEvaluation }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Card size="small" title={t('why.answer')} data-testid="why-answer">
      <Flex vertical gap={12}>
        <div className={`decision-banner decision-banner--${result.allowed ? 'allowed' : 'refused'}`} data-testid="why-decision">
          {result.allowed ? <CheckCircleFilled /> : <CloseCircleFilled />}
          <span>{result.allowed ? t('why.allowed') : t('why.refused')}</span>
        </div>
        <Descriptions size="small" bordered column={2}>
          <Descriptions.Item label={t('why.customerNo')}>
            <Link to={`/customers/${result.customerId}`} className="num">
              {result.customerNo}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('why.channelPurpose')}>
            {t(`channel.${result.channel}`)} · {t(PURPOSE_KEYS[result.purpose])}
          </Descriptions.Item>
          <Descriptions.Item label={t('why.checkedAt')}>
            <span className="num">{instantWithWeekday(result.at, t)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('why.timeZone')}>
            <span title={result.timeZone}>{formatTimeZone(result.timeZone, lang)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('why.nextAllowed')} span={2}>
            {result.allowed ? (
              <Typography.Text type="success">{t('why.nowAllowed')}</Typography.Text>
            ) : result.nextAllowedAt ? (
              <span className="num" data-testid="why-next-allowed">
                {instantWithWeekday(result.nextAllowedAt, t)}
              </span>
            ) : (
              <Typography.Text type="danger">{t('why.personOnly')}</Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text strong>{t('why.trace')}</Typography.Text>
        <PolicyTrace trace={result.trace} />
      </Flex>
    </Card>
  );
}

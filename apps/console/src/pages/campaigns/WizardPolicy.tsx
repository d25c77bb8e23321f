import { Alert, Col, Divider, Flex, Form, InputNumber, Radio, Row, Select, Skeleton, Typography, type FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n';
import { CONTACT_DAYS, RETRY_OUTCOMES, type ChannelClass, type ContactPolicySettings, type ContactPolicyView, type PacingMode } from '@app/contracts';
import { HourMinuteInput } from '../policy/HourMinuteInput';
import { CLASS_KEYS, DAYS_KEYS, RETRY_KEYS } from '../policy/policyLabels';
import { PACING_KEYS } from './campaignLabels';
import { widensDays, widensEnd, widensRetry, widensStart } from './policyNarrowing';
import { RetryOverrideInput } from './RetryOverrideInput';
import '../policy/policy.css';
import './campaigns.css';

const CLASSES: ChannelClass[] = ['call', 'sms'];
const MODES: PacingMode[] = ['preview', 'progressive', 'power', 'predictive'];

/** One row: the label, the campaign's inputs, and the bank's value beside them. */
function Row2({ label, global, children }: { label: string; global: string; children: ReactNode }) {
  const t = useT();
  return (
    <Row gutter={12} align="top" className="policy-narrow-row">
      <Col flex="120px" style={{ lineHeight: '32px' }}>
        <Typography.Text strong>{label}</Typography.Text>
      </Col>
      <Col flex="0 0 470px">
        <Flex gap={8} align="flex-start" wrap>
          {children}
        </Flex>
      </Col>
      <Col flex="auto" style={{ lineHeight: '32px' }}>
        <span className="policy-global">{t('campaigns.policy.global', { value: global })}</span>
      </Col>
    </Row>
  );
}

/** Page 4: narrowing the bank's contact policy for this campaign (never widening it), and the call pacing. */
export function WizardPolicy({ form, policy }: { form: FormInstance; policy: { data: ContactPolicyView | undefined; error: unknown; reload: () => void } }) {
  const t = useT();
  const mode = (Form.useWatch(['pacing', 'mode'], form) as PacingMode | undefined) ?? 'progressive';
  if (policy.error) return <ErrorAlert error={policy.error} onRetry={policy.reload} />;
  if (!policy.data) return <Skeleton active />;
  const g: ContactPolicySettings = policy.data.settings;
  const inherit = t('campaigns.policy.inherit');
  const wider = (widens: (v: never) => boolean): Rule => ({ validator: (_, v) => (widens(v as never) ? Promise.reject(new Error(t('policy.srv.widens'))) : Promise.resolve()) });
  const retryText = (v: number | null) => (v === null ? t('policy.retry.never') : t('campaigns.policy.minutes', { n: v }));

  return (
    <>
      <Alert type="info" showIcon title={t('campaigns.policy.explain')} style={{ marginBottom: 16 }} />
      {CLASSES.map((cls) => (
        <Row2 key={`h-${cls}`} label={t('campaigns.policy.hoursOf', { cls: t(CLASS_KEYS[cls]) })} global={`${g.hours[cls].start}–${g.hours[cls].end} · ${t(DAYS_KEYS[g.hours[cls].days])}`}>
          <Form.Item name={['policy', 'hours', cls, 'start']} rules={[wider((v: string) => widensStart(v, g.hours[cls].start))]} style={{ marginBottom: 12, width: 96 }}>
            <HourMinuteInput allowClear placeholder={g.hours[cls].start} aria-label={t('policy.hours.startOf', { cls: t(CLASS_KEYS[cls]) })} />
          </Form.Item>
          <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
            {t('policy.hours.to')}
          </Typography.Text>
          <Form.Item name={['policy', 'hours', cls, 'end']} rules={[wider((v: string) => widensEnd(v, g.hours[cls].end))]} style={{ marginBottom: 12, width: 96 }}>
            <HourMinuteInput allowClear placeholder={g.hours[cls].end} aria-label={t('policy.hours.endOf', { cls: t(CLASS_KEYS[cls]) })} />
          </Form.Item>
          <Form.Item name={['policy', 'hours', cls, 'days']} rules={[wider((v: never) => widensDays(v, g.hours[cls].days))]} style={{ marginBottom: 12, width: 200 }}>
            <Select
              aria-label={t('policy.hours.daysOf', { cls: t(CLASS_KEYS[cls]) })}
              allowClear
              placeholder={inherit}
              style={{ width: 200 }}
              options={CONTACT_DAYS.map((d) => ({ value: d, label: t(DAYS_KEYS[d]), disabled: widensDays(d, g.hours[cls].days) }))}
            />
          </Form.Item>
        </Row2>
      ))}
      {CLASSES.map((cls) => (
        <Row2 key={`c-${cls}`} label={t('campaigns.policy.capOf', { cls: t(CLASS_KEYS[cls]) })} global={t('campaigns.policy.capText', { days: g.caps[cls].days, max: g.caps[cls].max })}>
          <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
            {t('policy.caps.every')}
          </Typography.Text>
          <Form.Item name={['policy', 'caps', cls, 'days']} rules={[wider((v: number | null) => v !== null && v !== undefined && v < g.caps[cls].days)]} style={{ marginBottom: 12, width: 110 }}>
            <InputNumber<number> aria-label={t('policy.caps.daysOf', { cls: t(CLASS_KEYS[cls]) })} min={1} max={365} precision={0} placeholder={String(g.caps[cls].days)} suffix={t('policy.unit.days')} style={{ width: 110 }} />
          </Form.Item>
          <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
            {t('policy.caps.atMost')}
          </Typography.Text>
          <Form.Item name={['policy', 'caps', cls, 'max']} rules={[wider((v: number | null) => v !== null && v !== undefined && v > g.caps[cls].max)]} style={{ marginBottom: 12, width: 100 }}>
            <InputNumber<number> aria-label={t('policy.caps.maxOf', { cls: t(CLASS_KEYS[cls]) })} min={0} max={100} precision={0} placeholder={String(g.caps[cls].max)} suffix={t('policy.unit.times')} style={{ width: 100 }} />
          </Form.Item>
        </Row2>
      ))}
      <Row2 label={t('policy.maxAttempts')} global={t('campaigns.policy.times', { n: g.maxAttempts })}>
        <Form.Item name={['policy', 'maxAttempts']} rules={[wider((v: number | null) => v !== null && v !== undefined && v > g.maxAttempts)]} style={{ marginBottom: 12, width: 110 }}>
          <InputNumber<number> aria-label={t('policy.maxAttempts')} min={1} max={10} precision={0} placeholder={String(g.maxAttempts)} suffix={t('policy.unit.times')} style={{ width: 110 }} />
        </Form.Item>
      </Row2>
      {RETRY_OUTCOMES.map((outcome) => (
        <Row2 key={outcome} label={t('campaigns.policy.retryOf', { outcome: t(RETRY_KEYS[outcome]) })} global={retryText(g.retryMinutes[outcome])}>
          <Form.Item name={['policy', 'retryMinutes', outcome]} rules={[wider((v: number | null | undefined) => widensRetry(v, g, outcome))]} style={{ marginBottom: 12 }}>
            <RetryOverrideInput disabled={g.retryMinutes[outcome] === null} aria-label={t('campaigns.policy.retryOf', { outcome: t(RETRY_KEYS[outcome]) })} placeholder={g.retryMinutes[outcome] === null ? t('policy.retry.never') : String(g.retryMinutes[outcome])} />
          </Form.Item>
        </Row2>
      ))}

      <Divider titlePlacement="start">{t('campaigns.pacing.title')}</Divider>
      <Typography.Paragraph type="secondary">{t('campaigns.pacing.hint')}</Typography.Paragraph>
      <Form.Item name={['pacing', 'mode']} label={t('campaigns.pacing.mode')} extra={t(`campaigns.pacing.${mode}Hint`)}>
        <Radio.Group optionType="button" options={MODES.map((m) => ({ value: m, label: t(PACING_KEYS[m]) }))} />
      </Form.Item>
      <Flex gap={24} wrap>
        {mode === 'power' || mode === 'predictive' ? (
          <Form.Item name={['pacing', 'ratio']} label={t('campaigns.pacing.ratio')} extra={t('campaigns.pacing.ratioHint')}>
            <InputNumber<number> min={1} max={3} step={0.1} precision={1} style={{ width: 110 }} />
          </Form.Item>
        ) : null}
        <Form.Item name={['pacing', 'maxConcurrent']} label={t('campaigns.pacing.maxConcurrent')} extra={t('campaigns.pacing.maxConcurrentHint')}>
          <InputNumber<number> min={1} max={10000} precision={0} style={{ width: 110 }} />
        </Form.Item>
        {mode === 'predictive' ? (
          <Form.Item name={['pacing', 'maxAbandonPct']} label={t('campaigns.pacing.maxAbandonPct')} extra={t('campaigns.pacing.maxAbandonPctHint')}>
            <InputNumber<number> min={0} max={5} step={0.5} precision={1} suffix="%" style={{ width: 110 }} />
          </Form.Item>
        ) : null}
      </Flex>
    </>
  );
}

import { DatePicker, Flex, Form, InputNumber, Radio, Slider, Typography, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import type { SegmentView } from '@app/contracts';
import { nowWall, weekday } from '../policy/beijingTime';

function WeekdayOf({ value }: { value: Dayjs | null | undefined }) {
  const t = useT();
  if (!value) return null;
  return <Typography.Text type="secondary">{weekday(value.format('YYYY-MM-DD'), t)}</Typography.Text>;
}

/** Page 3: when it runs (Beijing time), who enters, and how many are kept back as a control group. */
export function WizardSchedule({ form, segment }: { form: FormInstance; segment: SegmentView | undefined }) {
  const t = useT();
  const startsAt = Form.useWatch('startsAt', form) as Dayjs | undefined;
  const endsAt = Form.useWatch('endsAt', form) as Dayjs | null | undefined;
  const holdoutPct = (Form.useWatch('holdoutPct', form) as number | undefined) ?? 0;
  const members = segment?.members ?? 0;
  const kept = Math.round((members * holdoutPct) / 100);
  const startsNow = !startsAt || startsAt.valueOf() <= nowWall().valueOf();

  return (
    <>
      <Flex gap={24} wrap>
        <Form.Item label={t('campaigns.schedule.startsAt')} required extra={startsNow ? t('campaigns.schedule.startsNow') : t('campaigns.schedule.startsLater')}>
          <Flex gap={8} align="center">
            <Form.Item name="startsAt" noStyle rules={[{ required: true, message: t('campaigns.schedule.startsAtRequired') }]}>
              <DatePicker aria-label={t('campaigns.schedule.startsAt')} showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" allowClear={false} style={{ width: 200 }} />
            </Form.Item>
            <WeekdayOf value={startsAt} />
          </Flex>
        </Form.Item>
        <Form.Item label={t('campaigns.schedule.endsAt')} extra={t('campaigns.schedule.endsAtHint')}>
          <Flex gap={8} align="center">
            <Form.Item name="endsAt" noStyle>
              <DatePicker
                aria-label={t('campaigns.schedule.endsAt')}
                showTime={{ format: 'HH:mm', minuteStep: 5 }}
                format="YYYY-MM-DD HH:mm"
                placeholder={t('campaigns.noEnd')}
                style={{ width: 200 }}
                disabledDate={(d) => !!startsAt && d.isBefore(startsAt, 'day')}
              />
            </Form.Item>
            <WeekdayOf value={endsAt} />
          </Flex>
        </Form.Item>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('campaigns.schedule.beijing')}
      </Typography.Paragraph>
      <Form.Item name="entryMode" label={t('campaigns.schedule.entryMode')}>
        <Radio.Group>
          <Flex vertical gap={8}>
            <Radio value="snapshot">
              {t('campaigns.entry.snapshot')}
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {t('campaigns.entry.snapshotHint')}
              </Typography.Text>
            </Radio>
            <Radio value="continuous">
              {t('campaigns.entry.continuous')}
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {t('campaigns.entry.continuousHint')}
              </Typography.Text>
            </Radio>
          </Flex>
        </Radio.Group>
      </Form.Item>
      <Form.Item label={t('campaigns.schedule.holdout')} extra={t('campaigns.schedule.holdoutHint')}>
        <Flex gap={16} align="center">
          <Form.Item name="holdoutPct" noStyle>
            <Slider min={0} max={50} step={1} marks={{ 0: '0%', 10: '10%', 20: '20%', 50: '50%' }} tooltip={{ formatter: (v) => `${v}%` }} style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name="holdoutPct" noStyle>
            <InputNumber<number> aria-label={t('campaigns.schedule.holdout')} min={0} max={50} precision={0} suffix="%" style={{ width: 90 }} />
          </Form.Item>
        </Flex>
      </Form.Item>
      <Typography.Paragraph data-testid="holdout-estimate">
        {segment
          ? holdoutPct
            ? t('campaigns.schedule.holdoutEstimate', { pct: holdoutPct, kept: formatNumber(kept), members: formatNumber(members), treated: formatNumber(members - kept) })
            : t('campaigns.schedule.holdoutNone')
          : t('campaigns.schedule.holdoutNoSegment')}
      </Typography.Paragraph>
    </>
  );
}

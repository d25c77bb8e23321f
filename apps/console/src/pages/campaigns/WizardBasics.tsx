import { Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatInstant, formatNumber } from '../../format';
import { useT } from '../../i18n';
import type { SegmentView } from '@app/contracts';

/** Page 1: name, purpose and the segment (with its member count). */
export function WizardBasics({ segments, loading }: { segments: readonly SegmentView[]; loading: boolean }) {
  const t = useT();
  return (
    <>
      <Form.Item name="name" label={t('campaigns.form.name')} rules={[{ required: true, whitespace: true, message: t('campaigns.form.nameRequired') }]}>
        <Input maxLength={100} placeholder={t('campaigns.form.namePlaceholder')} />
      </Form.Item>
      <Form.Item name="description" label={t('campaigns.form.description')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('campaigns.form.descriptionPlaceholder')} />
      </Form.Item>
      <Form.Item name="purpose" label={t('campaigns.form.purpose')} extra={t('campaigns.form.purposeHint')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'marketing', label: t('policy.purpose.marketing') },
            { value: 'service', label: t('policy.purpose.service') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="segmentId"
        label={t('campaigns.form.segment')}
        rules={[{ required: true, message: t('campaigns.form.segmentRequired') }]}
        extra={
          <>
            {t('campaigns.form.segmentHint')} <Link to="/segments">{t('campaigns.form.segmentManage')}</Link>
          </>
        }
      >
        <Select
          aria-label={t('campaigns.form.segment')}
          showSearch={{ optionFilterProp: 'title' }}
          loading={loading}
          placeholder={t('campaigns.form.segmentPlaceholder')}
          options={segments.map((s) => ({ value: s.id, title: s.name, label: s.name, members: s.members, refreshed: s.lastRefresh?.startedAt ?? null }))}
          optionRender={(option) => {
            const data = option.data as { title: string; members: number; refreshed: string | null };
            return (
              <Flex justify="space-between" gap={12}>
                <span>{data.title}</span>
                <Typography.Text type="secondary" className="num">
                  {t('campaigns.form.members', { n: formatNumber(data.members) })}
                  {data.refreshed ? ` · ${formatInstant(data.refreshed)}` : ''}
                </Typography.Text>
              </Flex>
            );
          }}
          labelRender={(label) => {
            const s = segments.find((x) => x.id === label.value);
            return s ? (
              <span>
                {s.name}
                <Typography.Text type="secondary" className="num" style={{ marginInlineStart: 8 }}>
                  {t('campaigns.form.members', { n: formatNumber(s.members) })}
                </Typography.Text>
              </span>
            ) : (
              label.label
            );
          }}
        />
      </Form.Item>
    </>
  );
}

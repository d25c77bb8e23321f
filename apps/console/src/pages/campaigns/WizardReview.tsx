import { Descriptions, Flex, Tag, Typography } from 'antd';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import type { ScriptView, SegmentView } from '@app/contracts';
import { instantWithWeekday, wallToIso } from '../policy/beijingTime';
import { PURPOSE_KEYS } from '../policy/policyLabels';
import { ENTRY_KEYS, pacingText, stepTiming } from './campaignLabels';
import { policyOverrides, type CampaignFormValues } from './campaignForm';
import { policySummary } from './policySummary';

/** Page 5: everything the campaign will do, read back before it is saved. */
export function WizardReview({ values, segment, scripts }: { values: CampaignFormValues; segment: SegmentView | undefined; scripts: readonly ScriptView[] }) {
  const t = useT();
  const narrowed = policySummary(policyOverrides(values.policy), t);
  return (
    <Descriptions size="small" bordered column={1} data-testid="campaign-review" styles={{ label: { width: 160 } }}>
      <Descriptions.Item label={t('campaigns.form.name')}>{values.name || '—'}</Descriptions.Item>
      {values.description ? <Descriptions.Item label={t('campaigns.form.description')}>{values.description}</Descriptions.Item> : null}
      <Descriptions.Item label={t('campaigns.form.purpose')}>{t(PURPOSE_KEYS[values.purpose])}</Descriptions.Item>
      <Descriptions.Item label={t('campaigns.form.segment')}>
        {segment ? (
          <>
            {segment.name}
            <Typography.Text type="secondary" className="num" style={{ marginInlineStart: 8 }}>
              {t('campaigns.form.members', { n: formatNumber(segment.members) })}
            </Typography.Text>
          </>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.steps.title')}>
        <Flex vertical gap={4}>
          {(values.steps ?? []).map((s, i) => {
            const script = scripts.find((x) => x.id === s.scriptId);
            return (
              <span key={i}>
                <Tag>{t('campaigns.steps.no', { n: i + 1 })}</Tag>
                {t(`channel.${s.channel}`)} · {script ? `${script.name}（${t('scripts.versionShort', { n: script.version })}）` : '—'} ·{' '}
                {stepTiming(i, s.delayMinutes ?? 0, s.runIf, t)}
              </span>
            );
          })}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.schedule.startsAt')}>
        <span className="num">{values.startsAt ? instantWithWeekday(wallToIso(values.startsAt), t) : '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.schedule.endsAt')}>
        <span className="num">{values.endsAt ? instantWithWeekday(wallToIso(values.endsAt), t) : t('campaigns.noEnd')}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.schedule.entryMode')}>{t(ENTRY_KEYS[values.entryMode])}</Descriptions.Item>
      <Descriptions.Item label={t('campaigns.schedule.holdout')}>
        {values.holdoutPct ? t('campaigns.review.holdout', { pct: values.holdoutPct }) : t('campaigns.review.noHoldout')}
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.review.policy')}>
        {narrowed.length ? (
          <Flex vertical>
            {narrowed.map((line) => (
              <span key={line}>{line}</span>
            ))}
          </Flex>
        ) : (
          t('campaigns.review.policyInherit')
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.pacing.title')}>
        {pacingText(values.pacing, t)}
      </Descriptions.Item>
    </Descriptions>
  );
}

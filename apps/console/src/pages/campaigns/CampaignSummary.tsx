import { Descriptions, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatInstant } from '../../format';
import { useT } from '../../i18n';
import type { CampaignView } from '@app/contracts';
import { instantWithWeekday } from '../policy/beijingTime';
import { PURPOSE_KEYS } from '../policy/policyLabels';
import { ENTRY_KEYS, pacingText, stepTiming } from './campaignLabels';
import { policySummary } from './policySummary';

/** What the campaign does: segment, steps, schedule, control group, policy narrowing, pacing. */
export function CampaignSummary({ campaign: c }: { campaign: CampaignView }) {
  const t = useT();
  const narrowed = policySummary(c.policy, t);
  return (
    <Descriptions size="small" bordered column={2} data-testid="campaign-summary">
      {c.description ? (
        <Descriptions.Item label={t('campaigns.form.description')} span={2}>
          {c.description}
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t('campaigns.form.purpose')}>{t(PURPOSE_KEYS[c.purpose])}</Descriptions.Item>
      <Descriptions.Item label={t('campaigns.form.segment')}>
        <Link to={`/segments/${c.segmentId}`}>{c.segmentName}</Link>
        {c.segmentVersion ? (
          <Typography.Text type="secondary" className="num" style={{ marginInlineStart: 6 }}>
            {t('segments.versionShort', { n: c.segmentVersion })}
          </Typography.Text>
        ) : null}
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.steps.title')} span={2}>
        <Flex vertical gap={4}>
          {c.steps.map((s) => (
            <span key={s.stepNo}>
              <Tag>{t('campaigns.steps.no', { n: s.stepNo })}</Tag>
              {t(`channel.${s.channel}`)} ·{' '}
              <Link to={`/scripts/${s.scriptId}`}>
                {s.scriptName}（{t('scripts.versionShort', { n: s.scriptVersion })}）
              </Link>{' '}
              · {stepTiming(s.stepNo - 1, s.delayMinutes, s.condition, t)}
            </span>
          ))}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.schedule.startsAt')}>
        <span className="num">{instantWithWeekday(c.startsAt, t)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.schedule.endsAt')}>
        <span className="num">{c.endsAt ? instantWithWeekday(c.endsAt, t) : t('campaigns.noEnd')}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.schedule.entryMode')}>{t(ENTRY_KEYS[c.entryMode])}</Descriptions.Item>
      <Descriptions.Item label={t('campaigns.schedule.holdout')}>{c.holdoutPct ? t('campaigns.review.holdout', { pct: c.holdoutPct }) : t('campaigns.review.noHoldout')}</Descriptions.Item>
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
        {pacingText(c.pacing, t)}
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.detail.createdBy')}>
        <span className="num">
          {c.createdBy ?? '—'} · {formatInstant(c.createdAt)}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.detail.startedAt')}>
        <span className="num">{c.startedAt ? formatInstant(c.startedAt) : t('campaigns.detail.notStarted')}</span>
        {c.finishedAt ? <span className="num">{` · ${t('campaigns.detail.finishedAt', { at: formatInstant(c.finishedAt) })}`}</span> : null}
      </Descriptions.Item>
    </Descriptions>
  );
}

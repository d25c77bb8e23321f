import { ExclamationCircleOutlined, QuestionCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { MouseEvent, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatInstant } from '../../format';
import type { Translate } from '../../i18n';
import type { AttemptState, CampaignView, ContactAttemptView } from '@app/contracts';
import { instantWithWeekday } from '../policy/beijingTime';
import { REASON_KEYS } from '../policy/policyLabels';
import { callLength, carrierStatusLabel, outcomeColor, outcomeLabel, STATE_COLORS, STATE_KEYS } from './campaignLabels';

/** The "why" view asked about this attempt's customer, channel and moment under the campaign's policy. */
export function whyLink(campaign: CampaignView, a: ContactAttemptView): string {
  const params = new URLSearchParams({ tab: 'why', customerNo: a.customerNo, channel: a.channel, purpose: campaign.purpose, campaignId: campaign.id });
  if (a.dueAt) params.set('at', a.dueAt);
  return `/policy?${params.toString()}`;
}

const none = <Typography.Text type="secondary">—</Typography.Text>;
const instant = (v: string | null) => (v ? <span className="num">{formatInstant(v)}</span> : none);
const STATE_ICONS: Partial<Record<AttemptState, ReactNode>> = { in_flight: <SyncOutlined spin />, review: <ExclamationCircleOutlined /> };

function withHint(title: string, hint: string): ReactNode {
  return (
    <Tooltip title={hint}>
      <span>
        {title} <QuestionCircleOutlined style={{ color: '#8c8c8c', fontSize: 12 }} />
      </span>
    </Tooltip>
  );
}

/** A click on a link or the copy button inside a row must not open or close the row. */
const stop = (e: MouseEvent) => e.stopPropagation();

/**
 * Who, which step, where it stands and how it ended first (what fits at 1366 px wide), then the
 * carrier's id, the planned moment and the branch; the customer number and the "why" link stay in view.
 */
export function attemptColumns(campaign: CampaignView, t: Translate): TableColumnsType<ContactAttemptView> {
  return [
    {
      title: t('customers.col.customerNo'),
      dataIndex: 'customerNo',
      width: 112,
      fixed: 'left',
      render: (v: string, a) => (
        <Link to={`/customers/${a.customerId}`} className="num" onClick={stop}>
          {v}
        </Link>
      ),
    },
    { title: t('customers.col.companyName'), dataIndex: 'companyName', width: 112, ellipsis: { showTitle: true } },
        {
      title: t('campaigns.attempts.step'),
      key: 'step',
      width: 136,
      render: (_: unknown, a) => <span style={{ whiteSpace: 'nowrap' }}>{`${t('campaigns.steps.no', { n: a.stepNo })} · ${t(`channel.${a.channel}`)}`}</span>,
    },
    { title: withHint(t('campaigns.attempts.attemptNo'), t('campaigns.attempts.attemptNoHint')), dataIndex: 'attemptNo', width: 64, align: 'right', render: (v: number) => <span className="num">{v}</span> },
    {
      title: t('campaigns.attempts.state'),
      dataIndex: 'state',
      width: 104,
      render: (v: AttemptState) => (
        <Tag color={STATE_COLORS[v]} icon={STATE_ICONS[v]}>
          {t(STATE_KEYS[v])}
        </Tag>
      ),
    },
    {
      title: t('campaigns.attempts.result'),
      key: 'result',
      width: 96,
      render: (_: unknown, a) =>
        a.reason ? (
          <Tag color={a.reason === 'holdout' ? 'purple' : 'orange'}>{t.maybe(REASON_KEYS[a.reason] ?? '', a.reason)}</Tag>
        ) : a.outcome ? (
          <Tag color={outcomeColor(a.outcome)}>{outcomeLabel(a.outcome, t)}</Tag>
        ) : (
          none
        ),
    },
    {
      title: t('campaigns.attempts.carrierStatus'),
      dataIndex: 'providerStatus',
      width: 96,
      render: (v: string | null) => (v ? <span title={v}>{carrierStatusLabel(v, t)}</span> : none),
    },
    // the weekday is in the policy trace on opening the row; here it would push the sending time out of view
    { title: t('campaigns.attempts.dueAt'), dataIndex: 'dueAt', width: 136, render: (v: string | null) => (v ? <span className="num" title={instantWithWeekday(v, t)}>{formatInstant(v)}</span> : none) },
    { title: t('campaigns.attempts.sentAt'), dataIndex: 'sentAt', width: 136, render: instant },
    { title: t('campaigns.attempts.outcomeAt'), dataIndex: 'outcomeAt', width: 136, render: instant },
    {
      title: t('campaigns.attempts.duration'),
      dataIndex: 'durationSeconds',
      width: 100,
      align: 'right',
      render: (v: number | null) => {
        const text = callLength(v, t);
        return text ? <span className="num">{text}</span> : none;
      },
    },
    {
      title: withHint(t('campaigns.attempts.sendTries'), t('campaigns.attempts.sendTriesHint')),
      dataIndex: 'sendTries',
      width: 96,
      align: 'right',
      render: (v: number) => (v ? <span className="num">{v}</span> : none),
    },
    {
      title: t('campaigns.attempts.providerId'),
      dataIndex: 'providerId',
      width: 168,
      render: (v: string | null) =>
        v ? (
          <span onClick={stop} role="presentation">
            <Typography.Text className="provider-id" copyable={{ text: v }} ellipsis={{ tooltip: v }} style={{ maxWidth: '100%' }}>
              {v}
            </Typography.Text>
          </span>
        ) : (
          none
        ),
    },
    { title: t('customers.col.branch'), dataIndex: 'branchCode', width: 72 },
    {
      title: '',
      key: 'why',
      width: 84,
      fixed: 'right',
      render: (_: unknown, a) => (
        <Link to={whyLink(campaign, a)} onClick={stop}>
          <QuestionCircleOutlined /> {t('campaigns.attempts.why')}
        </Link>
      ),
    },
  ];
}

import { CustomerServiceOutlined, MessageOutlined, RobotOutlined, StopOutlined } from '@ant-design/icons';
import { Empty, Flex, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatInstant } from '../../format';
import { useT, type Translate } from '../../i18n';
import type { TimelineEntry } from '../../types';
import type { ConversationOutcome } from '@app/contracts';
import { OUTCOME_COLORS, OUTCOME_KEYS } from '../campaigns/campaignLabels';
import { CONVERSATION_OUTCOME_COLORS, CONVERSATION_OUTCOME_KEYS } from '../conversations/conversationLabels';
import { TranscriptToggle } from '../conversations/TranscriptToggle';
import { contactOutcome, inboundSms, latestPerContact, type TimelineEntryWithDetail } from './timelineEntry';
import './timeline.css';

const CHANNEL_COLORS: Record<string, string> = { sms: 'green', call: 'blue', ai_call: 'purple', agent_call: 'blue', import: 'gray' };
const CHANNEL_ICONS: Record<string, ReactNode> = { sms: <MessageOutlined />, ai_call: <RobotOutlined />, agent_call: <CustomerServiceOutlined /> };
/** The timeline's dot follows the outcome's tag: reached green, not reached orange or red. */
const DOT_COLORS: Record<string, string> = { success: 'green', processing: 'blue', warning: '#fa8c16', error: 'red', default: 'gray' };

function channelTag(channel: string, t: Translate) {
  return (
    <Tag icon={CHANNEL_ICONS[channel]} color={CHANNEL_COLORS[channel]} style={{ marginInlineEnd: 0 }}>
      {t.maybe(`timeline.channel.${channel}`, t.maybe(`channel.${channel}`, channel))}
    </Tag>
  );
}

const secondary = (parts: ReactNode[]) =>
  parts.some(Boolean) ? (
    <Space size={12} wrap style={{ fontSize: 12 }} className="timeline-meta">
      {parts.filter(Boolean)}
    </Space>
  ) : null;

interface Item {
  dot: string;
  tags: ReactNode;
  body: ReactNode;
  /** Under the summary, small: the campaign, step and attempt, the carrier's id. */
  meta: ReactNode[];
}

/** An SMS or call of a campaign: channel, how it ended, the summary, the campaign. */
function outcomeItem(entry: TimelineEntryWithDetail, sentAt: string | null, t: Translate): Item {
  const o = contactOutcome(entry);
  const color = o.outcome ? OUTCOME_COLORS[o.outcome] : undefined;
  return {
    dot: color ? DOT_COLORS[color] : (CHANNEL_COLORS[entry.channel] ?? 'blue'),
    tags: (
      <>
        {channelTag(entry.channel, t)}
        {o.outcome ? (
          <Tag color={color} style={{ marginInlineEnd: 0 }} data-outcome={o.outcome}>
            {t(OUTCOME_KEYS[o.outcome])}
          </Tag>
        ) : null}
      </>
    ),
    body: entry.summary,
    meta: [
      sentAt ? (
        <span key="sent" className="num">
          {t('timeline.sentAt', { at: formatInstant(sentAt) })}
        </span>
      ) : null,
      o.campaignName ? (
        <span key="campaign">{o.campaignId ? <Link to={`/campaigns/${o.campaignId}`}>{t('timeline.campaign', { name: o.campaignName })}</Link> : t('timeline.campaign', { name: o.campaignName })}</span>
      ) : null,
      o.stepNo && o.attemptNo ? <span key="attempt">{t('timeline.attempt', { step: o.stepNo, n: o.attemptNo })}</span> : null,
      o.providerId ? (
        <span key="provider" className="num">
          {t('timeline.providerId', { id: o.providerId })}
        </span>
      ) : null,
    ],
  };
}

/** The customer's reply: what they wrote, whether it opted them out, and the bank's confirmation. */
function inboundItem(entry: TimelineEntryWithDetail, t: Translate): Item {
  const sms = inboundSms(entry);
  return {
    dot: sms.optOut ? 'red' : 'blue',
    tags: (
      <>
        {channelTag(entry.channel, t)}
        <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
          {t('timeline.kind.inbound_sms')}
        </Tag>
        {sms.optOut ? (
          <Tooltip title={t('timeline.optOutHint')}>
            <Tag color="red" icon={<StopOutlined />} style={{ marginInlineEnd: 0 }} data-testid="timeline-opt-out">
              {t('timeline.optOut')}
            </Tag>
          </Tooltip>
        ) : null}
      </>
    ),
    body: (
      <>
        {sms.body && entry.summary.includes(sms.body) ? null : <div>{entry.summary}</div>}
        {sms.body ? <blockquote className="timeline-sms-body">{sms.body}</blockquote> : null}
        {sms.reply ? (
          <div className="timeline-sms-reply" data-testid="timeline-reply">
            <Typography.Text type="secondary">{t('timeline.replied')}</Typography.Text>
            <blockquote className="timeline-sms-body timeline-sms-body--bank">{sms.reply}</blockquote>
          </div>
        ) : null}
      </>
    ),
    meta: [],
  };
}

/** An AI call's conversation: how it ended, the server's summary, and its transcript on request. */
function aiConversationItem(entry: TimelineEntryWithDetail, t: Translate): Item {
  const said = entry.detail && typeof entry.detail === 'object' ? (entry.detail as { outcome?: unknown }).outcome : undefined;
  const outcome = typeof said === 'string' && said in CONVERSATION_OUTCOME_KEYS ? (said as ConversationOutcome) : null;
  const color = outcome ? CONVERSATION_OUTCOME_COLORS[outcome] : undefined;
  return {
    dot: color ? DOT_COLORS[color] : CHANNEL_COLORS.ai_call,
    tags: (
      <>
        {channelTag(entry.channel, t)}
        {outcome ? (
          <Tag color={color} style={{ marginInlineEnd: 0 }} data-conversation-outcome={outcome}>
            {t(CONVERSATION_OUTCOME_KEYS[outcome])}
          </Tag>
        ) : null}
      </>
    ),
    body: (
      <>
        <div>{entry.summary}</div>
        {entry.campaignId && entry.attemptId ? <TranscriptToggle campaignId={entry.campaignId} attemptId={entry.attemptId} /> : null}
      </>
    ),
    meta: [],
  };
}

/** Any other entry (do-not-contact, imports, older kinds): channel, kind, summary, as before. */
function plainItem(entry: TimelineEntryWithDetail, t: Translate): Item {
  return {
    dot: CHANNEL_COLORS[entry.channel] ?? 'blue',
    tags: (
      <>
        <Tag style={{ marginInlineEnd: 0 }}>{t.maybe(`channel.${entry.channel}`, entry.channel)}</Tag>
        {entry.kind ? <Typography.Text type="secondary">{t.maybe(`timeline.kind.${entry.kind}`, entry.kind)}</Typography.Text> : null}
      </>
    ),
    body: entry.summary,
    meta: [],
  };
}

function item(entry: TimelineEntryWithDetail, sentAt: string | null, t: Translate): Item {
  if (entry.kind === 'contact_outcome') return outcomeItem(entry, sentAt, t);
  if (entry.kind === 'inbound_sms') return inboundItem(entry, t);
  if (entry.kind === 'ai_conversation') return aiConversationItem(entry, t);
  return plainItem(entry, t);
}

/** Contacts with the customer, newest first: each SMS and call with its outcome, the customer's replies, opt-outs. */
export function CustomerTimeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useT();
  if (!entries.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.timelineEmpty')} />;
  return (
    <Timeline
      style={{ paddingTop: 8 }}
      items={latestPerContact(entries).map(({ entry, sentAt }) => {
        const { dot, tags, body, meta } = item(entry, sentAt, t);
        return {
          key: entry.id,
          color: dot,
          // the time sits in the content, not in `title`: a title would switch antd to the two-sided layout
          content: (
            <div data-testid="timeline-entry" data-kind={entry.kind}>
              <Flex gap={8} wrap align="center">
                <Typography.Text type="secondary" className="num">
                  {formatInstant(entry.at)}
                </Typography.Text>
                {tags}
              </Flex>
              <div style={{ marginTop: 2 }}>{body}</div>
              {secondary([...meta, entry.actorName ? <span key="actor">{t('timeline.actor', { name: entry.actorName })}</span> : null])}
            </div>
          ),
        };
      })}
    />
  );
}

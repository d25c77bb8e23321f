import { RobotOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Flex, Spin, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatClock } from '../../format';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useT, type Translate } from '../../i18n';
import type { ConversationTurnView, ConversationView } from '@app/contracts';
import { callLength } from '../campaigns/campaignLabels';
import { CONVERSATION_OUTCOME_COLORS, CONVERSATION_OUTCOME_KEYS, CONVERSATION_STATUS_KEYS, HANDOFF_REASON_KEYS, INTENT_COLORS, INTENT_KEYS } from './conversationLabels';
import './transcript.css';

const LIVE_MS = 3000;

interface TranscriptProps {
  campaignId: string;
  attemptId: number;
  /** The call may still be ringing or talking: look again every few seconds until it has ended. */
  live?: boolean;
  /** Changes when the attempt does (a new state or outcome): look again. */
  refreshKey?: string;
  /** Under an entry that already shows the outcome and the summary (the customer's timeline): only the call itself. */
  embedded?: boolean;
}

/**
 * GET /campaigns/:id/attempts/:attemptId/conversation: how the AI call ended, the handover to a
 * person, and the conversation itself, the AI on the left and the customer on the right.
 */
export function Transcript({ campaignId, attemptId, live = false, refreshKey, embedded = false }: TranscriptProps) {
  const t = useT();
  const query = useApiQuery<ConversationView>(`/campaigns/${encodeURIComponent(campaignId)}/attempts/${attemptId}/conversation`);
  const { data, error, loading, reload } = query;
  const none = error instanceof ApiError && error.status === 404 && error.code === 'conversation_not_found';
  const ongoing = data ? data.status !== 'ended' : live && (none || loading);

  // an attempt that moved on (answered, ended) may have a conversation now
  const seenKey = useRef(refreshKey);
  useEffect(() => {
    if (seenKey.current === refreshKey) return;
    seenKey.current = refreshKey;
    reload();
  }, [refreshKey, reload]);

  useEffect(() => {
    if (!ongoing) return;
    const timer = setTimeout(reload, LIVE_MS);
    return () => clearTimeout(timer);
  }, [ongoing, reload, data, error]);

  let body;
  if (data) body = <ConversationBody conversation={data} embedded={embedded} t={t} />;
  else if (none) body = <Typography.Text type="secondary">{t(live ? 'transcript.waiting' : 'transcript.empty')}</Typography.Text>;
  else if (error) body = <ErrorAlert error={error} title={t('transcript.loadFailed')} onRetry={reload} />;
  else
    body = (
      <Flex gap={8} align="center">
        <Spin size="small" />
        <Typography.Text type="secondary">{t('transcript.loading')}</Typography.Text>
      </Flex>
    );

  return (
    <section className="transcript" data-testid="transcript" aria-label={t('transcript.title')} aria-busy={loading}>
      {embedded ? null : (
        <Typography.Text strong className="transcript__title">
          {t('transcript.title')}
        </Typography.Text>
      )}
      {body}
    </section>
  );
}

/** Shown without a fetch when the attempt never reached anyone (no answer, busy, failed). */
export function NoTranscript() {
  const t = useT();
  return (
    <section className="transcript" data-testid="transcript" aria-label={t('transcript.title')}>
      <Typography.Text strong className="transcript__title">
        {t('transcript.title')}
      </Typography.Text>
      <Typography.Text type="secondary">{t('transcript.empty')}</Typography.Text>
    </section>
  );
}

function ConversationBody({ conversation: c, embedded, t }: { conversation: ConversationView; embedded: boolean; t: Translate }) {
  // to the second, as the call's own length reads in the attempts table (a call under a second is 1 s)
  const seconds = c.endedAt ? Math.max(1, Math.ceil((Date.parse(c.endedAt) - Date.parse(c.startedAt)) / 1000)) : null;
  const times = [
    t('transcript.startedAt', { at: formatClock(c.startedAt) }),
    c.endedAt ? t('transcript.endedAt', { at: formatClock(c.endedAt) }) : null,
    seconds !== null ? t('transcript.duration', { duration: callLength(seconds, t) ?? '' }) : null,
  ].filter(Boolean);
  return (
    <>
      <Flex gap={8} wrap align="center" className="transcript__head">
        {embedded && c.outcome ? null : c.outcome ? (
          <Tag color={CONVERSATION_OUTCOME_COLORS[c.outcome]} data-testid="transcript-outcome" data-outcome={c.outcome} style={{ marginInlineEnd: 0 }}>
            {t(CONVERSATION_OUTCOME_KEYS[c.outcome])}
          </Tag>
        ) : (
          <Tag color="processing" style={{ marginInlineEnd: 0 }}>
            {t(CONVERSATION_STATUS_KEYS[c.status])}
          </Tag>
        )}
        {c.elderly ? (
          <Tooltip title={t('transcript.elderlyHint')}>
            <Tag color="purple" style={{ marginInlineEnd: 0 }}>
              {t('transcript.elderly')}
            </Tag>
          </Tooltip>
        ) : null}
        <Typography.Text type="secondary" className="num transcript__times">
          {times.join(' · ')}
        </Typography.Text>
        {c.status !== 'ended' ? (
          <Typography.Text type="secondary" className="transcript__times">
            {t('transcript.live')}
          </Typography.Text>
        ) : null}
      </Flex>
      {/* written by the server when the call ended; shown as written */}
      {c.summary && !embedded ? (
        <div className="transcript__summary" data-testid="transcript-summary">
          {c.summary}
        </div>
      ) : null}
      {c.handoff ? <Handoff handoff={c.handoff} ended={c.status === 'ended'} t={t} /> : null}
      <div className="transcript__turns" role="list">
        {c.turns.length ? c.turns.map((turn) => <TranscriptTurn key={turn.seq} turn={turn} t={t} />) : <Typography.Text type="secondary">{t('transcript.noTurns')}</Typography.Text>}
      </div>
    </>
  );
}

function Handoff({ handoff: h, ended, t }: { handoff: NonNullable<ConversationView['handoff']>; ended: boolean; t: Translate }) {
  const agent = h.agentName ?? h.agentId;
  const parts = [
    t(HANDOFF_REASON_KEYS[h.reason]),
    agent ? t('transcript.handoff.agent', { name: agent }) : t(ended ? 'transcript.handoff.noAgent' : 'transcript.handoff.waiting'),
    h.connectedAt ? t('transcript.handoff.connectedAt', { at: formatClock(h.connectedAt) }) : t('transcript.handoff.requestedAt', { at: formatClock(h.requestedAt) }),
  ];
  return (
    <Flex gap={8} align="center" wrap className="transcript__handoff" data-testid="transcript-handoff">
      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
        {t('transcript.handoff')}
      </Tag>
      <span>{parts.join(' · ')}</span>
    </Flex>
  );
}

/** One turn of an AI call: who spoke, when, what, and for the customer what they meant (`compact`: a smaller avatar, no confidence). */
export function TranscriptTurn({ turn, t, compact = false }: { turn: ConversationTurnView; t: Translate; compact?: boolean }) {
  const at = formatClock(turn.at);
  if (turn.speaker === 'system') {
    return (
      <div className="turn turn--system" role="listitem" data-speaker="system">
        <span className="num">{at}</span> {turn.text}
      </div>
    );
  }
  const ai = turn.speaker === 'ai';
  return (
    <div className={`turn turn--${turn.speaker}`} role="listitem" data-speaker={turn.speaker}>
      <Avatar size={compact ? 24 : 28} icon={ai ? <RobotOutlined /> : <UserOutlined />} className="turn__avatar" aria-hidden />
      <div className="turn__body">
        <div className="turn__meta">
          {t(ai ? 'transcript.speaker.ai' : 'transcript.speaker.customer')} <span className="num">{at}</span>
        </div>
        <div className="turn__bubble">{turn.text}</div>
        {!ai && turn.intent ? (
          <div className="turn__intent">
            <Tag color={INTENT_COLORS[turn.intent]} data-intent={turn.intent} style={{ marginInlineEnd: 0 }}>
              {t(INTENT_KEYS[turn.intent])}
            </Tag>
            {turn.confidence !== null && !compact ? (
              <Tooltip title={t('transcript.confidenceHint')}>
                <span className="num turn__confidence">{t('transcript.confidence', { pct: Math.round(turn.confidence * 100) })}</span>
              </Tooltip>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}

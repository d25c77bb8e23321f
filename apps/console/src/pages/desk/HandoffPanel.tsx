import { RobotOutlined } from '@ant-design/icons';
import type { DeskHandoff, TurnIntent } from '@app/contracts';
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { HANDOFF_REASON_KEYS, INTENT_COLORS, INTENT_KEYS } from '../conversations/conversationLabels';
import '../conversations/transcript.css';
import { TranscriptTurn } from '../conversations/Transcript';
import { useLang } from '../../i18n';
import { useDeskT } from './desk.i18n';

/** The intents in the order said, each once (yes, yes, question → yes, question). */
function distinct(intents: TurnIntent[]): TurnIntent[] {
  return [...new Set(intents)];
}

/** Why the AI handed the customer over, where it stopped, what the customer meant, and the conversation so far (live). */
export function HandoffPanel({ handoff }: { handoff: DeskHandoff }) {
  const t = useDeskT();
  const { lang } = useLang();
  const list = useRef<HTMLDivElement>(null);
  const count = handoff.transcript.length;
  // a new turn scrolls into view, as in a chat
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count]);
  const intents = distinct(handoff.intents);
  return (
    <Card size="small" className="desk-handoff" data-testid="handoff-panel" title={<Flex align="center" gap={8}><RobotOutlined />{t('desk.handoff.title')}</Flex>}>
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: lang === 'en' ? 110 : 92 } }}
        items={[
          {
            key: 'reason',
            label: t('desk.handoff.reason'),
            children: (
              <Tag color="blue" data-testid="handoff-reason" data-reason={handoff.reason} style={{ marginInlineEnd: 0 }}>
                {t(HANDOFF_REASON_KEYS[handoff.reason])}
              </Tag>
            ),
          },
          // the AI's voice script's step id (the agent's script has steps of its own)
          { key: 'stoppedAt', label: t('desk.handoff.stoppedAt'), children: <Typography.Text code data-testid="handoff-stopped-at">{handoff.stoppedAtTitle ?? handoff.stoppedAt}</Typography.Text> },
          {
            key: 'intents',
            label: t('desk.handoff.intents'),
            children: intents.length ? (
              <Flex gap={4} wrap>
                {intents.map((intent) => (
                  <Tag key={intent} color={INTENT_COLORS[intent]} style={{ marginInlineEnd: 0 }}>
                    {t(INTENT_KEYS[intent])}
                  </Tag>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            ),
          },
        ]}
      />
      <div className="transcript__turns desk-handoff__turns" role="list" ref={list} data-testid="handoff-transcript" aria-label={t('transcript.title')}>
        {count ? handoff.transcript.map((turn) => <TranscriptTurn key={turn.seq} turn={turn} t={t} compact />) : <Typography.Text type="secondary">{t('transcript.noTurns')}</Typography.Text>}
      </div>
    </Card>
  );
}

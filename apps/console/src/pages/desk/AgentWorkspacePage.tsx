import { CoffeeOutlined, CustomerServiceOutlined, DisconnectOutlined, LoadingOutlined, PoweroffOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { beep } from './beep';
import { CallDesk } from './CallDesk';
import { ConnectionBadge } from './ConnectionBadge';
import { MyCallbacks } from './MyCallbacks';
import { useDeskT } from './desk.i18n';
import './desk.css';
import type { SettablePresence } from './deskLabels';
import { PresenceBar } from './PresenceBar';
import { useDeskSocket } from './useDeskSocket';

const WAITING_ICONS: Record<string, ReactNode> = {
  available: <CustomerServiceOutlined />,
  break: <CoffeeOutlined />,
  offline: <PoweroffOutlined />,
};

/** /desk: the agent's workspace: presence, the call ringing or held, its customer, script, notes and disposition. */
export default function AgentWorkspacePage() {
  const t = useDeskT();
  const { message } = App.useApp();
  const desk = useDeskSocket();
  const { agent, connection, send } = desk;
  const call = agent?.call ?? null;
  const online = connection === 'connected';
  const [presencePending, setPresencePending] = useState<SettablePresence | null>(null);

  async function setPresence(presence: SettablePresence) {
    setPresencePending(presence);
    const ack = await send('presence.set', { presence });
    if (!ack.ok) message.error(ack.error.message);
    setPresencePending(null);
  }

  // an AI handover ringing: a short chime, once per call
  const chimed = useRef<number | null>(null);
  useEffect(() => {
    if (call?.state === 'offered' && call.kind === 'ai_handoff' && chimed.current !== call.id) {
      chimed.current = call.id;
      beep();
    }
  }, [call?.id, call?.state, call?.kind]);

  // the server refused something we did not ask just now (an offer withdrawn, a state it moved)
  const notice = desk.notice;
  useEffect(() => {
    if (notice) message.warning(notice.message);
  }, [notice, message]);

  // a preview not answered or refused at dial time: said once, as the desk goes back to waiting
  const previewEnded = desk.previewEnded;
  const told = useRef(0);
  useEffect(() => {
    if (!previewEnded || told.current === previewEnded.seq) return;
    told.current = previewEnded.seq;
    // longer than antd's 3 s: the agent may be reading the script when it comes
    message.warning(previewEnded.detail ?? t('desk.preview.endedHint'), 6);
  }, [previewEnded, message, t]);

  return (
    <div className="desk" data-testid="agent-desk">
      <PageHeader
        title={t('desk.title')}
        extra={
          <Flex align="center" gap={16}>
            {agent ? <PresenceBar agent={agent} online={online} pending={presencePending} onChange={(p) => void setPresence(p)} /> : null}
            <ConnectionBadge connection={connection} />
          </Flex>
        }
      />
      {connection === 'reconnecting' ? (
        <Alert className="desk-banner" type="warning" showIcon icon={<LoadingOutlined />} data-testid="desk-reconnecting" title={t('desk.reconnecting')} description={t('desk.reconnectingHint')} />
      ) : null}
      {connection === 'refused' ? (
        <Alert
          className="desk-banner"
          type="error"
          showIcon
          icon={<DisconnectOutlined />}
          role="alert"
          title={t('desk.refused')}
          description={desk.refusal ?? t('desk.refusedHint')}
          action={
            <Button size="small" onClick={desk.reconnect}>
              {t('desk.reconnect')}
            </Button>
          }
        />
      ) : null}
      {!agent ? (
        connection === 'refused' ? null : (
          <Card>
            <Skeleton active paragraph={{ rows: 4 }} />
          </Card>
        )
      ) : (
        <Flex vertical gap={12}>
          {agent.note ? <Alert type="info" showIcon closable data-testid="desk-note" key={agent.since} title={agent.note} /> : null}
          {call ? (
            <CallDesk
              key={call.id}
              agent={agent}
              call={call}
              lastStatus={desk.lastStatus}
              dialedAt={desk.dialedAt?.callId === call.id ? desk.dialedAt.at : null}
              stepTitles={desk.stepTitles}
              online={online}
              send={send}
            />
          ) : (
            <Card className="desk-waiting" data-testid="desk-waiting">
              <Empty
                image={<span className={`desk-waiting__icon desk-waiting__icon--${agent.presence}`}>{WAITING_ICONS[agent.presence] ?? <CustomerServiceOutlined />}</span>}
                description={
                  <Flex vertical gap={4} align="center">
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {t('desk.waiting.title')}
                    </Typography.Text>
                    <Typography.Text type="secondary">{t.maybe(`desk.waiting.${agent.presence}`, t('desk.waiting.other'))}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('desk.waiting.keys')}
                    </Typography.Text>
                  </Flex>
                }
              />
            </Card>
          )}
          {call ? null : <MyCallbacks refreshKey={`${agent.presence}:${agent.since}`} />}
        </Flex>
      )}
    </div>
  );
}

import { PhoneOutlined, RobotOutlined, CloseOutlined } from '@ant-design/icons';
import type { DeskCall } from '@app/contracts';
import { Alert, Button, Card, Flex, Progress, Typography } from 'antd';
import { HANDOFF_REASON_KEYS } from '../conversations/conversationLabels';
import { CallCardSummary } from './CallCardSummary';
import { useDeskT } from './desk.i18n';
import { secondsUntil } from './deskLabels';
import { Kbd } from './Kbd';
import { useNow } from './useNow';

interface IncomingCallCardProps {
  call: DeskCall;
  busy: 'accept' | 'reject' | null;
  onAccept: () => void;
  onReject: () => void;
}

/** A call ringing on this console: who, why (an AI handover says so loudly), accept or reject before the offer lapses. */
export function IncomingCallCard({ call, busy, onAccept, onReject }: IncomingCallCardProps) {
  const t = useDeskT();
  const now = useNow(250);
  const handoff = call.kind === 'ai_handoff';
  const total = call.offeredAt && call.offerExpiresAt ? Math.max(1, (Date.parse(call.offerExpiresAt) - Date.parse(call.offeredAt)) / 1000) : null;
  const left = call.offerExpiresAt ? secondsUntil(call.offerExpiresAt, now) : null;
  return (
    <Card className={`desk-incoming${handoff ? ' desk-incoming--handoff' : ''}`} data-testid="incoming-call" data-kind={call.kind}>
      {handoff ? (
        <Alert
          type="warning"
          showIcon
          icon={<RobotOutlined />}
          title={
            <Flex gap={12} align="baseline" wrap>
              <Typography.Text strong data-testid="handoff-banner" style={{ fontSize: 15 }}>
                {t('desk.incoming.handoffBanner')}
              </Typography.Text>
              {call.handoff ? <span>{t('desk.incoming.reason', { reason: t(HANDOFF_REASON_KEYS[call.handoff.reason]) })}</span> : null}
            </Flex>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Flex align="center" gap={16} wrap>
        <span className="desk-incoming__ring" aria-hidden>
          <PhoneOutlined />
        </span>
        <CallCardSummary call={call} label={t('desk.incoming.title')} testId="incoming-company" />
        <Flex vertical gap={8} align="flex-end" style={{ minWidth: 260 }}>
          <Flex gap={8}>
            <Button type="primary" size="large" icon={<PhoneOutlined />} loading={busy === 'accept'} disabled={busy === 'reject'} onClick={onAccept} data-testid="accept-call" className="desk-accept">
              {t('desk.incoming.accept')} <Kbd>A</Kbd>
            </Button>
            <Button danger size="large" icon={<CloseOutlined />} loading={busy === 'reject'} disabled={busy === 'accept'} onClick={onReject} data-testid="reject-call">
              {t('desk.incoming.reject')} <Kbd>R</Kbd>
            </Button>
          </Flex>
          {left !== null ? (
            <Flex align="center" gap={8} style={{ width: '100%' }} data-testid="offer-countdown">
              <Progress percent={total ? (left / total) * 100 : 0} showInfo={false} size="small" strokeColor={left <= 5 ? '#ff4d4f' : '#faad14'} style={{ flex: 1, margin: 0 }} />
              <Typography.Text type={left <= 5 ? 'danger' : 'secondary'} className="num">
                {left > 0 ? t('desk.incoming.expiresIn', { s: Math.ceil(left) }) : t('desk.incoming.expiring')}
              </Typography.Text>
            </Flex>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

import { PhoneOutlined } from '@ant-design/icons';
import type { DeskAgentState, DeskCall, DeskClientEvents, Disposition } from '@app/contracts';
import { Alert, App, Button, Card, Col, Flex, Popconfirm, Row, Spin, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatClock } from '../../format';
import { DISPOSITION_KEYS } from '../scripts/scriptLabels';
import { CallbackPanel } from './CallbackPanel';
import { CustomerCard, CustomerRecent } from './CustomerCard';
import { useDeskT } from './desk.i18n';
import { CALL_KIND_COLORS, CALL_KIND_KEYS, CALL_STATE_COLORS, CALL_STATE_KEYS, formatElapsed, secondsSince } from './deskLabels';
import { defaultCallbackAt, DISPOSITION_KEYS_MAX, DispositionPanel } from './DispositionPanel';
import { HandoffPanel } from './HandoffPanel';
import { IncomingCallCard } from './IncomingCallCard';
import { LiveScript, optionsOpen } from './LiveScript';
import { NotesPanel } from './NotesPanel';
import { PreviewCallCard } from './PreviewCallCard';
import type { DeskSocket, DeskStatus } from './useDeskSocket';
import { useNow } from './useNow';
import { useShortcuts } from './useShortcuts';
import { WrapUpTimer } from './WrapUpTimer';

type Send = DeskSocket['send'];

interface CallDeskProps {
  agent: DeskAgentState;
  call: DeskCall;
  lastStatus: DeskStatus | null;
  /** When this call (a preview) was dialled, as far as this tab knows. */
  dialedAt: string | null;
  stepTitles: Record<string, string>;
  online: boolean;
  send: Send;
}

const LIVE = new Set(['connected', 'wrap_up']);

/** How the agent may answer an offer, and the request each sends: skipping a preview is rejecting it. */
const ANSWERS = { accept: 'call.accept', reject: 'call.reject', dial: 'call.dial', skip: 'call.reject' } as const satisfies Record<string, keyof DeskClientEvents>;
type Answer = keyof typeof ANSWERS;

/** The offer's keys: A/R for a call ringing, D/S for a preview. */
function answerFor(key: string, preview: boolean): Answer | null {
  const k = key.toLowerCase();
  if (preview) return k === 'd' ? 'dial' : k === 's' ? 'skip' : null;
  return k === 'a' ? 'accept' : k === 'r' ? 'reject' : null;
}

/** The held call, from ringing to wrap-up. Keyed by the call's id: a new call starts with a clean slate. */
export function CallDesk({ agent, call, lastStatus, dialedAt, stepTitles, online, send }: CallDeskProps) {
  const t = useDeskT();
  const { message } = App.useApp();
  const [answering, setAnswering] = useState<Answer | null>(null);
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [choosing, setChoosing] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const [adding, setAdding] = useState(false);
  const [disposing, setDisposing] = useState<Disposition | null>(null);
  const [callbackAt, setCallbackAt] = useState<Dayjs | null>(defaultCallbackAt);
  const [scheduling, setScheduling] = useState(false);
  const [hangingUp, setHangingUp] = useState(false);

  const { step } = call;
  const offered = call.state === 'offered';
  const preview = call.kind === 'preview';
  const connected = call.state === 'connected';
  const live = LIVE.has(call.state);
  const stepTicked = !!ticked[step.id];
  const open = optionsOpen(step, stepTicked);

  /** Sends a request; a refusal is said to the agent and what they typed stays. */
  async function ask<E extends keyof DeskClientEvents>(event: E, payload: DeskClientEvents[E]): Promise<boolean> {
    const ack = await send(event, payload);
    if (!ack.ok) message.error(ack.error.message);
    return ack.ok;
  }

  async function answer(kind: Answer) {
    if (answering) return;
    setAnswering(kind);
    await ask(ANSWERS[kind], { callId: call.id });
    setAnswering(null);
  }

  async function choose(option: number) {
    if (choosing !== null || !connected || !open) return;
    setChoosing(option);
    await ask('script.choose', step.compliance ? { callId: call.id, option, acknowledged: true, from: step.id } : { callId: call.id, option, from: step.id });
    setChoosing(null);
  }

  async function addNote() {
    const text = draft.trim();
    if (!text || adding) return;
    setAdding(true);
    if (await ask('call.note', { callId: call.id, text })) setDraft('');
    setAdding(false);
  }

  async function dispose(disposition: Disposition) {
    if (disposing || !live) return;
    // a callback already scheduled on this call stands; otherwise the picker's time goes with it
    const withTime = disposition === 'callback' && !call.callbackAt;
    if (withTime && !callbackAt) {
      message.warning(t('desk.callback.pick'));
      return;
    }
    setDisposing(disposition);
    const note = draft.trim();
    const payload: DeskClientEvents['call.disposition'] = { callId: call.id, disposition };
    if (note) payload.note = note;
    if (withTime && callbackAt) payload.callbackAt = callbackAt.toISOString();
    if (await ask('call.disposition', payload)) {
      setDraft('');
      message.success(t('desk.disposition.saved', { label: t(DISPOSITION_KEYS[disposition]) }));
    }
    setDisposing(null);
  }

  async function schedule() {
    if (!callbackAt || scheduling) return;
    setScheduling(true);
    if (await ask('callback.schedule', { callId: call.id, at: callbackAt.toISOString() })) message.success(t('desk.callback.saved', { at: callbackAt.format('YYYY-MM-DD HH:mm') }));
    setScheduling(false);
  }

  async function hangUp() {
    setHangingUp(true);
    await ask('call.hangup', { callId: call.id });
    setHangingUp(false);
  }

  useShortcuts((event) => {
    const key = event.key;
    if (offered) {
      const chosen = answerFor(key, preview);
      if (!chosen) return false;
      void answer(chosen);
      return true;
    }
    if (/^[1-9]$/.test(key)) {
      const option = step.options[Number(key) - 1];
      if (!option || !connected) return false;
      if (!open) message.warning(t('desk.script.lockedHint'));
      else void choose(option.index);
      return true;
    }
    const f = /^F([1-8])$/.exec(key);
    if (f) {
      const disposition = step.dispositions[Number(f[1]) - 1];
      if (!disposition || !live || Number(f[1]) > DISPOSITION_KEYS_MAX) return false;
      void dispose(disposition);
      return true;
    }
    return false;
  });

  const ended = call.state === 'withdrawn' || call.state === 'abandoned' || call.state === 'done';

  return (
    <Flex vertical gap={12} data-testid="call-desk" data-call-id={call.id} data-call-state={call.state}>
      {offered && preview ? (
        <PreviewCallCard call={call} busy={answering === 'dial' || answering === 'skip' ? answering : null} onDial={() => void answer('dial')} onSkip={() => void answer('skip')} />
      ) : offered ? (
        <IncomingCallCard call={call} busy={answering === 'accept' || answering === 'reject' ? answering : null} onAccept={() => void answer('accept')} onReject={() => void answer('reject')} />
      ) : (
        <CallBar agent={agent} call={call} dialedAt={dialedAt} hangingUp={hangingUp} onHangUp={hangUp} online={online} />
      )}
      {ended ? (
        <Alert
          type="info"
          showIcon
          data-testid="call-ended"
          title={preview && call.state === 'withdrawn' ? t('desk.preview.ended') : t(CALL_STATE_KEYS[call.state])}
          description={lastStatus?.callId === call.id && lastStatus.detail ? lastStatus.detail : preview ? t('desk.preview.endedHint') : t('desk.call.endedHint')}
        />
      ) : null}
      <Row gutter={[12, 12]} wrap={false}>
        <Col flex="400px" style={{ minWidth: 0 }}>
          <Flex vertical gap={12}>
            <CustomerCard customer={call.customer} />
            {call.callback ? <CallbackPanel callback={call.callback} /> : null}
            {call.handoff ? <HandoffPanel handoff={call.handoff} /> : null}
            <CustomerRecent customer={call.customer} />
          </Flex>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Flex vertical gap={12}>
            <LiveScript
              step={step}
              visited={call.visited}
              titles={stepTitles}
              ticked={stepTicked}
              onTick={(on) => setTicked((all) => ({ ...all, [step.id]: on }))}
              active={connected && online}
              choosing={choosing}
              onChoose={(option) => void choose(option)}
            />
            {live ? (
              <>
                <DispositionPanel
                  call={call}
                  dispositions={step.dispositions}
                  disposing={disposing}
                  onDispose={(d) => void dispose(d)}
                  callbackAt={callbackAt}
                  onCallbackAt={setCallbackAt}
                  scheduling={scheduling}
                  onSchedule={() => void schedule()}
                  disabled={!online}
                />
                <NotesPanel notes={call.notes} draft={draft} onDraft={setDraft} adding={adding} onAdd={() => void addNote()} disabled={!online} />
              </>
            ) : null}
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

interface CallBarProps {
  agent: DeskAgentState;
  call: DeskCall;
  dialedAt: string | null;
  hangingUp: boolean;
  onHangUp: () => void;
  online: boolean;
}

/** The call's line: who, which campaign, its state, a preview ringing out, how long, the wrap-up's time left, and hang-up. */
function CallBar({ agent, call, dialedAt, hangingUp, onHangUp, online }: CallBarProps) {
  const t = useDeskT();
  const dialing = call.state === 'dialing';
  const now = useNow(1000, call.state === 'connected' || dialing);
  const talked = call.connectedAt ? (call.endedAt ? secondsSince(call.connectedAt, Date.parse(call.endedAt)) : secondsSince(call.connectedAt, now)) : null;
  return (
    <Card size="small" className={`desk-callbar desk-callbar--${call.state}`} data-testid="call-bar">
      <Flex align="center" gap={12}>
        <Tag color={CALL_STATE_COLORS[call.state]} data-testid="call-state" data-state={call.state} className="desk-callbar__state">
          {t(CALL_STATE_KEYS[call.state])}
        </Tag>
        <Typography.Text strong className="desk-callbar__company">
          {call.customer.companyName}
        </Typography.Text>
        <Tag color={CALL_KIND_COLORS[call.kind]} style={{ marginInlineEnd: 0 }} data-testid="call-kind">
          {t(CALL_KIND_KEYS[call.kind])}
        </Tag>
        <Typography.Text type="secondary" ellipsis={{ tooltip: call.campaignName }} style={{ flex: 1, minWidth: 80 }}>
          {t('desk.incoming.campaign', { name: call.campaignName })}
        </Typography.Text>
        {dialing ? (
          <Flex align="center" gap={8} data-testid="call-dialing">
            <Spin size="small" />
            <Typography.Text strong>{t('desk.preview.dialing')}</Typography.Text>
            {dialedAt ? (
              <Typography.Text type="secondary" className="num" data-testid="dialing-elapsed">
                {formatElapsed(secondsSince(dialedAt, now))}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : null}
        {talked !== null ? (
          <Typography.Text className="num" data-testid="call-duration">
            {t('desk.call.talked', { time: formatElapsed(talked) })}
            {call.connectedAt ? <Typography.Text type="secondary">{t('desk.call.since', { at: formatClock(call.connectedAt) })}</Typography.Text> : null}
          </Typography.Text>
        ) : null}
        {call.state === 'wrap_up' && agent.wrapUpUntil ? <WrapUpTimer until={agent.wrapUpUntil} since={call.endedAt ?? agent.since} /> : null}
        {call.state === 'connected' ? (
          <Popconfirm title={t('desk.call.hangupConfirm')} okText={t('desk.call.hangup')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={onHangUp}>
            <Button danger type="primary" icon={<PhoneOutlined rotate={225} />} loading={hangingUp} disabled={!online} data-testid="hang-up">
              {t('desk.call.hangup')}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
    </Card>
  );
}

import type { DeskAgentState } from '@app/contracts';
import { Flex, Segmented, Tooltip, Typography } from 'antd';
import { useDeskT } from './desk.i18n';
import { formatElapsed, isSettable, PRESENCE_KEYS, secondsSince, SETTABLE_PRESENCES, type SettablePresence } from './deskLabels';
import { PresenceTag } from './PresenceTag';
import { useNow } from './useNow';

interface PresenceBarProps {
  agent: DeskAgentState;
  /** The socket is up: a change can be asked for. */
  online: boolean;
  /** A change is on its way to the server. */
  pending: SettablePresence | null;
  onChange: (presence: SettablePresence) => void;
}

/** The agent's state and how long they have been in it, and the switch between 空闲 / 小休 / 离线. */
export function PresenceBar({ agent, online, pending, onChange }: PresenceBarProps) {
  const t = useDeskT();
  const now = useNow();
  // ringing, talking or wrapping up: the call decides, the agent cannot switch away from it
  const locked = !isSettable(agent.presence);
  const switcher = (
    <Segmented<SettablePresence>
      value={pending ?? (isSettable(agent.presence) ? agent.presence : undefined)}
      disabled={locked || !online || pending !== null}
      onChange={onChange}
      options={SETTABLE_PRESENCES.map((p) => ({ value: p, label: <span data-testid={`presence-${p}`}>{t(PRESENCE_KEYS[p])}</span> }))}
      aria-label={t('desk.presence.switch')}
    />
  );
  return (
    <Flex align="center" gap={10} className="desk-presence" data-testid="desk-presence" data-presence={agent.presence}>
      <Typography.Text type="secondary">{t('desk.presence.mine')}</Typography.Text>
      <PresenceTag presence={agent.presence} large />
      <Typography.Text type="secondary" className="num" data-testid="desk-presence-time">
        {t('desk.presence.for', { time: formatElapsed(secondsSince(agent.since, now)) })}
      </Typography.Text>
      {locked ? <Tooltip title={t('desk.presence.locked')}>{switcher}</Tooltip> : switcher}
    </Flex>
  );
}

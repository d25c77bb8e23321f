import type { AgentPresence } from '@app/contracts';
import { Tag } from 'antd';
import { useDeskT } from './desk.i18n';
import { PRESENCE_COLORS, PRESENCE_KEYS } from './deskLabels';

export function PresenceTag({ presence, large = false }: { presence: AgentPresence; large?: boolean }) {
  const t = useDeskT();
  return (
    <Tag color={PRESENCE_COLORS[presence]} data-presence={presence} className={large ? 'desk-presence-tag desk-presence-tag--large' : 'desk-presence-tag'} style={{ marginInlineEnd: 0 }}>
      {t(PRESENCE_KEYS[presence])}
    </Tag>
  );
}

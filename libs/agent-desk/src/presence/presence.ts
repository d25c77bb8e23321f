/**
 * An agent's presence, as the server keeps it (the console only asks): offline, available,
 * reserved (a call is offered), on a call, wrapping up, on a break.
 */
export const PRESENCES = ['offline', 'available', 'reserved', 'on_call', 'wrap_up', 'break'] as const;
export type Presence = (typeof PRESENCES)[number];

/** What moves a presence: the agent's own choice, or what happens to a call. */
export type PresenceEvent =
  | { kind: 'set'; to: 'available' | 'break' | 'offline' }
  | { kind: 'offered' }
  | { kind: 'accepted' }
  | { kind: 'declined' }
  | { kind: 'call_ended' }
  | { kind: 'wrap_up_done' };

export class PresenceProblem {
  constructor(readonly message: string) {}
}

/** Where each presence may go; a call in hand is never dropped by a click (on a call → break is refused). */
const ALLOWED: Record<Presence, Partial<Record<PresenceEvent['kind'] | `set:${Presence}`, Presence>>> = {
  offline: { 'set:available': 'available', 'set:break': 'break', 'set:offline': 'offline' },
  available: { 'set:available': 'available', 'set:break': 'break', 'set:offline': 'offline', offered: 'reserved' },
  reserved: { accepted: 'on_call', declined: 'available', 'set:offline': 'offline' },
  on_call: { call_ended: 'wrap_up' },
  wrap_up: { wrap_up_done: 'available', 'set:available': 'available', 'set:break': 'break', 'set:offline': 'offline' },
  break: { 'set:available': 'available', 'set:break': 'break', 'set:offline': 'offline' },
};

const LABELS: Record<Presence, string> = { offline: '离线', available: '空闲', reserved: '振铃中', on_call: '通话中', wrap_up: '话后处理', break: '小休' };

export function presenceLabel(p: Presence): string {
  return LABELS[p];
}

/** The presence an event leads to, or why it may not happen now. */
export function nextPresence(from: Presence, event: PresenceEvent): Presence | PresenceProblem {
  const key = event.kind === 'set' ? (`set:${event.to}` as const) : event.kind;
  const to = ALLOWED[from][key];
  if (to) return to;
  const what = event.kind === 'set' ? `切换为${LABELS[event.to]}` : event.kind;
  return new PresenceProblem(`当前状态为${LABELS[from]}，不能${what}`);
}

/** How the agent desk's codes read in the console: presence, call states and kinds, products, and who may open which screen. */
import type { AgentPresence, DeskCallKind, DeskCallState, Role } from '@app/contracts';
import type { MessageKey } from '../../i18n';
import type { DeskKey } from './desk.i18n';

/** The server enforces the same: agents take calls, supervisors watch the floor (and may take calls too). */
export const DESK_ROLES = {
  desk: ['agent', 'supervisor', 'admin'],
  wallboard: ['supervisor', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

/** The presences an agent may choose; the others (reserved, on call, wrap-up) follow the call. */
export const SETTABLE_PRESENCES = ['available', 'break', 'offline'] as const satisfies readonly AgentPresence[];
export type SettablePresence = (typeof SETTABLE_PRESENCES)[number];

export function isSettable(presence: AgentPresence): presence is SettablePresence {
  return (SETTABLE_PRESENCES as readonly AgentPresence[]).includes(presence);
}

export const PRESENCE_KEYS: Record<AgentPresence, DeskKey> = {
  available: 'desk.presence.available',
  reserved: 'desk.presence.reserved',
  on_call: 'desk.presence.on_call',
  wrap_up: 'desk.presence.wrap_up',
  break: 'desk.presence.break',
  offline: 'desk.presence.offline',
};

/** One colour per presence, the same in tags and in the wallboard's chart: free green, ringing gold, talking blue. */
export const PRESENCE_COLORS: Record<AgentPresence, string> = {
  available: '#52c41a',
  reserved: '#faad14',
  on_call: '#1f4f99',
  wrap_up: '#722ed1',
  break: '#fa8c16',
  offline: '#8c8c8c',
};

/** The wallboard lists the busy first. */
export const PRESENCE_ORDER: readonly AgentPresence[] = ['on_call', 'reserved', 'wrap_up', 'available', 'break', 'offline'];

export const CALL_STATE_KEYS: Record<DeskCallState, DeskKey> = {
  waiting: 'desk.callState.waiting',
  offered: 'desk.callState.offered',
  dialing: 'desk.callState.dialing',
  connected: 'desk.callState.connected',
  wrap_up: 'desk.callState.wrap_up',
  done: 'desk.callState.done',
  abandoned: 'desk.callState.abandoned',
  withdrawn: 'desk.callState.withdrawn',
};

/** Solid, as the call bar's badge: talking the bank's blue, wrap-up purple as on the wallboard. */
export const CALL_STATE_COLORS: Record<DeskCallState, string> = {
  waiting: '#8c8c8c',
  offered: '#faad14',
  dialing: '#d48806',
  connected: '#1f4f99',
  wrap_up: '#722ed1',
  done: '#52c41a',
  abandoned: '#ff4d4f',
  withdrawn: '#8c8c8c',
};

export const CALL_KIND_KEYS: Record<DeskCallKind, DeskKey> = {
  ai_handoff: 'desk.kind.ai_handoff',
  outbound: 'desk.kind.outbound',
  preview: 'desk.kind.preview',
};

/** The kind's tag colour: an AI handover purple, the dialler's calls blue, a preview cyan. */
export const CALL_KIND_COLORS: Record<DeskCallKind, string> = {
  ai_handoff: 'purple',
  outbound: 'blue',
  preview: 'cyan',
};

/** The products a customer holds, named as on the customer's own page. */
export const PRODUCT_KEYS: Record<string, MessageKey> = {
  online_banking: 'detail.onlineBanking',
  mobile_banking: 'detail.mobileBanking',
  payroll: 'detail.payroll',
  loan: 'detail.loan',
};

/** 75 → 01:15, 3725 → 1:02:05 (a clock, as call-centre staff read durations). */
export function formatElapsed(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Seconds from an ISO instant to `now` (ms), never negative. */
export function secondsSince(iso: string | null | undefined, now: number): number {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(at) ? Math.max(0, (now - at) / 1000) : 0;
}

/** Seconds from `now` (ms) until an ISO instant, never negative. */
export function secondsUntil(iso: string | null | undefined, now: number): number {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(at) ? Math.max(0, (at - now) / 1000) : 0;
}

import type { ConversationTurnView, HandoffReason, TurnIntent } from './conversation';
import type { CustomerSummary, TimelineEntry } from './customer';
import type { Disposition } from './script';

/**
 * The agent desk's websocket (socket.io, namespace `/agent-desk`, JWT in `auth.token`). The server
 * is authoritative: the console shows what it is sent and asks for changes; every request is
 * answered through the socket.io acknowledgement (`DeskAck`) and, when refused, also with a
 * `desk.error` event naming the field. Instants are ISO strings.
 */

export const AGENT_DESK_NAMESPACE = '/agent-desk';

export type AgentPresence = 'offline' | 'available' | 'reserved' | 'on_call' | 'wrap_up' | 'break';

/**
 * How the call reached the agent: an AI call handed over, a campaign's agent call the dialler
 * placed, or (preview pacing) a customer shown to the agent first, dialled when they press dial.
 */
export type DeskCallKind = 'ai_handoff' | 'outbound' | 'preview';

/**
 * waiting: in the queue; offered: ringing on an agent's console (a preview: shown, not yet
 * dialled); dialing: a preview dialled, the customer's phone ringing; connected: agent and
 * customer talking; wrap_up: the customer is gone, the agent finishes the record; done: disposed;
 * abandoned: answered with no agent in time; withdrawn: the customer left the queue (or a preview
 * was skipped, or not answered).
 */
export type DeskCallState = 'waiting' | 'offered' | 'dialing' | 'connected' | 'wrap_up' | 'done' | 'abandoned' | 'withdrawn';

export interface DeskCustomerCard extends CustomerSummary {
  nextTierThresholdFen: number | null;
  elderlyFriendly: boolean;
  /** Products held: `online_banking`, `mobile_banking`, `payroll`, `loan`. */
  products: string[];
  /** The latest contacts, newest first. */
  timeline: TimelineEntry[];
}

export interface DeskScriptStep {
  id: string;
  title: string;
  /** Rendered with the customer's data, HTML-escaped (may hold `<b>` from the template's own markup). */
  text: string;
  /** Must be read out and acknowledged before its options may be taken. */
  compliance: boolean;
  acknowledged: boolean;
  /** The options that lead on, in order: `script.choose` names one by its index. */
  options: Array<{ index: number; label: string; next: string | null }>;
  /** The dispositions the call may end with here. */
  dispositions: Disposition[];
}

export interface DeskHandoff {
  reason: HandoffReason;
  /** The AI's and the customer's turns until the handoff. */
  transcript: ConversationTurnView[];
  /** What the customer meant, turn by turn. */
  intents: TurnIntent[];
  /** The voice script's step the AI stopped at, and its title. */
  stoppedAt: string;
  stoppedAtTitle: string | null;
}

export interface DeskCall {
  id: number;
  kind: DeskCallKind;
  state: DeskCallState;
  campaignId: string;
  campaignName: string;
  attemptId: number;
  customer: DeskCustomerCard;
  step: DeskScriptStep;
  /** The steps gone through, in order (the current one last). */
  visited: string[];
  /** Every step's title by id, to name the path. */
  stepTitles: Record<string, string>;
  handoff: DeskHandoff | null;
  /** A callback an agent promised: what was agreed and on which call (its transcript, if the AI took it first, is in `handoff`). */
  callback: DeskCallbackContext | null;
  notes: string[];
  disposition: Disposition | null;
  callbackAt: string | null;
  waitingSince: string;
  offeredAt: string | null;
  /** Until when an offer may be accepted. */
  offerExpiresAt: string | null;
  connectedAt: string | null;
  endedAt: string | null;
}

/** The call on which a callback was promised. */
export interface DeskEarlierCall {
  kind: DeskCallKind;
  /** When it ended. */
  at: string | null;
  agentName: string;
  disposition: Disposition | null;
  notes: string[];
}

export interface DeskCallbackContext {
  dueAt: string;
  /** What was agreed, as the agent noted it. */
  reason: string;
  earlier: DeskEarlierCall | null;
}

/** `GET /api/desk/callbacks`: a callback promised and not yet made. */
export interface DeskCallbackItem {
  attemptId: number;
  dueAt: string;
  /** Due and not made yet. */
  due: boolean;
  reason: string;
  campaignId: string;
  campaignName: string;
  agentId: string;
  agentName: string;
  customer: { id: number; customerNo: string; companyName: string; legalRepName: string; phoneMasked: string; branchCode: string };
  earlier: DeskEarlierCall | null;
}

export interface DeskAgentState {
  /** The server's time when this was sent: countdowns correct the browser's clock by it. */
  at: string;
  agentId: string;
  name: string;
  presence: AgentPresence;
  since: string;
  /** In wrap-up: when the agent becomes available by itself. */
  wrapUpUntil: string | null;
  /** The call the agent holds (offered, connected or in wrap-up). */
  call: DeskCall | null;
  /** Why the server moved the agent, when it did (an offer let lapse puts the agent on a break). */
  note: string | null;
}

export interface WallboardAgent {
  agentId: string;
  name: string;
  branchCode: string | null;
  presence: AgentPresence;
  since: string;
  connected: boolean;
  callId: number | null;
  companyName: string | null;
}

export interface WallboardCampaign {
  id: string;
  name: string;
  status: string;
  total: number;
  done: number;
  inFlight: number;
  planned: number;
}

export interface Wallboard {
  at: string;
  agents: WallboardAgent[];
  presenceCounts: Record<AgentPresence, number>;
  callsInProgress: number;
  queue: { waiting: number; longestWaitSeconds: number };
  /**
   * Today: `connected` calls put through to an agent (any kind); the dialler's agent calls
   * `answered` by customers and those `abandoned` (no agent within 2 s), the abandon rate being
   * their share of the answered; calls `handled` to a disposition; AI `handoffs` asked for.
   */
  /** `handoffsMissed`: AI handovers that reached no agent (the customer waited too long, or hung up waiting). */
  today: { connected: number; answered: number; abandoned: number; abandonRatePct: number; handled: number; handoffs: number; handoffsMissed: number };
  campaigns: WallboardCampaign[];
}

export interface DeskError {
  /** The request it answers: `script.choose`, … */
  event: string;
  /** The field at fault, when one is. */
  field: string | null;
  message: string;
}

export type DeskAck = { ok: true } | { ok: false; error: DeskError };

/** Server → console. */
export interface DeskServerEvents {
  'agent.state': DeskAgentState;
  'call.offered': DeskCall;
  'call.assigned': DeskCall;
  'script.step': { callId: number; step: DeskScriptStep; visited: string[] };
  'call.status': { callId: number; state: DeskCallState; at: string; detail: string | null };
  'transcript.turn': { callId: number; turn: ConversationTurnView };
  'wallboard.update': Wallboard;
  'desk.error': DeskError;
}

/** Console → server, with what each carries. */
export interface DeskClientEvents {
  'presence.set': { presence: 'available' | 'break' | 'offline' };
  'call.accept': { callId: number };
  /** A preview: skip this customer (the attempt stays planned for another agent or later). */
  'call.reject': { callId: number };
  /** A preview: dial the customer now (the contact policy is checked again at this moment). */
  'call.dial': { callId: number };
  /** `from`: the step the choice was made on; a choice whose step the call has left is refused, so a retry never steps twice. */
  'script.choose': { callId: number; option: number; acknowledged?: boolean; from?: string };
  'call.note': { callId: number; text: string };
  'call.hangup': { callId: number };
  'call.disposition': { callId: number; disposition: Disposition; note?: string; callbackAt?: string };
  'callback.schedule': { callId: number; at: string; note?: string };
}

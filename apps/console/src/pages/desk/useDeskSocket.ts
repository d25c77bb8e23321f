/**
 * The agent desk's socket (socket.io namespace `/agent-desk`): one per page. The server is
 * authoritative: `agent.state` (sent on every connect, so a reload or a dropped line recovers into
 * the same call and step) replaces what we hold; the call events are merged into the held call
 * until the next `agent.state`. Requests go out with `send`, answered by the server's `DeskAck`.
 */
import { AGENT_DESK_NAMESPACE, type DeskAck, type DeskAgentState, type DeskCall, type DeskClientEvents, type DeskError, type DeskServerEvents, type Wallboard } from '@app/contracts';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';
import { freshToken } from '../../api';
import { useDeskT } from './desk.i18n';

export type DeskConnection = 'connecting' | 'connected' | 'reconnecting' | 'refused';
export type DeskRequest = keyof DeskClientEvents;
export type DeskStatus = DeskServerEvents['call.status'];

/** How long a request waits for the server's answer before the agent is told it went unanswered. */
const ACK_TIMEOUT_MS = 8000;
/** A `desk.error` this soon after a request's answer repeats that answer (already shown). */
const ECHO_MS = 3000;

type ServerListeners = { [E in keyof DeskServerEvents]: (payload: DeskServerEvents[E]) => void };
type ClientEmitters = { [E in DeskRequest]: (payload: DeskClientEvents[E], answer: (ack: DeskAck) => void) => void };
type DeskClientSocket = Socket<ServerListeners, ClientEmitters>;

export interface DeskSocketState {
  connection: DeskConnection;
  /** Ever connected: a later drop is a reconnect, not a first connect. */
  connectedOnce: boolean;
  /** The agent and the call they hold, as last told by the server. */
  agent: DeskAgentState | null;
  /** The held call's last status change, with the server's detail (who hung up, …). */
  lastStatus: DeskStatus | null;
  /** Step titles seen in this tab, by `callId:stepId` (the visited path names only ids). */
  titles: Record<string, string>;
  wallboard: Wallboard | null;
  /** When the last wallboard arrived, by the browser's clock: its times tick on from there. */
  wallboardReceivedAt: number | null;
  /** Why the server refused or closed the connection, when it said. */
  refusal: string | null;
  /** A `desk.error` that answers none of our requests (the server moved something on its own). */
  notice: (DeskError & { seq: number }) | null;
  /** The last preview held, still known once `agent.state` has let it go (its withdrawal may come after). */
  previewId: number | null;
  /**
   * When the held preview was dialled, as this tab knows it (the call carries no such instant): the
   * server's `dialing` status, the dial confirmed, or (after a reload) when this tab first saw it dialling.
   */
  dialedAt: { callId: number; at: string } | null;
  /** A preview withdrawn (not answered, refused by the contact policy): said once, after the desk has moved on. */
  previewEnded: (DeskStatus & { seq: number }) | null;
}

type Action =
  | { type: 'connection'; connection: DeskConnection; refusal?: string | null }
  | { type: 'agent'; agent: DeskAgentState }
  | { type: 'call'; call: DeskCall }
  | { type: 'step'; payload: DeskServerEvents['script.step'] }
  | { type: 'status'; payload: DeskStatus }
  | { type: 'turn'; payload: DeskServerEvents['transcript.turn'] }
  | { type: 'wallboard'; wallboard: Wallboard; at: number }
  | { type: 'notice'; error: DeskError }
  | { type: 'sending'; request: DeskRequest; payload: DeskClientEvents[DeskRequest] }
  | { type: 'accepted'; request: DeskRequest; payload: DeskClientEvents[DeskRequest] };

/** Step titles survive a reload of the tab (the server's visited path names only ids). */
const TITLES_KEY = 'cc.desk.stepTitles';

function savedTitles(): Record<string, string> {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(TITLES_KEY) ?? '{}');
    return saved && typeof saved === 'object' ? (saved as Record<string, string>) : {};
  } catch {
    return {};
  }
}

const initial: DeskSocketState = {
  connection: 'connecting',
  connectedOnce: false,
  agent: null,
  lastStatus: null,
  titles: {},
  wallboard: null,
  wallboardReceivedAt: null,
  refusal: null,
  notice: null,
  previewId: null,
  dialedAt: null,
  previewEnded: null,
};

const ENDED: ReadonlySet<string> = new Set(['wrap_up', 'done', 'abandoned', 'withdrawn']);

/** Applies `change` to the held call when it is the one named. */
function withCall(state: DeskSocketState, callId: number, change: (call: DeskCall) => DeskCall): DeskSocketState {
  const call = state.agent?.call;
  if (!state.agent || !call || call.id !== callId) return state;
  return { ...state, agent: { ...state.agent, call: change(call) } };
}

/** Remembers the step's title for its call; another call's titles are let go. */
function titled(titles: Record<string, string>, callId: number, stepId: string, title: string): Record<string, string> {
  const key = `${callId}:${stepId}`;
  if (titles[key] === title) return titles;
  const kept = Object.fromEntries(Object.entries(titles).filter(([k]) => k.startsWith(`${callId}:`)));
  return { ...kept, [key]: title };
}

function titledCall(titles: Record<string, string>, call: DeskCall | null | undefined): Record<string, string> {
  if (!call) return titles;
  let named = titles;
  for (const [id, title] of Object.entries(call.stepTitles ?? {})) named = titled(named, call.id, id, title);
  return titled(named, call.id, call.step.id, call.step.title);
}

/** What the tab keeps about the call it is told of (at `seenAt`): its titles, whether it is a preview, when it was dialled. */
function held(state: DeskSocketState, call: DeskCall | null | undefined, seenAt: string): Partial<DeskSocketState> {
  const known = call && state.dialedAt?.callId === call.id ? state.dialedAt : null;
  return {
    titles: titledCall(state.titles, call),
    previewId: call?.kind === 'preview' ? call.id : state.previewId,
    dialedAt: known ?? (call?.state === 'dialing' ? { callId: call.id, at: seenAt } : null),
  };
}

/** What the server confirmed, shown at once; its next `agent.state` replaces it anyway. */
function accepted(call: DeskCall, request: DeskRequest, payload: DeskClientEvents[DeskRequest]): DeskCall {
  if (request === 'call.note') return { ...call, notes: [...call.notes, (payload as DeskClientEvents['call.note']).text] };
  // the customer's phone rings once the server took the dial (unless it already moved the call on)
  if (request === 'call.dial') return call.state === 'offered' ? { ...call, state: 'dialing' } : call;
  if (request === 'callback.schedule') return { ...call, callbackAt: (payload as DeskClientEvents['callback.schedule']).at };
  if (request === 'call.disposition') {
    const p = payload as DeskClientEvents['call.disposition'];
    return { ...call, disposition: p.disposition, callbackAt: p.callbackAt ?? call.callbackAt, notes: p.note ? [...call.notes, p.note] : call.notes };
  }
  return call;
}

function reduce(state: DeskSocketState, action: Action): DeskSocketState {
  switch (action.type) {
    case 'connection':
      return {
        ...state,
        connection: action.connection,
        connectedOnce: state.connectedOnce || action.connection === 'connected',
        refusal: action.refusal !== undefined ? action.refusal : action.connection === 'connected' ? null : state.refusal,
      };
    case 'agent': {
      const sameCall = action.agent.call && state.lastStatus?.callId === action.agent.call.id;
      return { ...state, ...held(state, action.agent.call, action.agent.at), agent: action.agent, lastStatus: sameCall ? state.lastStatus : null };
    }
    case 'call': {
      if (!state.agent) return state;
      const sameCall = state.lastStatus?.callId === action.call.id;
      return { ...state, ...held(state, action.call, new Date().toISOString()), agent: { ...state.agent, call: action.call }, lastStatus: sameCall ? state.lastStatus : null };
    }
    case 'step': {
      const { callId, step, visited } = action.payload;
      const next = withCall(state, callId, (call) => ({ ...call, step, visited }));
      return next === state ? state : { ...next, titles: titled(next.titles, callId, step.id, step.title) };
    }
    case 'status': {
      const { callId, state: callState, at } = action.payload;
      const ended = callState === 'withdrawn' && callId === state.previewId ? { ...action.payload, seq: (state.previewEnded?.seq ?? 0) + 1 } : state.previewEnded;
      const dialedAt = callState === 'dialing' ? { callId, at } : state.dialedAt;
      const next = withCall(state, callId, (call) => ({
        ...call,
        state: callState,
        connectedAt: callState === 'connected' ? (call.connectedAt ?? at) : call.connectedAt,
        endedAt: ENDED.has(callState) ? (call.endedAt ?? at) : call.endedAt,
      }));
      if (next === state) return ended === state.previewEnded ? state : { ...state, previewEnded: ended };
      return { ...next, lastStatus: action.payload, previewEnded: ended, dialedAt };
    }
    case 'turn': {
      const { callId, turn } = action.payload;
      return withCall(state, callId, (call) => {
        if (!call.handoff || call.handoff.transcript.some((t) => t.seq === turn.seq)) return call;
        const transcript = [...call.handoff.transcript, turn].sort((a, b) => a.seq - b.seq);
        const intents = turn.intent ? [...call.handoff.intents, turn.intent] : call.handoff.intents;
        return { ...call, handoff: { ...call.handoff, transcript, intents } };
      });
    }
    case 'wallboard':
      return { ...state, wallboard: action.wallboard, wallboardReceivedAt: action.at };
    case 'notice':
      return { ...state, notice: { ...action.error, seq: (state.notice?.seq ?? 0) + 1 } };
    case 'sending': {
      // a preview the agent skips is not news when its withdrawal comes back (before or after the answer)
      const payload = action.payload as { callId?: number };
      return action.request === 'call.reject' && payload.callId === state.previewId ? { ...state, previewId: null } : state;
    }
    case 'accepted': {
      const payload = action.payload as { callId?: number };
      if (typeof payload.callId !== 'number') return state;
      const next = withCall(state, payload.callId, (call) => accepted(call, action.request, action.payload));
      const dialled = action.request === 'call.dial' && next.agent?.call?.state === 'dialing' && state.dialedAt?.callId !== payload.callId;
      return dialled ? { ...next, dialedAt: { callId: payload.callId, at: new Date().toISOString() } } : next;
    }
  }
}

export interface DeskSocket extends DeskSocketState {
  /** The held call's step titles by step id. */
  stepTitles: Record<string, string>;
  /** Sends a request; answers the server's acknowledgement, or a refusal when offline or unanswered. */
  send: <E extends DeskRequest>(event: E, payload: DeskClientEvents[E]) => Promise<DeskAck>;
  /** After a refusal: try again (with the token as it is now). */
  reconnect: () => void;
}

export function useDeskSocket(): DeskSocket {
  const t = useDeskT();
  const [state, dispatch] = useReducer(reduce, initial, (init) => ({ ...init, titles: savedTitles() }));
  const socketRef = useRef<DeskClientSocket | null>(null);
  const messages = useRef({ offline: '', timeout: '' });
  messages.current = { offline: t('desk.err.offline'), timeout: t('desk.err.timeout') };
  // requests in flight and when each kind was last answered: a desk.error echoing one is not news
  const inFlight = useRef(new Map<string, number>());
  const answeredAt = useRef(new Map<string, number>());

  useEffect(() => {
    // the token is read on every attempt: a reconnect after a new sign-in uses the new one
    const socket: DeskClientSocket = io(AGENT_DESK_NAMESPACE, { auth: (cb) => void freshToken().then((token) => cb({ token: token ?? '' })) });
    socketRef.current = socket;
    let everConnected = false;

    socket.on('connect', () => {
      everConnected = true;
      dispatch({ type: 'connection', connection: 'connected' });
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      // the server closed it (a refused token, a second desk): socket.io does not try again by itself
      if (reason === 'io server disconnect') dispatch({ type: 'connection', connection: 'refused' });
      else dispatch({ type: 'connection', connection: 'reconnecting' });
    });
    socket.on('connect_error', (error) => {
      // `active`: a network failure the client retries; otherwise the server's middleware said no
      if (socket.active) dispatch({ type: 'connection', connection: everConnected ? 'reconnecting' : 'connecting' });
      else dispatch({ type: 'connection', connection: 'refused', refusal: error.message || null });
    });

    socket.on('agent.state', (agent) => dispatch({ type: 'agent', agent }));
    socket.on('call.offered', (call) => dispatch({ type: 'call', call }));
    socket.on('call.assigned', (call) => dispatch({ type: 'call', call }));
    socket.on('script.step', (payload) => dispatch({ type: 'step', payload }));
    socket.on('call.status', (payload) => dispatch({ type: 'status', payload }));
    socket.on('transcript.turn', (payload) => dispatch({ type: 'turn', payload }));
    socket.on('wallboard.update', (wallboard) => dispatch({ type: 'wallboard', wallboard, at: Date.now() }));
    socket.on('desk.error', (error) => {
      if (!socket.connected) {
        dispatch({ type: 'connection', connection: 'refused', refusal: error.message });
        return;
      }
      const echo = (inFlight.current.get(error.event) ?? 0) > 0 || Date.now() - (answeredAt.current.get(error.event) ?? 0) < ECHO_MS;
      if (!echo) dispatch({ type: 'notice', error });
    });

    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      if (socketRef.current === socket) socketRef.current = null;
    };
  }, []);

  useEffect(() => {
    try {
      sessionStorage.setItem(TITLES_KEY, JSON.stringify(state.titles));
    } catch {
      /* storage full or off: older steps show their ids after a reload */
    }
  }, [state.titles]);

  const send = useCallback(<E extends DeskRequest>(event: E, payload: DeskClientEvents[E]): Promise<DeskAck> => {
    const socket = socketRef.current;
    // never queued for later: a click replayed after a reconnect could act on a call that moved on
    if (!socket?.connected) return Promise.resolve({ ok: false, error: { event, field: null, message: messages.current.offline } });
    inFlight.current.set(event, (inFlight.current.get(event) ?? 0) + 1);
    dispatch({ type: 'sending', request: event, payload });
    return new Promise<DeskAck>((resolve) => {
      const answer = (error: Error | null, ack?: DeskAck) => {
        inFlight.current.set(event, Math.max(0, (inFlight.current.get(event) ?? 1) - 1));
        answeredAt.current.set(event, Date.now());
        if (error) {
          resolve({ ok: false, error: { event, field: null, message: messages.current.timeout } });
          return;
        }
        const result: DeskAck = ack && ack.ok === false ? ack : { ok: true };
        if (result.ok) dispatch({ type: 'accepted', request: event, payload });
        resolve(result);
      };
      // socket.io's typings cannot follow a generic event name through `timeout()`; the map above types both ends
      (socket.timeout(ACK_TIMEOUT_MS) as unknown as { emit: (e: string, p: unknown, cb: typeof answer) => void }).emit(event, payload, answer);
    });
  }, []);

  const reconnect = useCallback(() => {
    const socket = socketRef.current;
    if (!socket || socket.connected) return;
    dispatch({ type: 'connection', connection: state.connectedOnce ? 'reconnecting' : 'connecting', refusal: null });
    socket.connect();
  }, [state.connectedOnce]);

  const callId = state.agent?.call?.id;
  const stepTitles = useMemo(() => {
    const prefix = `${callId}:`;
    return Object.fromEntries(Object.entries(state.titles).flatMap(([k, title]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), title]] : [])));
  }, [state.titles, callId]);

  return { ...state, stepTitles, send, reconnect };
}

// An agent's or supervisor's console on the agent desk's socket (socket.io-client), recording
// what the server pushes, and the login that gives its token.
import { expect } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import type { DeskAck, DeskAgentState, DeskCall, Wallboard } from '@app/contracts';
import type { ServerProcess } from './server-process';

export interface Desk {
  socket: Socket;
  states: DeskAgentState[];
  assigned: DeskCall[];
  steps: Array<{ callId: number; step: { id: string } }>;
  boards: Wallboard[];
  send(event: string, payload: unknown): Promise<DeskAck>;
  state(): DeskAgentState | undefined;
}

export function deskOn(base: string, token: string): Promise<Desk> {
  const socket = io(`${base}/agent-desk`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const d: Desk = {
    socket,
    states: [],
    assigned: [],
    steps: [],
    boards: [],
    send: (event, payload) => socket.timeout(5000).emitWithAck(event, payload) as Promise<DeskAck>,
    state: () => d.states[d.states.length - 1],
  };
  socket.on('agent.state', (s: DeskAgentState) => d.states.push(s));
  socket.on('call.assigned', (c: DeskCall) => d.assigned.push(c));
  socket.on('script.step', (s: Desk['steps'][number]) => d.steps.push(s));
  socket.on('wallboard.update', (w: Wallboard) => d.boards.push(w));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(d));
    socket.once('connect_error', reject);
  });
}

export async function login(server: ServerProcess, username: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }), signal: AbortSignal.timeout(5000) });
  expect({ login: username, status: res.status }).toEqual({ login: username, status: 200 });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

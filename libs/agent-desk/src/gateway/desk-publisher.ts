import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { DeskServerEvents } from '@app/contracts';

export const agentRoom = (agentId: string): string => `agent:${agentId}`;
export const callRoom = (callId: number): string => `call:${callId}`;
export const WALLBOARD_ROOM = 'wallboard';
/** The wallboard of one branch's supervisors: its agents and its customers' calls only. */
export const wallboardRoom = (branchCode: string | null): string => (branchCode === null ? WALLBOARD_ROOM : `${WALLBOARD_ROOM}:${branchCode}`);

/**
 * Every emit of the agent desk goes through here, typed by event name. With the Redis adapter a
 * room reaches its sockets on every instance; the wallboard is sent by each instance to its own.
 */
@Injectable()
export class DeskPublisher {
  private ns: Namespace | null = null;

  bind(ns: Namespace): void {
    this.ns = ns;
  }

  toAgent<E extends keyof DeskServerEvents>(agentId: string, event: E, payload: DeskServerEvents[E]): void {
    this.ns?.to(agentRoom(agentId)).emit(event, payload);
  }

  toCall<E extends keyof DeskServerEvents>(callId: number, event: E, payload: DeskServerEvents[E]): void {
    this.ns?.to(callRoom(callId)).emit(event, payload);
  }

  toLocalWallboard(branchCode: string | null, payload: DeskServerEvents['wallboard.update']): void {
    this.ns?.local.to(wallboardRoom(branchCode)).emit('wallboard.update', payload);
  }

  /** The scopes of the supervisors watching on this instance: null for every branch, else a branch code. */
  watching(): Array<string | null> {
    const scopes: Array<string | null> = [];
    for (const [room, sockets] of this.ns?.adapter.rooms ?? []) {
      if (!sockets.size) continue;
      if (room === WALLBOARD_ROOM) scopes.push(null);
      else if (room.startsWith(`${WALLBOARD_ROOM}:`)) scopes.push(room.slice(WALLBOARD_ROOM.length + 1));
    }
    return scopes;
  }

  /** The agent's consoles (on any instance) follow the call's room. */
  joinCall(agentId: string, callId: number): void {
    this.ns?.in(agentRoom(agentId)).socketsJoin(callRoom(callId));
  }

  leaveCall(agentId: string, callId: number): void {
    this.ns?.in(agentRoom(agentId)).socketsLeave(callRoom(callId));
  }

  /** Every user with a console connected, on any instance (null before the gateway is up). */
  async connectedUsers(): Promise<Set<string> | null> {
    if (!this.ns) return null;
    const sockets = await this.ns.fetchSockets();
    return new Set(sockets.map((s) => (s.data as { who?: { userId: string } }).who?.userId).filter((id): id is string => typeof id === 'string'));
  }

  /** How many consoles of the agent are connected, on any instance. */
  async consoles(agentId: string): Promise<number> {
    if (!this.ns) return 0;
    return (await this.ns.in(agentRoom(agentId)).fetchSockets()).length;
  }
}

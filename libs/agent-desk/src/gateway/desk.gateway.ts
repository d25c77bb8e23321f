import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AuthService } from '@app/auth';
import { AGENT_DESK_NAMESPACE, type DeskAck, type DeskAgentState, type DeskError } from '@app/contracts';
import { branchScopeOf, type Principal } from '@app/core';
import { AgentDesk } from '../desk/agent-desk.service';
import { DeskProblem } from '../desk/desk-problem';
import { CallbackScheduleDto, CallDispositionDto, CallNoteDto, CallRefDto, parseRequest, PresenceSetDto, ScriptChooseDto } from './desk.dto';
import { agentRoom, callRoom, DeskPublisher, wallboardRoom } from './desk-publisher';
import { Wallboard } from '../wallboard/wallboard.service';

/** Who may watch the wallboard. */
const SUPERVISORS = new Set(['supervisor', 'admin']);

/**
 * The agents' and supervisors' websocket: socket.io namespace `/agent-desk`, the JWT in the
 * handshake's `auth.token` (refused without a valid one). Each console joins its agent's room;
 * supervisors also join the wallboard. Every request is checked (class-validator) and answered
 * through its acknowledgement; a refused one also gets a `desk.error` naming the field.
 */
@WebSocketGateway({ namespace: AGENT_DESK_NAMESPACE, cors: false, serveClient: false, destroyUpgrade: false })
export class DeskGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeskGateway.name);
  private closing = false;
  private readonly leaving = new Set<Promise<void>>();

  constructor(
    private readonly auth: AuthService,
    private readonly desk: AgentDesk,
    private readonly publisher: DeskPublisher,
    private readonly wallboard: Wallboard,
  ) {}

  afterInit(ns: Namespace): void {
    this.publisher.bind(ns);
    // the upgrade's HTTP request is not needed once the token is read from the handshake's auth:
    // not keeping it saves a few KB for each console connected all day (socket.io's own advice)
    ns.server.engine?.on('connection', (raw: { request: unknown }) => {
      raw.request = null;
    });
    // no request is heard from a socket before its token is checked
    ns.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.token;
      if (typeof token !== 'string' || !token) return next(new Error('auth.token is required: sign in first'));
      this.auth
        .principalFromToken(token)
        .then((who) => {
          socket.data.who = who;
          // the agent's row is made ready before any request of this socket is heard; the state
          // it answers is sent once and not kept (a socket lives all day: ~10 KB a console)
          const opening = this.desk.connect(who);
          socket.data.opening = opening;
          socket.data.ready = opening.then(() => undefined);
          (socket.data.ready as Promise<void>).catch(() => undefined);
          next();
        })
        .catch(() => next(new Error('the token is invalid or expired: sign in again')));
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const who = socket.data.who as Principal | undefined;
    if (!who) return void socket.disconnect(true);
    await socket.join(agentRoom(who.userId));
    // a branch's supervisor watches that branch's wallboard (its agents and its customers' calls)
    const scope = branchScopeOf(who);
    if (SUPERVISORS.has(who.role)) await socket.join(wallboardRoom(scope.branchCode));
    try {
      const opening = socket.data.opening as Promise<DeskAgentState>;
      delete socket.data.opening;
      const state = await opening;
      if (state.call) await socket.join(callRoom(state.call.id));
      socket.emit('agent.state', state);
      if (SUPERVISORS.has(who.role)) socket.emit('wallboard.update', await this.wallboard.snapshot(scope));
    } catch (error) {
      this.logger.error(`agent ${who.username}: the desk could not be opened: ${String(error)}`);
      socket.emit('desk.error', { event: 'connect', field: null, message: '坐席工作台暂时无法打开，请稍后重试' });
    }
  }

  /** A console gone: recorded, unless this instance is shutting down (its agents reconnect to another). */
  async handleDisconnect(socket: Socket): Promise<void> {
    const who = socket.data.who as Principal | undefined;
    if (!who || this.closing) return;
    const done = this.desk.disconnected(who.userId).catch((e: unknown) => this.logger.warn(`agent ${who.username}: disconnect not recorded: ${String(e)}`));
    this.leaving.add(done);
    await done;
    this.leaving.delete(done);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.all(this.leaving);
  }

  @SubscribeMessage('presence.set')
  presence(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<DeskAck> {
    return this.handle(socket, 'presence.set', () => this.desk.setPresence(this.who(socket).userId, parseRequest(PresenceSetDto, body).presence));
  }

  @SubscribeMessage('call.accept')
  accept(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<DeskAck> {
    return this.handle(socket, 'call.accept', () => this.desk.accept(this.who(socket).userId, parseRequest(CallRefDto, body).callId));
  }

  @SubscribeMessage('call.reject')
  reject(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<DeskAck> {
    return this.handle(socket, 'call.reject', () => this.desk.reject(this.who(socket).userId, parseRequest(CallRefDto, body).callId));
  }

  @SubscribeMessage('call.dial')
  dial(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<DeskAck> {
    return this.handle(socket, 'call.dial', () => this.desk.dial(this.who(socket).userId, parseRequest(CallRefDto, body).callId));
  }

  @SubscribeMessage('script.choose')
  choose(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<DeskAck> {
    return this.handle(socket, 'script.choose', () => {
      const r = parseRequest(ScriptChooseDto, body);
      return this.desk.choose(this.who(socket).userId, r.callId, r.option, r.acknowledged === true, r.from);
    });
  }

  @SubscribeMessage('call.note')
  note(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<DeskAck> {
    return this.handle(socket, 'call.note', () => {
      const r = parseRequest(CallNoteDto, body);
      return this.desk.note(this.who(socket).userId, r.callId, r.text.trim());
    });
  }

  @SubscribeMessage('call.hangup')
  hangup(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<DeskAck> {
    return this.handle(socket, 'call.hangup', () => this.desk.hangup(this.who(socket).userId, parseRequest(CallRefDto, body).callId));
  }

  @SubscribeMessage('call.disposition')
  disposition(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<DeskAck> {
    return this.handle(socket, 'call.disposition', () => {
      const r = parseRequest(CallDispositionDto, body);
      return this.desk.dispose(this.who(socket).userId, r.callId, r.disposition, r.note?.trim() || undefined, r.callbackAt ? new Date(r.callbackAt) : undefined);
    });
  }

  @SubscribeMessage('callback.schedule')
  callback(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<DeskAck> {
    return this.handle(socket, 'callback.schedule', () => {
      const r = parseRequest(CallbackScheduleDto, body);
      return this.desk.scheduleCallback(this.who(socket).userId, r.callId, new Date(r.at), r.note?.trim() || undefined);
    });
  }

  private who(socket: Socket): Principal {
    return socket.data.who as Principal;
  }

  /** Runs a request; a refusal is answered with its field, an unexpected failure logged and answered plainly. */
  private async handle(socket: Socket, event: string, work: () => Promise<void>): Promise<DeskAck> {
    try {
      await socket.data.ready;
      await work();
      return { ok: true };
    } catch (error) {
      let problem: DeskError;
      if (error instanceof DeskProblem) problem = { event, field: error.field, message: error.message };
      else {
        this.logger.error(`${event} from ${this.who(socket).username} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        problem = { event, field: null, message: '操作失败，请重试；如持续失败请联系管理员' };
      }
      socket.emit('desk.error', problem);
      return { ok: false, error: problem };
    }
  }
}

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WebSocketServer } from 'ws';
import { RELAY_PATH, TelephonyProvider, TelephonyUrls } from '@app/telephony';
import { RelaySessions } from './relay-sessions.service';

/**
 * The ConversationRelay websocket at /webhooks/twilio/relay, on the server's own port. The
 * upgrade's X-Twilio-Signature is checked like a webhook's (the ws URL as TwiML named it, no
 * parameters): 403 when wrong, before any frame is read.
 */
@Injectable()
export class RelayGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RelayGateway.name);
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private server: Server | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly provider: TelephonyProvider,
    private readonly urls: TelephonyUrls,
    private readonly sessions: RelaySessions,
  ) {}

  onApplicationBootstrap(): void {
    // a CLI run has no HTTP server
    this.server = (this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined) ?? null;
    this.server?.on('upgrade', this.upgrade);
  }

  /** Before the HTTP server closes (it would wait for these sockets) and the database: calls cut off are written down as hung up. */
  async beforeApplicationShutdown(): Promise<void> {
    this.server?.off('upgrade', this.upgrade);
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    await this.sessions.drain(5000);
  }

  private readonly upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const target = req.url ?? '';
    const path = target.split('?')[0];
    if (path !== RELAY_PATH) return;
    const signature = req.headers['x-twilio-signature'];
    if (!this.provider.verifyRequest(`${this.urls.relay()}${target.slice(path.length)}`, {}, typeof signature === 'string' ? signature : undefined)) {
      this.logger.warn(`relay upgrade from ${req.socket.remoteAddress ?? '?'} refused: X-Twilio-Signature does not match`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.sessions.attach(ws));
  };
}

import { type INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io over Redis (REDIS_URL): a room reaches its sockets on every instance, so a call routed
 * by one instance reaches its agent connected to another, and a supervisor anywhere sees everyone.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly log = new Logger('RedisIoAdapter');
  private adapter: ReturnType<typeof createAdapter> | null = null;
  private clients: Array<ReturnType<typeof createClient>> = [];

  constructor(app: INestApplicationContext) {
    super(app);
  }

  async connect(url: string): Promise<void> {
    const pub = createClient({ url });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) client.on('error', (e: unknown) => this.log.warn(`Redis: ${String(e)}`));
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
    this.adapter = createAdapter(pub, sub);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.clients.map((c) => c.quit().catch(() => undefined)));
    this.clients = [];
  }
}

/** With REDIS_URL, the agent desk's sockets go through Redis; call before `app.init()` / `listen()`. */
export async function useRedisForSockets(app: INestApplicationContext & { useWebSocketAdapter(adapter: IoAdapter): unknown }, url: string | undefined): Promise<void> {
  if (!url) return;
  const adapter = new RedisIoAdapter(app);
  await adapter.connect(url);
  app.useWebSocketAdapter(adapter);
}

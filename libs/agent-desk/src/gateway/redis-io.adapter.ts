import { type INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { RedisAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';

type Client = ReturnType<typeof createClient>;

/**
 * While Redis is down, asking the other instances for their sockets fails at once instead of
 * waiting for Redis to come back (the count of instances is a Redis command): a console closing
 * then is not left pending, nor is the graceful stop that waits for it.
 */
class FailFastRedisAdapter extends RedisAdapter {
  override serverCount(): Promise<number> {
    if (!(this.pubClient as Client).isReady) return Promise.reject(new Error('Redis is unavailable: the other instances cannot be asked'));
    return super.serverCount();
  }
}

/**
 * socket.io over Redis (REDIS_URL): a room reaches its sockets on every instance, so a call routed
 * by one instance reaches its agent connected to another, and a supervisor anywhere sees everyone.
 * When Redis is down each instance goes on with its own sockets; emits meant for the others are
 * dropped, not queued (the publishing client has no offline queue), until Redis is back.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly log = new Logger('RedisIoAdapter');
  private adapter: ((nsp: unknown) => RedisAdapter) | null = null;
  private clients: Client[] = [];

  constructor(app: INestApplicationContext) {
    super(app);
  }

  async connect(url: string): Promise<void> {
    const pub = createClient({ url, disableOfflineQueue: true });
    // the subscriber keeps its queue: its subscriptions are made again when Redis is back
    const sub = createClient({ url });
    for (const client of [pub, sub]) client.on('error', (e: unknown) => this.log.warn(`Redis: ${String(e)}`));
    // the adapter publishes without awaiting: a publish refused while Redis is down would be an
    // unhandled rejection, which ends the process
    const publish = pub.publish.bind(pub);
    Object.defineProperty(pub, 'publish', { value: (channel: string, message: string) => publish(channel, message).catch(() => 0) });
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
    // a function, not an arrow: socket.io makes each namespace's adapter with `new`
    this.adapter = function (nsp: unknown) {
      return new FailFastRedisAdapter(nsp, pub, sub);
    };
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    // closing waits for commands pending, which never finish while Redis is down: destroy then
    await Promise.all(this.clients.map((c) => (c.isReady ? c.close().catch(() => undefined) : c.isOpen && c.destroy())));
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

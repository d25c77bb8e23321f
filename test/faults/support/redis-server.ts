// A redis-server of the test's own on a loopback port, nothing saved, that can be killed and
// started again on the same port (the instances keep their REDIS_URL).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { sleep } from './fault-env';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** SIGKILL (Redis gone without a word), resolved once it has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
  isRunning(): boolean;
}

export function redisServerMissing(): string | null {
  return spawnSync('redis-server', ['--version']).error ? 'redis-server is not installed: apt-get install -y redis-server (.ci/run does)' : null;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

export async function startRedisServer(port: number): Promise<RedisServer> {
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      child = c;
      exited = new Promise((resolve) => c.once('exit', () => resolve()));
      for (let i = 0; i < 100; i++) {
        if (c.exitCode !== null) throw new Error(`redis-server on ${port} exited (${c.exitCode})`);
        if (await accepts(port)) return;
        await sleep(50);
      }
      throw new Error(`redis-server on ${port} did not accept connections within 5 s`);
    },
    async kill() {
      child?.kill('SIGKILL');
      await exited;
      child = null;
    },
    isRunning: () => child !== null && child.exitCode === null,
  };
  await server.start();
  return server;
}

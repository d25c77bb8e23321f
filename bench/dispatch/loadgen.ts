/**
 * An open-loop HTTP load generator: request i is due at start + i/rate whatever happened to the
 * earlier ones (no coordinated omission: latency counts from the moment it was due, so time spent
 * waiting for a free connection counts too), on a fixed set of keep-alive connections.
 */
import { connect, type Socket } from 'node:net';

export interface Shot {
  path: string;
  body: string;
  headers: Record<string, string>;
}

export interface LoadOptions {
  /** Where to connect: connections are opened round robin over these, a request takes whichever is free. */
  bases: string[];
  rate: number;
  /** Keep-alive connections at most. */
  sockets: number;
  timeoutMs: number;
  /** Requests before this index are warm-up: sent at the same rate, left out of the statistics. */
  warmup: number;
}

export interface LoadResult {
  sent: number;
  measured: number;
  /** Measured requests: first due to last answered. */
  wallS: number;
  /** Measured requests answered per second over their window. */
  achievedRate: number;
  /** How late the generator itself fired (ms behind the schedule): p99 and max. */
  lateP99: number;
  lateMax: number;
  /** Latency from due to answered, ms. */
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  /** Latency from written to answered (the server's share, without client queueing), ms. */
  serviceP99: number;
  /** Answered (2xx) within 15 s of being due: Twilio's read timeout. */
  within15s: number;
  statuses: Record<string, number>;
  errors: number;
  /** Answers per whole second of the measured window. */
  perSecond: number[];
  connections: number;
  /** Index of every request whose answer was not 2xx, with what came back. */
  failures: Array<{ index: number; what: string }>;
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * The transport: keep-alive connections on raw sockets, each request written as prepared bytes and
 * its answer read by status line and Content-Length. node:http's client cost ~0.5 ms of CPU per
 * request here, as much as the server it measured; this costs a fraction of that, so the machine's
 * cores go to the server under test.
 */
class Connections {
  private readonly idle: Conn[] = [];
  private readonly queue: number[] = [];
  private head = 0;
  private opened = 0;
  private readonly all = new Set<Conn>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly urls: URL[],
    private readonly max: number,
    private readonly timeoutMs: number,
    private readonly payload: (i: number) => Buffer,
    private readonly onWritten: (i: number) => void,
    private readonly settle: (i: number, code: number, error: string | null) => void,
  ) {
    this.sweeper = setInterval(() => this.sweep(), 250);
  }

  get connections(): number {
    return this.opened;
  }

  send(i: number): void {
    this.queue.push(i);
    this.pump();
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const c of this.all) c.socket.destroy();
  }

  private pump(): void {
    while (this.head < this.queue.length) {
      let conn = this.idle.pop();
      if (!conn) {
        if (this.all.size >= this.max) return;
        conn = this.open();
      }
      const i = this.queue[this.head++];
      if (this.head > 4096 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      conn.current = i;
      conn.since = performance.now();
      conn.chunks = [];
      conn.socket.write(this.payload(i));
      if (!conn.socket.connecting) this.onWritten(i);
    }
  }

  private open(): Conn {
    const url = this.urls[this.opened % this.urls.length];
    this.opened += 1;
    const socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
    const conn: Conn = { socket, current: -1, since: 0, chunks: [] };
    this.all.add(conn);
    socket.once('connect', () => {
      if (conn.current >= 0) this.onWritten(conn.current);
    });
    socket.on('data', (data) => this.read(conn, data));
    const lost = (why: string) => {
      this.all.delete(conn);
      const at = this.idle.indexOf(conn);
      if (at >= 0) this.idle.splice(at, 1);
      if (conn.current >= 0) this.settle(conn.current, 0, why);
      conn.current = -1;
      this.pump();
    };
    socket.on('error', (e) => lost(e.message));
    socket.on('close', () => lost('connection closed'));
    return conn;
  }

  private read(conn: Conn, data: Buffer): void {
    conn.chunks.push(data);
    const all = conn.chunks.length === 1 ? data : Buffer.concat(conn.chunks);
    conn.chunks = [all];
    const headerEnd = all.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const head = all.toString('latin1', 0, headerEnd);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    // a 204 has no body; a body of unstated length comes chunked
    const chunked = /\r\ntransfer-encoding: *chunked/i.test(head);
    const complete = length ? all.length >= headerEnd + 4 + Number(length[1]) : !chunked || all.indexOf('\r\n0\r\n\r\n', headerEnd) >= 0;
    if (!complete) return;
    const code = Number(head.slice(9, 12));
    const i = conn.current;
    conn.current = -1;
    conn.chunks = [];
    if (/\r\nconnection: *close/i.test(head)) conn.socket.destroy();
    else this.idle.push(conn);
    if (i >= 0) this.settle(i, code, null);
    this.pump();
  }

  private sweep(): void {
    const now = performance.now();
    for (const c of this.all) if (c.current >= 0 && now - c.since > this.timeoutMs) c.socket.destroy(new Error('timeout'));
  }
}

interface Conn {
  socket: Socket;
  current: number;
  since: number;
  chunks: Buffer[];
}

export async function openLoop(shots: Shot[], o: LoadOptions): Promise<LoadResult> {
  const urls = o.bases.map((b) => new URL(b));
  const due = new Float64Array(shots.length);
  const written = new Float64Array(shots.length);
  const done = new Float64Array(shots.length);
  const status = new Int32Array(shots.length);
  const statuses: Record<string, number> = {};
  const failures: LoadResult['failures'] = [];
  let finished = 0;
  let lateMax = 0;
  const late = new Float64Array(shots.length);
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  // every request as the bytes it goes out as, prepared before the clock starts
  const payloads = shots.map((shot) => {
    const headers = { Host: urls[0].host, Connection: 'keep-alive', ...shot.headers, 'Content-Length': String(Buffer.byteLength(shot.body)) };
    return Buffer.from(`POST ${shot.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${shot.body}`);
  });

  const settle = (i: number, code: number, error: string | null) => {
    if (done[i]) return;
    done[i] = performance.now();
    status[i] = code;
    const key = error ? `error: ${error}` : String(code);
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (error || code < 200 || code >= 300) failures.push({ index: i, what: key });
    finished += 1;
    if (finished === shots.length) resolveAll();
  };
  const pool = new Connections(urls, o.sockets, o.timeoutMs, (i) => payloads[i], (i) => (written[i] = performance.now()), settle);
  const fire = (i: number) => pool.send(i);

  const start = performance.now() + 50;
  const interval = 1000 / o.rate;
  for (let i = 0; i < shots.length; i++) due[i] = start + i * interval;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < shots.length && due[next] <= now) {
        late[next] = now - due[next];
        if (late[next] > lateMax) lateMax = late[next];
        fire(next);
        next += 1;
      }
      if (next >= shots.length) return resolve();
      // a timer, never a setImmediate spin: spinning took a whole core from the server under test
      // (a request fires up to ~1 ms late, which its latency counts: it is measured from when it was due)
      setTimeout(tick, Math.max(0, due[next] - performance.now() - 0.5));
    };
    setTimeout(tick, 40);
  });
  await all;
  pool.close();

  const measured = shots.length - o.warmup;
  const lat = new Float64Array(measured);
  const service = new Float64Array(measured);
  let sum = 0;
  let lastDone = 0;
  for (let i = o.warmup; i < shots.length; i++) {
    lat[i - o.warmup] = done[i] - due[i];
    service[i - o.warmup] = done[i] - (written[i] || due[i]);
    sum += done[i] - due[i];
    if (done[i] > lastDone) lastDone = done[i];
  }
  lat.sort();
  service.sort();
  const lateSorted = late.slice(o.warmup).sort();
  let within15s = 0;
  for (let i = o.warmup; i < shots.length; i++) if (status[i] >= 200 && status[i] < 300 && done[i] - due[i] <= 15_000) within15s += 1;
  const windowStart = due[o.warmup];
  const wallS = (lastDone - windowStart) / 1000;
  const seconds = Math.max(1, Math.ceil(wallS));
  const perSecond = new Array<number>(seconds).fill(0);
  for (let i = o.warmup; i < shots.length; i++) {
    const s = Math.floor((done[i] - windowStart) / 1000);
    if (s >= 0 && s < seconds) perSecond[s] += 1;
  }
  return {
    sent: shots.length,
    measured,
    wallS,
    achievedRate: measured / wallS,
    lateP99: percentile(lateSorted, 99),
    lateMax,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    p999: percentile(lat, 99.9),
    max: lat[lat.length - 1] ?? 0,
    mean: sum / Math.max(1, measured),
    serviceP99: percentile(service, 99),
    within15s,
    statuses,
    errors: failures.length,
    perSecond,
    connections: pool.connections,
    failures: failures.slice(0, 20),
  };
}

/**
 * An open-loop HTTP load generator: request i is due at start + i/rate whatever happened to the
 * earlier ones (no coordinated omission: latency counts from the moment it was due, so time spent
 * waiting for a free connection counts too), on a fixed set of keep-alive connections.
 */
import { Agent, request } from 'node:http';

export interface Shot {
  path: string;
  body: string;
  headers: Record<string, string>;
}

export interface LoadOptions {
  base: string;
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

export async function openLoop(shots: Shot[], o: LoadOptions): Promise<LoadResult> {
  const url = new URL(o.base);
  const agent = new Agent({ keepAlive: true, maxSockets: o.sockets, maxFreeSockets: o.sockets, scheduling: 'fifo' });
  let connections = 0;
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

  const fire = (i: number) => {
    const shot = shots[i];
    const req = request(
      { host: url.hostname, port: url.port, path: shot.path, method: 'POST', agent, headers: { ...shot.headers, 'Content-Length': String(Buffer.byteLength(shot.body)) }, timeout: o.timeoutMs },
      (res) => {
        res.resume();
        res.on('end', () => settle(i, res.statusCode ?? 0, null));
        res.on('error', (e) => settle(i, 0, e.message));
      },
    );
    req.on('socket', (socket) => {
      if (!(socket as { benchSeen?: boolean }).benchSeen) {
        (socket as { benchSeen?: boolean }).benchSeen = true;
        connections += 1;
      }
      if (socket.connecting) socket.once('connect', () => (written[i] = performance.now()));
      else written[i] = performance.now();
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => settle(i, 0, e.message));
    req.end(shot.body);
  };

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
      const wait = due[next] - performance.now();
      if (wait > 2) setTimeout(tick, wait - 1);
      else setImmediate(tick);
    };
    setTimeout(tick, 40);
  });
  await all;
  agent.destroy();

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
    connections,
    failures: failures.slice(0, 20),
  };
}

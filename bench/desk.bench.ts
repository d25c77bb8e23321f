/**
 * Agent desk benchmark (`npm run bench:desk -- [--agents 1000] [--supervisors 5] [--rate 200]
 * [--duration 60] [--warmup 10] [--connect-concurrency 50] [--rows N] [--env KEY=VALUE]…
 * [--quiet-load 1.5] [--quiet-wait 60] [--profile] [--no-timing] [--label TEXT] [--node-options TEXT] [--no-readme]
 * [--render FILE]`). A new PostgreSQL database with an `agent_call` campaign over `--agents`
 * customers; per agent a user, a connected desk call on a looping script (a → b → c → a, no
 * compliance step) and an `on_call` presence, written in SQL; one compiled server (a private copy
 * of dist/); from this process one socket.io client per agent and `--supervisors` wallboard
 * watchers on loopback. Each agent takes option 0 on an open-loop schedule (`--rate` chooses a
 * second in all, spread evenly); measured: emit(`script.choose`) → the call's `script.step`, and
 * → the acknowledgement; the wallboard's gaps, lag and size; the server's memory before the
 * sockets, with all agents connected and after the load (memory per socket), its CPU, event-loop
 * delay and statements; every desk call's `visited` checked in the database against the acks.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { JwtService } from '@nestjs/jwt';
import bcrypt from 'bcryptjs';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { AGENT_DESK_NAMESPACE, type DeskAck, type DeskAgentState, type DeskServerEvents, type Wallboard } from '@app/contracts';
import { DemoDataLoader } from '@app/customers';
import { ScriptsService } from '@app/scripts';
import { argValue, count, databaseUrl, dropDatabase, envArgs, log, pgMachineLine, runBench, withClient } from './support/bench-kit';
import { boot, type Booted } from './support/bench-app';
import { CpuMeter, type CpuReport, processCpuMs } from './dispatch/monitor';
import { summarize } from './dispatch/profile';
import { type Server, startServer, timingDelta } from './dispatch/servers';
import type { TimingSnapshot } from './dispatch/server-timing';
import { BENCH_USER, buildPool, openPolicy, startCampaign } from './dispatch/setup';
import type { MemoryAnswer } from './relay/memory-probe';
import { type MemoryPoint, type Stats, stats } from './relay/report';
import { MemoryProbe, procMemory, ServerSampler, stealMs } from './relay/server-memory';

const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const HISTORY = join(OUT_DIR, 'desk-history.json');
const TARGET_P99_MS = 50;
const ACK_TIMEOUT_MS = 15_000;

/** Three steps in a ring, one option each and no compliance step: `script.choose {option: 0}` goes on for ever. */
const LOOP = ['a', 'b', 'c'];
const LOOP_SCRIPT = {
  start: 'a',
  steps: [
    { id: 'a', title: '开场', text: '您好，请问是{{companyName}}的{{legalRepName}}吗？我是客户经理{{agentName}}。', options: [{ label: '是本人', next: 'b' }], dispositions: ['wrong_number', 'no_decision'] },
    { id: 'b', title: '产品介绍', text: '贵公司的企业网银已开通，我们为{{companyName}}准备了代发工资的优惠，您有兴趣了解吗？', options: [{ label: '继续', next: 'c' }], dispositions: ['not_interested', 'callback'] },
    { id: 'c', title: '确认', text: '好的，我再跟您核对一遍刚才说的内容。', options: [{ label: '从头再说一遍', next: 'a' }], dispositions: ['completed', 'callback'] },
  ],
};

interface Options {
  agents: number;
  supervisors: number;
  /** script.choose a second, all agents together. */
  rate: number;
  durationS: number;
  warmupS: number;
  connectConcurrency: number;
  rows: number;
  env: Record<string, string>;
  timing: boolean;
  profile: boolean;
  quietLoad: number;
  quietWaitS: number;
  label: string;
  /** Appended to the server's NODE_OPTIONS (the memory probe stays): `--max-semi-space-size=32`, … */
  nodeOptions: string;
  adminUrl: string;
  writeReadme: boolean;
}

function parseOptions(args: string[]): Options {
  const env = envArgs(args);
  const agents = count(argValue(args, '--agents'), 1000, '--agents');
  const durationS = count(argValue(args, '--duration'), 60, '--duration');
  const warmupS = count(argValue(args, '--warmup'), 10, '--warmup', 0);
  if (durationS + warmupS > 180) throw new RangeError('--duration + --warmup must stay within 180 s: the bench is kept under 5 minutes');
  return {
    agents,
    supervisors: count(argValue(args, '--supervisors'), 5, '--supervisors', 0),
    rate: count(argValue(args, '--rate'), 200, '--rate'),
    durationS,
    warmupS,
    connectConcurrency: count(argValue(args, '--connect-concurrency'), 50, '--connect-concurrency'),
    // about half the generated customers can be called (consent, a mobile of their own)
    rows: count(argValue(args, '--rows'), Math.max(1000, Math.ceil((agents * 3) / 100) * 100), '--rows'),
    env,
    timing: !args.includes('--no-timing'),
    profile: args.includes('--profile'),
    quietLoad: Number(argValue(args, '--quiet-load') ?? 1.5),
    quietWaitS: count(argValue(args, '--quiet-wait'), 60, '--quiet-wait', 0),
    label: argValue(args, '--label') ?? '',
    nodeOptions: argValue(args, '--node-options') ?? '',
    adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/postgres',
    writeReadme: !args.includes('--no-readme'),
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The commit measured, and whether the server's sources differed from it. */
function codeVersion(): string {
  // a copy of the sources outside the repository (git archive) names its commit
  if (process.env.BENCH_CODE_VERSION) return process.env.BENCH_CODE_VERSION;
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', 'apps/contact-center', 'libs', 'migrations'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${commit} + ${dirty.split('\n').length} uncommitted server files` : commit;
  } catch {
    return 'unknown';
  }
}

/** Waits (up to `maxS`) for the 1-minute load average to fall below `below`: others share this machine. */
async function quietMachine(below: number, maxS: number): Promise<{ waitedS: number; load: number[]; quiet: boolean }> {
  const started = Date.now();
  while (loadavg()[0] >= below && Date.now() - started < maxS * 1000) await sleep(2000);
  return { waitedS: (Date.now() - started) / 1000, load: loadavg(), quiet: loadavg()[0] < below };
}

function serverWarnings(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !/ExperimentalWarning|--trace-warnings/.test(l))
    .map((l) => l.slice(0, 240));
}

// ── setup ───────────────────────────────────────────────────────────────────────────────

interface Seat {
  agentId: string;
  username: string;
  token: string;
  callId: number;
}

interface Prepared {
  campaignId: string;
  agents: Seat[];
  supervisors: Seat[];
  customers: number;
  setupMs: number;
}

/**
 * Customers through the real import, an agent script and an agent_call campaign through the
 * services (as the dispatch bench does); the staff, their calls and presence straight in SQL:
 * every agent already talking, as routing would have left them.
 */
async function prepare(app: Booted, client: pg.Client, o: Options): Promise<Prepared> {
  const started = performance.now();
  await app.get(DemoDataLoader).load(o.rows);
  await client.query('VACUUM (ANALYZE) customers');
  const pool = await buildPool(client);
  if (pool.call < o.agents) throw new Error(`only ${pool.call} customers of ${o.rows} can be called; need ${o.agents}: raise --rows`);
  await openPolicy(app);
  const script = await app.get(ScriptsService).create({ name: `坐席话术循环（压测）${Date.now()}`, kind: 'agent', body: LOOP_SCRIPT }, BENCH_USER);
  const campaign = await startCampaign(app, client, { sms: script.id, voice: script.id }, { name: `坐席外呼压测 ${Date.now()}`, channel: 'agent_call', members: o.agents, maxConcurrent: o.agents });
  const { rowCount } = await client.query(
    `UPDATE contact_attempts SET state = 'in_flight', provider_id = 'CA' || lpad(id::text, 32, '0') WHERE campaign_id = $1 AND state = 'planned'`,
    [campaign.campaignId],
  );
  if (rowCount !== o.agents) throw new Error(`${rowCount} attempts dialled, not ${o.agents}`);

  // one bcrypt hash for everyone: the bench signs its tokens, nobody signs in
  const hash = await bcrypt.hash('Desk-bench-2026', 10);
  const staff = [
    ...Array.from({ length: o.agents }, (_, i) => ({ id: randomUUID(), username: `desk${String(i + 1).padStart(4, '0')}`, name: `坐席${i + 1}`, role: 'agent' as const, branch: `BR00${(i % 5) + 1}` })),
    ...Array.from({ length: o.supervisors }, (_, i) => ({ id: randomUUID(), username: `watch${i + 1}`, name: `班长${i + 1}`, role: 'supervisor' as const, branch: null })),
  ];
  await client.query(
    `INSERT INTO users (id, username, display_name, password_hash, role, branch_code, skills, disabled, created_at, updated_at)
     SELECT id, username, name, $5, role, branch, '[]', false, now(), now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $6::text[]) AS s(id, username, name, role, branch)`,
    [staff.map((s) => s.id), staff.map((s) => s.username), staff.map((s) => s.name), staff.map((s) => s.role), hash, staff.map((s) => s.branch)],
  );
  const agents = staff.filter((s) => s.role === 'agent');
  const { rows: calls } = await client.query<{ id: number; agent_id: string }>(
    `WITH a AS (SELECT a.id, a.customer_id, a.campaign_id, a.step_no, c.branch_code, row_number() OVER (ORDER BY a.id) AS rn
                  FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE a.campaign_id = $1),
          g AS (SELECT agent_id, ord AS rn FROM unnest($2::uuid[]) WITH ORDINALITY AS g(agent_id, ord))
     INSERT INTO desk_calls (kind, state, attempt_id, customer_id, campaign_id, step_no, branch_code, skills, agent_id, declined_by, script, step, visited, acknowledged, notes, waiting_since, offered_at, connected_at, created_at, updated_at)
     SELECT 'outbound', 'connected', a.id, a.customer_id, a.campaign_id, a.step_no, a.branch_code, '[]', g.agent_id, '[]', $3, $4, $5, '[]', '[]', now(), now(), now(), now(), now()
       FROM a JOIN g USING (rn)
     RETURNING id, agent_id`,
    [campaign.campaignId, agents.map((a) => a.id), JSON.stringify(LOOP_SCRIPT), LOOP[0], JSON.stringify([LOOP[0]])],
  );
  if (calls.length !== o.agents) throw new Error(`${calls.length} desk calls written, not ${o.agents}`);
  // on a call, no console connected yet (as after a restart): the first connect clears disconnected_at
  await client.query(
    `INSERT INTO agent_states (agent_id, presence, presence_since, idle_since, call_id, wrap_up_until, disconnected_at, max_calls, note, updated_at)
     SELECT agent_id, 'on_call', now(), now(), id, NULL, now(), 1, NULL, now() FROM desk_calls WHERE campaign_id = $1`,
    [campaign.campaignId],
  );
  await client.query('ANALYZE');
  const callOf = new Map(calls.map((c) => [c.agent_id, Number(c.id)]));
  const jwt = app.get(JwtService);
  const seat = async (s: (typeof staff)[number]): Promise<Seat> => ({
    agentId: s.id,
    username: s.username,
    token: await jwt.signAsync({ sub: s.id, username: s.username, role: s.role, branchCode: s.branch }),
    callId: callOf.get(s.id) ?? 0,
  });
  return {
    campaignId: campaign.campaignId,
    agents: await Promise.all(agents.map(seat)),
    supervisors: await Promise.all(staff.filter((s) => s.role === 'supervisor').map(seat)),
    customers: pool.customers,
    setupMs: performance.now() - started,
  };
}

// ── the consoles ────────────────────────────────────────────────────────────────────────

interface Agent {
  seat: Seat;
  socket: Socket;
  /** Chooses sent whose script.step has not come yet, oldest first (the call's row lock orders them). */
  pending: number[];
  okAcks: number;
  /** The step the call is at, as the console last heard: each choose names it (`from`). */
  at: string;
  /** Chooses the client gave up on (no ack within ACK_TIMEOUT_MS): the server may still apply them. */
  timedOut: number;
}

interface Load {
  /** Per choose, by its number: sent (ms into the window), → script.step, → ack (ms; NaN when none). */
  sentAt: Float64Array;
  toStep: Float64Array;
  toAck: Float64Array;
  /** How late the client sent it against its schedule (ms): the client's own lag. */
  late: Float64Array;
  sent: number;
  ackOk: number;
  ackRefused: number;
  ackTimeouts: number;
  ackedWithoutStep: number;
  strayStep: number;
  deskErrors: number;
  refusals: string[];
}

interface Boards {
  /** Per supervisor: arrivals (ms, performance.now()) and each board's `at`. */
  arrivals: number[][];
  lagMs: number[];
  bytes: number[];
}

function open(url: string, token: string): Socket {
  return io(`${url}${AGENT_DESK_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 30_000 });
}

/** Connects and waits for the first agent.state; answers the console and how long that took. */
function connectAgent(url: string, seat: Seat, load: Load, t0: () => number): Promise<{ agent: Agent; ms: number; state: DeskAgentState }> {
  const started = performance.now();
  const socket = open(url, seat.token);
  const agent: Agent = { seat, socket, pending: [], okAcks: 0, at: '', timedOut: 0 };
  socket.on('script.step', (x: DeskServerEvents['script.step']) => {
    const n = x.callId === seat.callId ? agent.pending.shift() : undefined;
    if (n === undefined) return void (load.strayStep += 1);
    agent.at = x.step.id;
    load.toStep[n] = performance.now() - t0() - load.sentAt[n];
  });
  socket.on('desk.error', () => (load.deskErrors += 1));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${seat.username}: no agent.state within 30 s`)), 30_000);
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${seat.username}: ${e.message}`));
    });
    socket.once('agent.state', (state: DeskAgentState) => {
      clearTimeout(timer);
      agent.at = state.call?.step.id ?? '';
      resolve({ agent, ms: performance.now() - started, state });
    });
  });
}

function watch(url: string, seat: Seat, index: number, boards: Boards): Promise<Socket> {
  const socket = open(url, seat.token);
  const arrivals: number[] = [];
  boards.arrivals.push(arrivals);
  socket.on('wallboard.update', (b: Wallboard) => {
    arrivals.push(performance.now());
    boards.lagMs.push(Date.now() - Date.parse(b.at));
    // one watcher measures the size: five would only cost this process the same JSON five times
    if (index === 0) boards.bytes.push(Buffer.byteLength(JSON.stringify(['wallboard.update', b])));
  });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (e) => reject(new Error(`${seat.username}: ${e.message}`)));
    socket.once('wallboard.update', () => resolve(socket));
  });
}

async function pooled<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/**
 * The open loop: choose number n is due at n / rate seconds, from agent n mod agents, whether or
 * not that agent's previous one was answered (a slow server gets no respite from its clients).
 */
function drive(agents: Agent[], o: Options, load: Load, t0: () => number): Promise<void> {
  const total = load.sentAt.length;
  const gapMs = 1000 / o.rate;
  return new Promise((done) => {
    let n = 0;
    const tick = () => {
      const now = performance.now() - t0();
      while (n < total && n * gapMs <= now) {
        const i = n;
        const agent = agents[i % agents.length];
        load.late[i] = now - i * gapMs;
        load.sentAt[i] = performance.now() - t0();
        agent.pending.push(i);
        load.sent += 1;
        agent.socket.timeout(ACK_TIMEOUT_MS).emit('script.choose', { callId: agent.seat.callId, option: 0, from: agent.at }, (err: Error | null, ack: DeskAck) => {
          load.toAck[i] = performance.now() - t0() - load.sentAt[i];
          const drop = () => {
            const at = agent.pending.indexOf(i);
            if (at >= 0) agent.pending.splice(at, 1);
          };
          if (err) {
            load.ackTimeouts += 1;
            agent.timedOut += 1;
            drop();
          } else if (!ack.ok) {
            load.ackRefused += 1;
            if (load.refusals.length < 5) load.refusals.push(`${agent.seat.username}: ${ack.error.field ?? ''} ${ack.error.message}`);
            drop();
          } else {
            load.ackOk += 1;
            agent.okAcks += 1;
            // the step is emitted before the ack on the same socket: still pending means it never came
            if (agent.pending.includes(i)) {
              load.ackedWithoutStep += 1;
              drop();
            }
          }
        });
        n += 1;
      }
      if (n < total) setTimeout(tick, Math.max(1, Math.min(5, n * gapMs - now)));
      else done();
    };
    tick();
  });
}

/**
 * Every 250 ms: [ms into the run, server CPU ms, machine busy ms, steal ms] (cumulative): whether a
 * slow second was the server working, or the machine (others, the hypervisor) not letting it.
 */
function sampleTimeline(pid: number, t0: () => number): { timer: NodeJS.Timeout; rows: number[][] } {
  const rows: number[][] = [];
  const machine = () => {
    const v = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { busy: (v.slice(0, 8).reduce((a, b) => a + b, 0) - v[3] - v[4]) * 10, steal: v[7] * 10 };
  };
  const sample = () => {
    const m = machine();
    rows.push([Math.round(performance.now() - t0()), processCpuMs(pid) ?? NaN, m.busy, m.steal]);
  };
  sample();
  return { timer: setInterval(sample, 250), rows };
}

// ── the report ──────────────────────────────────────────────────────────────────────────

interface StoredCheck {
  calls: number;
  exact: number;
  lost: number;
  doubled: number;
  /** Steps applied for chooses whose ack the client had given up waiting for (a retry would step twice). */
  appliedAfterTimeout: number;
  ringBroken: number;
  notConnected: number;
  wrong: Array<{ agent: string; visited: number; expected: number }>;
}

async function checkStored(client: pg.Client, campaignId: string, agents: Agent[]): Promise<StoredCheck> {
  const { rows } = await client.query<{ agent_id: string; state: string; step: string; visited: string }>('SELECT agent_id, state, step, visited FROM desk_calls WHERE campaign_id = $1', [campaignId]);
  const byAgent = new Map(agents.map((a) => [a.seat.agentId, a]));
  const check: StoredCheck = { calls: rows.length, exact: 0, lost: 0, doubled: 0, appliedAfterTimeout: 0, ringBroken: 0, notConnected: 0, wrong: [] };
  for (const r of rows) {
    const visited = JSON.parse(r.visited) as string[];
    const agent = byAgent.get(r.agent_id);
    const expected = 1 + (agent?.okAcks ?? -1);
    if (r.state !== 'connected') check.notConnected += 1;
    if (visited.some((s, i) => s !== LOOP[i % LOOP.length]) || r.step !== visited[visited.length - 1]) check.ringBroken += 1;
    if (visited.length === expected) check.exact += 1;
    else {
      const late = Math.min(agent?.timedOut ?? 0, Math.max(0, visited.length - expected));
      check.appliedAfterTimeout += late;
      if (visited.length < expected) check.lost += expected - visited.length;
      else check.doubled += visited.length - expected - late;
      if (check.wrong.length < 10) check.wrong.push({ agent: byAgent.get(r.agent_id)?.seat.username ?? r.agent_id, visited: visited.length, expected });
    }
  }
  return check;
}

interface Gaps {
  p50: number;
  p99: number;
  max: number;
  count: number;
  /** Intervals over 1.5 × the setting. */
  late: number;
}

interface DeskReport {
  when: string;
  at: string;
  code: string;
  machine: string;
  label: string;
  options: Omit<Options, 'adminUrl' | 'writeReadme'>;
  loadAtStart: number[];
  quiet: { waitedS: number; load: number[]; quiet: boolean };
  setup: { customers: number; setupS: number };
  connect: { agents: number; failed: number; firstError: string | null; wallS: number; perSocket: Stats; supervisors: number; callsMatched: number };
  memory: { before: MemoryPoint; connected: MemoryPoint; watched: MemoryPoint; after: MemoryPoint; peakRss: number };
  load: {
    windowS: number;
    sent: number;
    ackOk: number;
    ackRefused: number;
    ackTimeouts: number;
    ackedWithoutStep: number;
    strayStep: number;
    deskErrors: number;
    refusals: string[];
    measured: number;
    stepped: number;
    toStep: Stats;
    toAck: Stats;
    overTarget: number;
    /** The chooses over the target, grouped into bursts (sent within 300 ms of each other). */
    bursts: { count: number; medianGapS: number; medianSpanMs: number; medianSize: number };
    throughput: number;
    clientLate: Stats;
    /** p99 of choose → step by second of the measured window. */
    p99BySecond: number[];
  };
  wallboard: { intervalMs: number; gaps: Gaps; lag: Stats; bytes: Stats; updates: number };
  cpu: CpuReport;
  serverCpuPct: number | null;
  stealMs: number;
  server: { eld: MemoryAnswer['eld']; gcs: MemoryAnswer['gcs']; timing: TimingSnapshot | null; exit: number | string | null; warnings: string[] };
  client: { eld: { p50: number; p99: number; max: number } };
  stored: StoredCheck;
  profile: { byPlace: Array<{ place: string; share: number }>; top: Array<{ fn: string; place: string; share: number }>; busyS: number } | null;
}

const f1 = (n: number | null | undefined): string => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(1));
const f2 = (n: number): string => (Number.isNaN(n) ? '—' : n.toFixed(2));
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number | null): string => (bytes === null ? '—' : f1(bytes / 1024 ** 2));
const perSocketKb = (r: DeskReport, key: 'rss' | 'heapUsed' | 'external'): string => {
  const a = r.memory.before[key];
  const b = r.memory.connected[key];
  return a === null || b === null ? '—' : f1((b - a) / 1024 / r.connect.agents);
};

function bursts(sentAt: number[]): DeskReport['load']['bursts'] {
  const groups: Array<{ from: number; to: number; n: number }> = [];
  for (const at of [...sentAt].sort((a, b) => a - b)) {
    const last = groups[groups.length - 1];
    if (last && at - last.to < 300) Object.assign(last, { to: at, n: last.n + 1 });
    else groups.push({ from: at, to: at, n: 1 });
  }
  const mid = (v: number[]) => (v.length ? stats(v).p50 : NaN);
  return { count: groups.length, medianGapS: mid(groups.slice(1).map((g, i) => (g.from - groups[i].from) / 1000)), medianSpanMs: mid(groups.map((g) => g.to - g.from)), medianSize: mid(groups.map((g) => g.n)) };
}

function gaps(arrivals: number[][], from: number, to: number, intervalMs: number): Gaps {
  const all: number[] = [];
  for (const a of arrivals) for (let i = 1; i < a.length; i++) if (a[i - 1] >= from && a[i] <= to) all.push(a[i] - a[i - 1]);
  const s = stats(all);
  return { p50: s.p50, p99: s.p99, max: s.max, count: s.count, late: all.filter((g) => g > 1.5 * intervalMs).length };
}

interface HistoryEntry {
  at: string;
  when: string;
  code: string;
  label: string;
  agents: number;
  rate: number;
  durationS: number;
  load: number;
  /** CPU others used over the window (share of one core): what disturbed the run. */
  othersPct?: number;
  connected: number;
  sent: number;
  ackOk: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  throughput: number;
  wbP50: number;
  wbP99: number;
  wbMax: number;
  wbKb: number;
  serverCpuPct: number | null;
  rssKb: string;
  heapKb: string;
  exact: string;
}

function history(): HistoryEntry[] {
  try {
    return JSON.parse(readFileSync(HISTORY, 'utf8')) as HistoryEntry[];
  } catch {
    return [];
  }
}

function historyEntry(r: DeskReport): HistoryEntry {
  const l = r.load;
  return {
    at: r.at,
    when: r.when,
    code: r.code,
    label: r.label,
    agents: r.options.agents,
    rate: r.options.rate,
    durationS: r.options.durationS,
    load: r.quiet.load[0],
    othersPct: r.cpu.parts.find((p) => p.name.startsWith('everything else'))?.pctOfCore,
    connected: r.connect.agents - r.connect.failed,
    sent: l.sent,
    ackOk: l.ackOk,
    errors: l.ackRefused + l.ackTimeouts + l.deskErrors + l.ackedWithoutStep + l.strayStep,
    p50: l.toStep.p50,
    p95: l.toStep.p95,
    p99: l.toStep.p99,
    max: l.toStep.max,
    throughput: l.throughput,
    wbP50: r.wallboard.gaps.p50,
    wbP99: r.wallboard.gaps.p99,
    wbMax: r.wallboard.gaps.max,
    wbKb: r.wallboard.bytes.p50 / 1024,
    serverCpuPct: r.serverCpuPct,
    rssKb: perSocketKb(r, 'rss'),
    heapKb: perSocketKb(r, 'heapUsed'),
    exact: `${r.stored.exact}/${r.stored.calls}`,
  };
}

function renderRuns(runs: HistoryEntry[]): string {
  // no watcher, no wallboard: no gaps
  const wb = (ms: number | null) => (ms === null || Number.isNaN(ms) ? '—' : int(ms));
  const lines = [
    '| when (UTC) | code | run | agents | rate /s | load at start / CPU % of others | connected | chooses sent / acked ok | errors | choose → step p50 / p95 / p99 / max ms | acked /s | wallboard gap p50 / p99 / max ms | wallboard KB | server CPU (% of a core) | per socket RSS / heap KB | visited exact |',
    '|---|---|---|--:|--:|--:|--:|--:|--:|---|--:|---|--:|--:|---|---|',
  ];
  for (const h of runs) {
    const pass = h.p99 <= TARGET_P99_MS ? '' : ' ✗';
    lines.push(
      `| ${h.when} | ${h.code} | ${h.label || '—'} | ${int(h.agents)} | ${h.rate} | ${f2(h.load)} / ${h.othersPct === undefined ? '—' : int(h.othersPct)} | ${int(h.connected)} | ${int(h.sent)} / ${int(h.ackOk)} | ${h.errors} | ${f1(h.p50)} / ${f1(h.p95)} / **${f1(h.p99)}**${pass} / ${f1(h.max)} | ${f1(h.throughput)} | ${wb(h.wbP50)} / ${wb(h.wbP99)} / ${wb(h.wbMax)} | ${f1(h.wbKb)} | ${h.serverCpuPct === null ? '—' : int(h.serverCpuPct)} | ${h.rssKb} / ${h.heapKb} | ${h.exact} |`,
    );
  }
  return lines.join('\n');
}

function renderSection(r: DeskReport, runs: HistoryEntry[]): string {
  const l = r.load;
  const m = r.memory;
  const statRow = (name: string, s: Stats) => `| ${name} | ${int(s.count)} | ${f2(s.p50)} | ${f2(s.p95)} | ${f2(s.p99)} | ${f2(s.max)} | ${f2(s.mean)} |`;
  const memRow = (name: string, p: MemoryPoint) => `| ${name} | ${mb(p.rss)} | ${mb(p.heapUsed)} | ${mb(p.heapTotal)} | ${mb(p.external)} |`;
  const t = r.server.timing;
  const statements = t
    ? Object.entries(t.statements)
        .sort((a, b) => b[1].totalMs - a[1].totalMs)
        .slice(0, 12)
        .map(([k, s]) => `| \`${k.replace(/\|/g, '\\|').slice(0, 90)}\` | ${int(s.count)} | ${f2(s.totalMs / s.count)} | ${f1(s.maxMs)} | ${int(s.totalMs)} |`)
    : [];
  const eld = r.server.eld;
  const gc = r.server.gcs;
  const out = [
    '### Runs',
    '',
    `Target: choose → step p99 ≤ ${TARGET_P99_MS} ms (✗ marks a miss). Per socket: (memory with every agent connected − memory before any socket) ÷ agents, both after two forced GCs. "errors" counts refused and timed-out chooses, \`desk.error\` events and steps that never came or came unasked.`,
    '',
    renderRuns(runs),
    '',
    `### In detail: the run of ${r.when} UTC${r.label ? ` (${r.label})` : ''}`,
    '',
    `${r.machine}. Code ${r.code}. Load average at start ${r.loadAtStart.map(f2).join(' ')}; after waiting ${f1(r.quiet.waitedS)} s for < ${r.options.quietLoad}: ${r.quiet.load.map(f2).join(' ')}${r.quiet.quiet ? '' : ' (not quiet: ran anyway)'}. Steal over the window ${int(r.stealMs)} ms.`,
    '',
    `\`--agents ${r.options.agents} --supervisors ${r.options.supervisors} --rate ${r.options.rate} --duration ${r.options.durationS} --warmup ${r.options.warmupS}\`${r.options.nodeOptions ? `, server NODE_OPTIONS + \`${r.options.nodeOptions}\`` : ''}${Object.keys(r.options.env).length ? `, env ${Object.entries(r.options.env).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}${r.options.profile ? ', CPU profile on' : ''}. Setup (${int(r.setup.customers)} customers, staff, calls) ${f1(r.setup.setupS)} s.`,
    '',
    `**Connect:** ${int(r.connect.agents - r.connect.failed)} of ${int(r.connect.agents)} agent sockets in ${f1(r.connect.wallS)} s (${r.options.connectConcurrency} handshakes at a time; handshake → first \`agent.state\` p50 ${f1(r.connect.perSocket.p50)} ms, p99 ${f1(r.connect.perSocket.p99)} ms, max ${f1(r.connect.perSocket.max)} ms); ${int(r.connect.callsMatched)} came back into their own call; ${r.connect.supervisors} supervisors.${r.connect.firstError ? ` First failure: ${r.connect.firstError}` : ''}`,
    '',
    `**Chooses:** ${int(l.sent)} sent in ${f1(l.windowS)} s (warm-up included), ${int(l.ackOk)} acked ok, ${l.ackRefused} refused, ${l.ackTimeouts} timed out (${ACK_TIMEOUT_MS / 1000} s), ${l.ackedWithoutStep} acked without a step, ${l.strayStep} stray steps, ${l.deskErrors} \`desk.error\`.${l.refusals.length ? ` Refusals: ${l.refusals.join('; ')}` : ''} Measured window: ${int(l.measured)} chooses, ${int(l.stepped)} stepped, ${f1(l.throughput)} acked/s; ${l.overTarget} over ${TARGET_P99_MS} ms${l.bursts.count ? `, in ${l.bursts.count} bursts (median: one every ${f1(l.bursts.medianGapS)} s, ${int(l.bursts.medianSize)} chooses sent within ${int(l.bursts.medianSpanMs)} ms)` : ''}.`,
    '',
    '| ms (measured window) | n | p50 | p95 | p99 | max | mean |',
    '|---|--:|--:|--:|--:|--:|--:|',
    statRow('emit `script.choose` → `script.step`', l.toStep),
    statRow('emit → acknowledgement', l.toAck),
    statRow('client: sent late against its schedule', l.clientLate),
    '',
    `choose → step p99 by second of the window: ${l.p99BySecond.map((x) => int(x)).join(' ')}`,
    '',
    `**Wallboard** (every ${r.wallboard.intervalMs} ms, ${r.options.supervisors} watchers, ${int(r.wallboard.updates)} updates in the window): gap p50 ${int(r.wallboard.gaps.p50)} ms, p99 ${int(r.wallboard.gaps.p99)} ms, max ${int(r.wallboard.gaps.max)} ms, ${r.wallboard.gaps.late} gaps over 1.5× the interval; snapshot time → arrival p50 ${f1(r.wallboard.lag.p50)} ms, p99 ${f1(r.wallboard.lag.p99)} ms, max ${f1(r.wallboard.lag.max)} ms; size ${f1(r.wallboard.bytes.p50 / 1024)} KB (max ${f1(r.wallboard.bytes.max / 1024)} KB).`,
    '',
    '| server memory, MB (after two forced GCs) | RSS | V8 heap used | heap total | external |',
    '|---|--:|--:|--:|--:|',
    memRow('before any socket', m.before),
    memRow(`${int(r.connect.agents)} agents connected`, m.connected),
    memRow(`+ ${r.connect.supervisors} supervisors watching`, m.watched),
    memRow('after the load, sockets still open', m.after),
    `| peak RSS sampled | ${mb(m.peakRss)} | | | |`,
    '',
    `Per agent socket: RSS ${perSocketKb(r, 'rss')} KB, V8 heap ${perSocketKb(r, 'heapUsed')} KB, external ${perSocketKb(r, 'external')} KB.`,
    '',
    `**CPU over the load window** (${f1(r.cpu.windowS)} s, machine ${int(r.cpu.machineBusyPct)} % busy of 2 cores): ${r.cpu.parts.map((p) => `${p.name} ${int(p.pctOfCore)} %`).join('; ')}. Server event-loop delay ${eld ? `p50 ${f1(eld.p50)} ms, p99 ${f1(eld.p99)} ms, max ${f1(eld.max)} ms` : '—'}${gc ? `; GC: ${Object.entries(gc.byKind).map(([k, v]) => `${k} ${v.count}× ${int(v.ms)} ms`).join(', ')}, longest ${f1(gc.longestMs)} ms (${gc.longestKind})` : ''}. Client (this process) event-loop delay p50 ${f1(r.client.eld.p50)} ms, p99 ${f1(r.client.eld.p99)} ms, max ${f1(r.client.eld.max)} ms.`,
    '',
  ];
  if (statements.length) {
    out.push(
      `**Statements over the window** (call → result, round trip and lock waits included; pool waits sampled ${t?.poolWaitSamples ?? 0} of ${t?.poolSamples ?? 0}):`,
      '',
      '| statement | n | mean ms | max ms | total ms |',
      '|---|--:|--:|--:|--:|',
      ...statements,
      '',
    );
  }
  if (r.profile) {
    out.push(
      `**CPU profile of the server over the window** (${f1(r.profile.busyS)} s busy): by place ${r.profile.byPlace.slice(0, 8).map((p) => `${p.place} ${int(100 * p.share)} %`).join(', ')}; top functions ${r.profile.top.slice(0, 10).map((p) => `${p.fn} (${p.place}) ${f1(100 * p.share)} %`).join(', ')}.`,
      '',
    );
  }
  const s = r.stored;
  out.push(
    `**Stored:** ${s.exact} of ${s.calls} desk calls have \`visited\` = 1 + their agent's acked chooses (${s.lost} steps lost, ${s.doubled} doubled${s.appliedAfterTimeout ? `; ${s.appliedAfterTimeout} steps applied for chooses the client had given up on after ${ACK_TIMEOUT_MS / 1000} s` : ''}), ${s.ringBroken} out of the a → b → c ring, ${s.notConnected} not \`connected\`.${s.wrong.length ? ` First wrong: ${s.wrong.map((w) => `${w.agent} ${w.visited} for ${w.expected}`).join(', ')}` : ''}`,
    '',
    `Server exit: ${r.server.exit}. Server log lines (LOG_LEVEL=warn): ${r.server.warnings.length}${r.server.warnings.length ? `; first: ${r.server.warnings.slice(0, 3).map((w) => `\`${w.replace(/`/g, "'")}\``).join(' ')}` : ''}.`,
  );
  return out.join('\n');
}

// ── the run ─────────────────────────────────────────────────────────────────────────────

async function run(o: Options): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const dbName = `bench_desk_${process.pid}`;
  const url = databaseUrl(o.adminUrl, dbName);
  const loadAtStart = loadavg();
  await dropDatabase(o.adminUrl, dbName);
  await withClient(o.adminUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
  const client = new pg.Client({ connectionString: url, application_name: 'desk-bench' });
  let server: Server | null = null;
  const sockets: Socket[] = [];
  try {
    log(`setting up ${dbName}: ${o.rows} customers, ${o.agents} agents on a call each, ${o.supervisors} supervisors…`);
    const app = await boot(url, join(OUT_DIR, 'desk-data', 'bench'), new Date().toISOString());
    await client.connect();
    const prep = await prepare(app, client, o).finally(() => app.close());
    log(`  ready in ${(prep.setupMs / 1000).toFixed(1)} s`);

    // the server runs a private copy of the build: others build in this checkout while the bench runs
    const distDir = join(OUT_DIR, 'desk-dist');
    rmSync(distDir, { recursive: true, force: true });
    cpSync(join(ROOT, 'dist'), distDir, { recursive: true, filter: (src) => !src.endsWith('.map') && !src.endsWith('.tsbuildinfo') });
    const memoryFile = join(OUT_DIR, 'desk-memory.json');
    const probe = new MemoryProbe(memoryFile);
    const intervalMs = Number(o.env.WALLBOARD_INTERVAL_MS ?? 1000);
    server = await startServer({
      name: 'desk',
      root: ROOT,
      distDir,
      outDir: OUT_DIR,
      databaseUrl: url,
      fakeUrl: 'http://127.0.0.1:9',
      env: {
        DISPATCH_ENABLED: 'false',
        WALLBOARD_INTERVAL_MS: String(intervalMs),
        NODE_OPTIONS: `--expose-gc --require ${join(distDir, 'bench', 'relay', 'memory-probe.js')} ${o.nodeOptions}`.trim(),
        BENCH_MEMORY_FILE: memoryFile,
        ...o.env,
      },
      timing: o.timing,
      profile: o.profile,
    });
    const srv = server;
    log(`server on ${srv.url} (pid ${srv.pid})`);
    const measure = async (): Promise<MemoryPoint> => {
      const a = await probe.ask('measure');
      const mem = procMemory(srv.pid) ?? { rss: NaN, hwm: NaN };
      return { rss: mem.rss, hwm: mem.hwm, heapUsed: a?.heapUsed ?? null, heapTotal: a?.heapTotal ?? null, external: a?.external ?? null, gcMs: a?.gcMs ?? null };
    };

    const quiet = await quietMachine(o.quietLoad, o.quietWaitS);
    log(`load ${quiet.load.map((x) => x.toFixed(2)).join(' ')} after ${quiet.waitedS.toFixed(0)} s${quiet.quiet ? '' : ` (not below ${o.quietLoad}: running anyway)`}`);
    await sleep(1000);
    const before = await measure();
    log(`before: RSS ${mb(before.rss)} MB, heap ${mb(before.heapUsed)} MB`);

    const rss = new ServerSampler(srv.pid);
    rss.start();
    const total = o.rate * (o.warmupS + o.durationS);
    const load: Load = {
      sentAt: new Float64Array(total).fill(NaN),
      toStep: new Float64Array(total).fill(NaN),
      toAck: new Float64Array(total).fill(NaN),
      late: new Float64Array(total).fill(NaN),
      sent: 0,
      ackOk: 0,
      ackRefused: 0,
      ackTimeouts: 0,
      ackedWithoutStep: 0,
      strayStep: 0,
      deskErrors: 0,
      refusals: [],
    };
    let t0 = 0;
    const since = () => t0;
    log(`connecting ${o.agents} agents, ${o.connectConcurrency} at a time…`);
    const connectStarted = performance.now();
    let firstError: string | null = null;
    const connected = await pooled(prep.agents, o.connectConcurrency, (seat) =>
      connectAgent(srv.url, seat, load, since).catch((e: unknown) => {
        firstError ??= String(e);
        return null;
      }),
    );
    const connectWallS = (performance.now() - connectStarted) / 1000;
    const agents = connected.filter((c) => c !== null).map((c) => c.agent);
    sockets.push(...agents.map((a) => a.socket));
    const callsMatched = connected.filter((c) => c?.state.call?.id === c?.agent.seat.callId && c?.state.presence === 'on_call').length;
    log(`  ${agents.length} connected in ${connectWallS.toFixed(1)} s; ${callsMatched} back in their call`);
    if (!agents.length) throw new Error(`no agent connected: ${firstError}`);
    await sleep(2000);
    const connectedMem = await measure();
    log(`  connected: RSS ${mb(connectedMem.rss)} MB, heap ${mb(connectedMem.heapUsed)} MB`);

    const boards: Boards = { arrivals: [], lagMs: [], bytes: [] };
    sockets.push(...(await Promise.all(prep.supervisors.map((s, i) => watch(srv.url, s, i, boards)))));
    await sleep(2000);
    const watched = await measure();

    const cpu = new CpuMeter(() => [{ name: `server (pid ${srv.pid})`, pid: srv.pid }], client, dbName);
    const eldClient = monitorEventLoopDelay({ resolution: 5 });
    await probe.ask('eld-reset');
    const timingStart = srv.timing();
    srv.profileStart();
    await cpu.begin();
    const stealStart = stealMs();
    const cpuStart = rss.samples.length;
    log(`${o.rate} chooses/s from ${agents.length} agents (each every ${((agents.length / o.rate) * 1000).toFixed(0)} ms): ${o.warmupS} s warm-up + ${o.durationS} s…`);
    t0 = performance.now();
    const timeline = sampleTimeline(srv.pid, since);
    const windowFrom = t0 + o.warmupS * 1000;
    setTimeout(() => eldClient.enable(), o.warmupS * 1000);
    await drive(agents, o, load, since);
    const windowTo = performance.now();
    clearInterval(timeline.timer);
    eldClient.disable();
    // the last answers, then the window's numbers
    const drainStarted = Date.now();
    while (load.ackOk + load.ackRefused + load.ackTimeouts < load.sent && Date.now() - drainStarted < ACK_TIMEOUT_MS + 1000) await sleep(50);
    const cpuReport = await cpu.end();
    const steal = stealMs() - stealStart;
    const eld = await probe.ask('eld');
    const profileFile = await srv.profileStop();
    await sleep(600);
    const timing = timingDelta(timingStart, srv.timing());
    const cpuSamples = rss.samples.slice(cpuStart);
    const serverCpuPct = cpuSamples.length > 1 ? (100 * (cpuSamples[cpuSamples.length - 1][2] - cpuSamples[0][2])) / (cpuSamples[cpuSamples.length - 1][0] - cpuSamples[0][0]) : null;
    log(`  ${load.sent} sent, ${load.ackOk} acked ok, ${load.ackRefused} refused, ${load.ackTimeouts} timed out`);
    const after = await measure();
    rss.stop();
    const stored = await checkStored(client, prep.campaignId, agents);
    log(`  stored: ${stored.exact} of ${stored.calls} desk calls exact`);
    for (const s of sockets.splice(0)) s.disconnect();
    await sleep(1500);
    const exit = await srv.stop();
    server = null;

    const warmMs = o.warmupS * 1000;
    const inWindow = (i: number) => load.sentAt[i] >= warmMs;
    const measuredIdx = Array.from({ length: total }, (_, i) => i).filter(inWindow);
    const toStep = measuredIdx.map((i) => load.toStep[i]).filter((x) => !Number.isNaN(x));
    const p99BySecond = Array.from({ length: o.durationS }, (_, sec) =>
      stats(measuredIdx.filter((i) => Math.floor((load.sentAt[i] - warmMs) / 1000) === sec).map((i) => load.toStep[i])).p99,
    );
    const ackedInWindow = measuredIdx.filter((i) => !Number.isNaN(load.toAck[i])).length;
    const p = profileFile ? summarize(profileFile) : null;
    const report: DeskReport = {
      when: new Date().toISOString().slice(0, 16).replace('T', ' '),
      at: new Date().toISOString(),
      code: codeVersion(),
      machine: await pgMachineLine(client),
      label: o.label,
      options: { agents: o.agents, supervisors: o.supervisors, rate: o.rate, durationS: o.durationS, warmupS: o.warmupS, connectConcurrency: o.connectConcurrency, rows: o.rows, env: o.env, timing: o.timing, profile: o.profile, quietLoad: o.quietLoad, quietWaitS: o.quietWaitS, label: o.label, nodeOptions: o.nodeOptions },
      loadAtStart,
      quiet,
      setup: { customers: prep.customers, setupS: prep.setupMs / 1000 },
      connect: { agents: o.agents, failed: o.agents - agents.length, firstError, wallS: connectWallS, perSocket: stats(connected.filter((c) => c !== null).map((c) => c.ms)), supervisors: prep.supervisors.length, callsMatched },
      memory: { before, connected: connectedMem, watched, after, peakRss: rss.peak },
      load: {
        windowS: (windowTo - t0) / 1000,
        sent: load.sent,
        ackOk: load.ackOk,
        ackRefused: load.ackRefused,
        ackTimeouts: load.ackTimeouts,
        ackedWithoutStep: load.ackedWithoutStep,
        strayStep: load.strayStep,
        deskErrors: load.deskErrors,
        refusals: load.refusals,
        measured: measuredIdx.length,
        stepped: toStep.length,
        toStep: stats(toStep),
        toAck: stats(measuredIdx.map((i) => load.toAck[i])),
        overTarget: toStep.filter((x) => x > TARGET_P99_MS).length,
        bursts: bursts(measuredIdx.filter((i) => load.toStep[i] > TARGET_P99_MS).map((i) => load.sentAt[i])),
        throughput: ackedInWindow / o.durationS,
        clientLate: stats(measuredIdx.map((i) => load.late[i])),
        p99BySecond,
      },
      wallboard: {
        intervalMs,
        gaps: gaps(boards.arrivals, windowFrom, windowTo, intervalMs),
        lag: stats(boards.lagMs),
        bytes: stats(boards.bytes),
        updates: boards.arrivals.reduce((sum, a) => sum + a.filter((x) => x >= windowFrom && x <= windowTo).length, 0),
      },
      cpu: cpuReport,
      serverCpuPct,
      stealMs: steal,
      server: { eld: eld?.eld ?? null, gcs: eld?.gcs ?? null, timing, exit, warnings: serverWarnings(join(OUT_DIR, 'dispatch-desk.log')) },
      client: { eld: { p50: eldClient.percentile(50) / 1e6 - 5, p99: eldClient.percentile(99) / 1e6 - 5, max: eldClient.max / 1e6 - 5 } },
      stored,
      profile: p ? { byPlace: p.byPlace, top: p.top, busyS: (p.totalMs - p.idleMs) / 1000 } : null,
    };
    writeFileSync(join(OUT_DIR, 'desk-last.json'), JSON.stringify({ ...report, timeline: timeline.rows }, null, 1));
    // per choose: [sent at (ms into the run), → step (ms), → ack (ms)]
    writeFileSync(join(OUT_DIR, 'desk-latencies.json'), JSON.stringify(Array.from(load.sentAt, (x, i) => [Math.round(x), Math.round(load.toStep[i] * 100) / 100, Math.round(load.toAck[i] * 100) / 100])));
    const runs = [...history(), historyEntry(report)];
    writeFileSync(HISTORY, JSON.stringify(runs, null, 1));
    return renderSection(report, runs);
  } finally {
    for (const s of sockets) s.disconnect();
    await server?.stop();
    await client.end().catch(() => undefined);
    await dropDatabase(o.adminUrl, dbName);
  }
}

const args = process.argv.slice(2);
const options = parseOptions(args);
const saved = argValue(args, '--render');
runBench('desk', OUT_DIR, () => (saved ? Promise.resolve(renderSection(JSON.parse(readFileSync(saved, 'utf8')) as DeskReport, history())) : run(options)), options.writeReadme);

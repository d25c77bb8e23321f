/**
 * The production-shape load run (issue 10): `npm run bench:load -- [--customers 100000]
 * [--agents 1000] [--minutes 30] [--sms-rate 100] [--calls-rate 20] [--handle 8] [--sample 10]
 * [--env KEY=VALUE]… [--label TEXT] [--no-readme]`.
 *
 * Two compiled servers on one PostgreSQL database with Redis (a private redis-server), the
 * scheduler and the dispatcher on in both; the fake Twilio on loopback answers the SDK, calls back
 * signed, and fetches an answered call's TwiML. One campaign over every customer who may be
 * messaged: an SMS, then an agent call (progressive: one call per free agent) for those with call
 * consent. `--agents` socket.io consoles, half on each server, go 空闲; an answered call is put
 * through to one of them (routed by either server), who disposes of it after `--handle` seconds
 * (the carrier call is hung up), and is free again after wrap-up.
 *
 * Every `--sample` seconds: attempts by channel and state, creates at the fake, each server's RSS,
 * and the agents' presence. Measured: throughput per channel, the answer → call.assigned latency at
 * the console, the console's request acknowledgements, the webhooks' latency (the servers' own
 * histogram), memory over time; at the end, nothing lost (every create at the fake is an attempt
 * that records it, no attempt stuck in flight past its lease, every answered agent call reached an
 * agent or was counted abandoned) and nothing doubled (one create per attempt, one SMS per customer).
 */
import 'reflect-metadata';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JwtService } from '@nestjs/jwt';
import bcrypt from 'bcryptjs';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { AGENT_DESK_NAMESPACE, type CampaignPacing, type DeskAck, type DeskAgentState, type DeskCall } from '@app/contracts';
import { CampaignLifecycle, CampaignsService } from '@app/campaigns';
import { DemoDataLoader } from '@app/customers';
import { ScriptsService } from '@app/scripts';
import { SegmentsService } from '@app/segments';
import { startFakeTwilio, type FakeTwilio } from '../test/support/fake-twilio';
import { freePort } from '../test/support/wait';
import { boot, type Booted } from './support/bench-app';
import { argValue, count, databaseUrl, dropDatabase, envArgs, log, pgMachineLine, runBench, withClient } from './support/bench-kit';
import { ACCOUNT_SID, AUTH_TOKEN, type Server, startServer } from './dispatch/servers';
import { BENCH_USER, buildPool, openPolicy } from './dispatch/setup';
import { procMemory } from './relay/server-memory';

const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const ACK_TIMEOUT_MS = 15_000;

const SMS_TEXT = '【示例银行】{{companyName}}：贵公司积分{{pointsBalance}}分将于{{date pointsExpireAt}}到期，登录企业手机银行兑换。回复TD退订';
/** One step: the agent greets and ends the call with a disposition. */
const AGENT_SCRIPT = {
  start: 'greet',
  steps: [{ id: 'greet', title: '开场', text: '您好，我是客户经理{{agentName}}，请问是{{companyName}}的{{legalRepName}}吗？', options: [], dispositions: ['completed', 'not_interested', 'no_decision'] }],
};

interface Options {
  customers: number;
  agents: number;
  minutes: number;
  smsRate: number;
  callsRate: number;
  handleS: number;
  sampleS: number;
  env: Record<string, string>;
  label: string;
  adminUrl: string;
  writeReadme: boolean;
}

function parseOptions(args: string[]): Options {
  return {
    customers: count(argValue(args, '--customers'), 100_000, '--customers'),
    agents: count(argValue(args, '--agents'), 1000, '--agents'),
    minutes: Number(argValue(args, '--minutes') ?? 30),
    smsRate: count(argValue(args, '--sms-rate'), 100, '--sms-rate'),
    callsRate: count(argValue(args, '--calls-rate'), 20, '--calls-rate'),
    handleS: count(argValue(args, '--handle'), 8, '--handle'),
    sampleS: count(argValue(args, '--sample'), 10, '--sample'),
    env: envArgs(args),
    label: argValue(args, '--label') ?? '',
    adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/postgres',
    writeReadme: !args.includes('--no-readme'),
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function codeVersion(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

// ── the pieces on loopback ──────────────────────────────────────────────────────────────

/** A private redis-server for the socket.io adapter, gone with the bench. */
async function startRedis(): Promise<{ url: string; stop(): void }> {
  if (spawnSync('redis-server', ['--version']).error) throw new Error('redis-server is not installed: apt-get install -y redis-server');
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await sleep(300);
  return { url: `redis://127.0.0.1:${port}`, stop: () => void child.kill('SIGTERM') };
}

/** The servers' webhook latency histogram, summed over both: (le → count) for the SMS and voice groups. */
function scrapeHistogram(url: string): Promise<Map<string, Map<number, number>>> {
  return new Promise((resolve) => {
    get(`${url}/metrics`, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        const groups = new Map<string, Map<number, number>>();
        for (const line of text.split('\n')) {
          const m = /^cc_http_request_duration_seconds_bucket\{([^}]*)\} (\d+)/.exec(line);
          if (!m) continue;
          const group = /group="([^"]+)"/.exec(m[1])?.[1] ?? '';
          const le = /le="([^"]+)"/.exec(m[1])?.[1] ?? '';
          const bucket = groups.get(group) ?? new Map<number, number>();
          const bound = le === '+Inf' ? Infinity : Number(le);
          bucket.set(bound, (bucket.get(bound) ?? 0) + Number(m[2]));
          groups.set(group, bucket);
        }
        resolve(groups);
      });
    }).on('error', () => resolve(new Map()));
  });
}

/** The bucket bound under which `p` % of the observations fall (a histogram's p99 is a bucket, not a value). */
function histogramPercentile(buckets: Map<number, number> | undefined, p: number): string {
  if (!buckets) return '—';
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const total = buckets.get(Infinity) ?? 0;
  if (!total) return '—';
  for (const b of bounds) if ((buckets.get(b) ?? 0) >= (p / 100) * total) return b === Infinity ? '> 5 s' : `≤ ${b * 1000} ms`;
  return '—';
}

// ── setup ───────────────────────────────────────────────────────────────────────────────

interface Seat {
  agentId: string;
  username: string;
  token: string;
}

/** Customers through the real import, the staff in SQL, a campaign of SMS then agent calls over everyone who may be messaged. */
async function prepare(app: Booted, client: pg.Client, o: Options): Promise<{ campaignId: string; members: number; callable: number; seats: Seat[]; setupS: number }> {
  const started = performance.now();
  await app.get(DemoDataLoader).load(o.customers);
  await client.query('VACUUM (ANALYZE) customers');
  const pool = await buildPool(client);
  await openPolicy(app);
  const scripts = app.get(ScriptsService);
  const sms = await scripts.create({ name: `积分到期提醒（压测）${Date.now()}`, kind: 'sms', body: { text: SMS_TEXT } }, BENCH_USER);
  const agentScript = await scripts.create({ name: `坐席回访（压测）${Date.now()}`, kind: 'agent', body: AGENT_SCRIPT }, BENCH_USER);
  // the segment: every pool customer (one mobile each, SMS consent), its memberships written set-based
  const segment = await app.get(SegmentsService).create({ name: `压测全量客户 ${Date.now()}`, rule: { field: 'tier', op: '>=', value: 0 }, nightly: false }, BENCH_USER);
  const refreshId = randomUUID();
  const now = new Date();
  app.clock.set(now);
  const { rowCount: members } = await client.query(
    `INSERT INTO segment_memberships (segment_id, customer_id, version, entered_at, entered_refresh_id) SELECT $1, customer_id, 1, $2, $3 FROM bench_pool`,
    [segment.id, now, refreshId],
  );
  await client.query(
    `INSERT INTO segment_refreshes (id, segment_id, segment_name, version, trigger, status, members, entered, exited, ms, as_of, started_at, created_by)
     SELECT $1, id, name, 1, 'manual', 'succeeded', $2, $2, 0, 0, ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, $3, 'bench' FROM segments WHERE id = $4`,
    [refreshId, members, now, segment.id],
  );
  await client.query('UPDATE segments SET members = $1, last_refresh_id = $2 WHERE id = $3', [members, refreshId, segment.id]);
  await client.query('ANALYZE segment_memberships');
  const pacing: CampaignPacing = { mode: 'progressive', ratio: 1, maxConcurrent: Math.max(o.agents, 1000), maxAbandonPct: 3 };
  const dto = {
    name: `积分到期短信＋坐席外呼（压测）${Date.now()}`,
    segmentId: segment.id,
    purpose: 'service',
    entryMode: 'snapshot',
    holdoutPct: 0,
    startsAt: now,
    endsAt: new Date(now.getTime() + 86_400_000),
    steps: [
      { channel: 'sms', scriptId: sms.id, delayMinutes: 0, runIf: 'always' },
      { channel: 'agent_call', scriptId: agentScript.id, delayMinutes: 0, runIf: 'always' },
    ],
    pacing,
  } as Parameters<CampaignsService['create']>[0];
  const campaign = await app.get(CampaignsService).create(dto, BENCH_USER);
  const view = await app.get(CampaignLifecycle).act(campaign.id, 'start', BENCH_USER);
  if (view.status !== 'running') throw new Error(`the campaign did not start: ${view.status}`);

  // the agents: one bcrypt hash for all (the bench signs their tokens), the remote center's own staff
  const hash = await bcrypt.hash('Load-bench-2026', 10);
  const staff = Array.from({ length: o.agents }, (_, i) => ({ id: randomUUID(), username: `load${String(i + 1).padStart(4, '0')}`, name: `坐席${i + 1}` }));
  await client.query(
    `INSERT INTO users (id, username, display_name, password_hash, role, branch_code, skills, disabled, created_at, updated_at)
     SELECT id, username, name, $4, 'agent', NULL, '[]', false, now(), now() FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s(id, username, name)`,
    [staff.map((s) => s.id), staff.map((s) => s.username), staff.map((s) => s.name), hash],
  );
  const jwt = app.get(JwtService);
  const seats = await Promise.all(staff.map(async (s) => ({ agentId: s.id, username: s.username, token: await jwt.signAsync({ sub: s.id, username: s.username, role: 'agent', branchCode: null }, { expiresIn: '12h' }) })));
  return { campaignId: campaign.id, members: members ?? 0, callable: pool.call, seats, setupS: (performance.now() - started) / 1000 };
}

// ── the consoles ────────────────────────────────────────────────────────────────────────

interface Consoles {
  assignedMs: number[];
  ackMs: number[];
  disposed: number;
  refused: string[];
  timeouts: number;
  reconnects: number;
  deskErrors: number;
}

/** An agent's console: 空闲 on connect, each call put through disposed of after `handleS`. */
function openConsole(url: string, seat: Seat, o: Options, fake: FakeTwilio, c: Consoles): Promise<Socket> {
  const socket = io(`${url}${AGENT_DESK_NAMESPACE}`, { auth: { token: seat.token }, transports: ['websocket'], reconnection: true, reconnectionDelay: 500 });
  const send = (event: string, body: unknown): void => {
    const sent = performance.now();
    socket.timeout(ACK_TIMEOUT_MS).emit(event, body, (err: Error | null, ack: DeskAck) => {
      if (err) return void (c.timeouts += 1);
      c.ackMs.push(performance.now() - sent);
      if (!ack.ok && c.refused.length < 10) c.refused.push(`${event}: ${ack.error.field ?? ''} ${ack.error.message}`);
    });
  };
  const handled = new Set<number>();
  const handle = (call: DeskCall | null) => {
    if (!call || call.state !== 'connected' || handled.has(call.id)) return;
    handled.add(call.id);
    const answered = fake.calls.find((f) => f.ref === String(call.attemptId))?.answeredAt;
    if (answered) c.assignedMs.push(Date.now() - answered.getTime());
    setTimeout(() => {
      c.disposed += 1;
      send('call.disposition', { callId: call.id, disposition: 'completed', note: '压测：已告知积分兑换方式' });
    }, o.handleS * 1000 * (0.5 + Math.random()));
  };
  socket.on('call.assigned', (call: DeskCall) => handle(call));
  socket.on('agent.state', (state: DeskAgentState) => {
    if (state.presence === 'offline' || state.presence === 'break') send('presence.set', { presence: 'available' });
    handle(state.call);
  });
  socket.on('desk.error', () => (c.deskErrors += 1));
  socket.io.on('reconnect', () => (c.reconnects += 1));
  return new Promise((resolve, reject) => {
    socket.once('agent.state', () => resolve(socket));
    socket.once('connect_error', (e) => reject(new Error(`${seat.username}: ${e.message}`)));
  });
}

// ── the run ─────────────────────────────────────────────────────────────────────────────

interface Sample {
  atS: number;
  byState: Record<string, number>;
  creates: { sms: number; call: number };
  rssMb: number[];
  presence: Record<string, number>;
}

async function sample(client: pg.Client, campaignId: string, fake: FakeTwilio, servers: Server[], t0: number): Promise<Sample> {
  const { rows } = await client.query<{ channel: string; state: string; n: string }>('SELECT channel, state, count(*) AS n FROM contact_attempts WHERE campaign_id = $1 GROUP BY 1, 2', [campaignId]);
  const { rows: presence } = await client.query<{ presence: string; n: string }>('SELECT presence, count(*) AS n FROM agent_states GROUP BY 1');
  return {
    atS: (performance.now() - t0) / 1000,
    byState: Object.fromEntries(rows.map((r) => [`${r.channel}:${r.state}`, Number(r.n)])),
    creates: { sms: fake.messages.length, call: fake.calls.length },
    rssMb: servers.map((s) => (procMemory(s.pid)?.rss ?? NaN) / 1024 / 1024),
    presence: Object.fromEntries(presence.map((r) => [r.presence, Number(r.n)])),
  };
}

async function run(o: Options): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const dbName = `bench_load_${process.pid}`;
  const url = databaseUrl(o.adminUrl, dbName);
  await dropDatabase(o.adminUrl, dbName);
  await withClient(o.adminUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
  const client = new pg.Client({ connectionString: url, application_name: 'load-bench' });
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  let redis: { url: string; stop(): void } | null = null;
  let fake: FakeTwilio | null = null;
  try {
    log(`setting up ${dbName}: ${o.customers} customers, ${o.agents} agents…`);
    const app = await boot(url, join(OUT_DIR, 'load-data', 'bench'), new Date().toISOString());
    await client.connect();
    const prep = await prepare(app, client, o).finally(() => app.close());
    log(`  ${prep.members} members (${prep.callable} with call consent) in ${prep.setupS.toFixed(0)} s`);

    redis = await startRedis();
    fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbacks: true, fetchAnswerUrl: true, callbackDelayMs: 300, talkMs: 10 * 60_000, talkSeconds: 60, callbackConcurrency: 64 });
    const distDir = join(OUT_DIR, 'load-dist');
    rmSync(distDir, { recursive: true, force: true });
    cpSync(join(ROOT, 'dist'), distDir, { recursive: true, filter: (src) => !src.endsWith('.map') && !src.endsWith('.tsbuildinfo') });
    const env = {
      DISPATCH_ENABLED: 'true',
      REDIS_URL: redis.url,
      DISPATCH_SMS_PER_SECOND: String(o.smsRate),
      DISPATCH_CALLS_PER_SECOND: String(o.callsRate),
      DISPATCH_REPLAN_SECONDS: '15',
      AGENT_WRAP_UP_SECONDS: '3',
      WALLBOARD_INTERVAL_MS: '1000',
      ...o.env,
    };
    for (const name of ['load-a', 'load-b']) servers.push(await startServer({ name, root: ROOT, distDir, outDir: OUT_DIR, databaseUrl: url, fakeUrl: fake.url, env, timing: false, profile: false }));
    log(`servers ${servers.map((s) => `${s.url} (pid ${s.pid})`).join(', ')}; fake Twilio ${fake.url}; redis ${redis.url}`);

    const consoles: Consoles = { assignedMs: [], ackMs: [], disposed: 0, refused: [], timeouts: 0, reconnects: 0, deskErrors: 0 };
    for (let i = 0; i < prep.seats.length; i += 50) {
      const batch = prep.seats.slice(i, i + 50);
      sockets.push(...(await Promise.all(batch.map((seat, k) => openConsole(servers[(i + k) % 2].url, seat, o, fake!, consoles)))));
    }
    log(`${sockets.length} consoles connected, half on each server, 空闲`);

    const t0 = performance.now();
    const loadAtStart = loadavg();
    const samples: Sample[] = [];
    const endAt = t0 + o.minutes * 60_000;
    while (performance.now() < endAt) {
      await sleep(Math.min(o.sampleS * 1000, Math.max(0, endAt - performance.now())));
      const s = await sample(client, prep.campaignId, fake, servers, t0);
      samples.push(s);
      log(`${s.atS.toFixed(0)} s: SMS ${s.creates.sms}, calls ${s.creates.call}, assigned ${consoles.assignedMs.length}, RSS ${s.rssMb.map((r) => r.toFixed(0)).join(' / ')} MB, ${JSON.stringify(s.presence)}`);
    }
    const webhooks = new Map<string, Map<number, number>>();
    for (const server of servers) {
      for (const [group, buckets] of await scrapeHistogram(server.url)) {
        const sum = webhooks.get(group) ?? new Map<number, number>();
        for (const [le, n] of buckets) sum.set(le, (sum.get(le) ?? 0) + n);
        webhooks.set(group, sum);
      }
    }
    // the consoles go; the servers stop claiming and finish what they hold; then the books are checked
    for (const s of sockets) s.close();
    const exits = await Promise.all(servers.map((s) => s.stop()));
    // callbacks still on their way land (calls still talking do not end: their agents are gone)
    await Promise.race([fake.drain().catch(() => undefined), sleep(5000)]);
    const checks = await audit(client, prep.campaignId, fake);
    return render(o, prep, samples, consoles, webhooks, checks, exits, loadAtStart, await pgMachineLine(client));
  } finally {
    for (const s of sockets) s.close();
    for (const s of servers) await s.stop().catch(() => undefined);
    await fake?.close().catch(() => undefined);
    redis?.stop();
    await client.end().catch(() => undefined);
    await dropDatabase(o.adminUrl, dbName).catch(() => undefined);
  }
}

interface Checks {
  createsPerRef: { refs: number; doubled: number };
  smsPerPhone: { phones: number; doubled: number };
  unrecorded: number;
  stuck: number;
  answeredAgentCalls: number;
  reachedAgent: number;
  abandoned: number;
  final: Record<string, number>;
}

/** Nothing lost, nothing doubled: the fake's creates against the attempts, and every answered agent call's fate. */
async function audit(client: pg.Client, campaignId: string, fake: FakeTwilio): Promise<Checks> {
  const refs = new Map<string, number>();
  for (const x of [...fake.messages, ...fake.calls]) if (x.ref) refs.set(x.ref, (refs.get(x.ref) ?? 0) + 1);
  const phones = new Map<string, number>();
  for (const m of fake.messages) phones.set(m.to, (phones.get(m.to) ?? 0) + 1);
  const { rows } = await client.query<{ id: string; provider_id: string | null; state: string; channel: string; lease_expires_at: Date | null }>(
    'SELECT id, provider_id, state, channel, lease_expires_at FROM contact_attempts WHERE campaign_id = $1',
    [campaignId],
  );
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  const sids = new Map([...fake.messages, ...fake.calls].map((x) => [x.ref ?? '', x.sid]));
  let unrecorded = 0;
  for (const [ref, sid] of sids) if (ref && byId.get(ref)?.provider_id !== sid) unrecorded += 1;
  const now = Date.now();
  const stuck = rows.filter((r) => r.state === 'in_flight' && r.lease_expires_at && r.lease_expires_at.getTime() < now - 60_000).length;
  const answered = new Set(fake.calls.filter((c) => c.answeredAt).map((c) => c.ref ?? ''));
  const { rows: desk } = await client.query<{ attempt_id: string; state: string }>("SELECT attempt_id, state FROM desk_calls WHERE campaign_id = $1 AND kind = 'outbound'", [campaignId]);
  const fate = new Map(desk.map((d) => [String(d.attempt_id), d.state]));
  const final: Record<string, number> = {};
  for (const r of rows) final[`${r.channel}:${r.state}`] = (final[`${r.channel}:${r.state}`] ?? 0) + 1;
  return {
    createsPerRef: { refs: refs.size, doubled: [...refs.values()].filter((n) => n > 1).length },
    smsPerPhone: { phones: phones.size, doubled: [...phones.values()].filter((n) => n > 1).length },
    unrecorded,
    stuck,
    answeredAgentCalls: answered.size,
    reachedAgent: [...answered].filter((ref) => ['connected', 'wrap_up', 'done'].includes(fate.get(ref) ?? '')).length,
    abandoned: [...answered].filter((ref) => fate.get(ref) === 'abandoned').length,
    final,
  };
}

function render(o: Options, prep: { members: number; callable: number; setupS: number }, samples: Sample[], c: Consoles, webhooks: Map<string, Map<number, number>>, k: Checks, exits: Array<number | string | null>, load: number[], machine: string): string {
  const last = samples.at(-1);
  const minutes = (last?.atS ?? 0) / 60;
  const perMinute = (n: number) => (minutes ? Math.round(n / minutes).toLocaleString('en-US') : '—');
  const rows = samples.map((s, i) => {
    const prev = samples[i - 1];
    const dt = s.atS - (prev?.atS ?? 0);
    const rate = (now: number, before: number) => (dt ? ((now - before) / dt).toFixed(1) : '—');
    return `| ${s.atS.toFixed(0)} | ${s.creates.sms.toLocaleString('en-US')} (${rate(s.creates.sms, prev?.creates.sms ?? 0)}/s) | ${s.creates.call.toLocaleString('en-US')} (${rate(s.creates.call, prev?.creates.call ?? 0)}/s) | ${s.presence.on_call ?? 0} / ${s.presence.available ?? 0} / ${s.presence.wrap_up ?? 0} | ${s.rssMb.map((r) => r.toFixed(0)).join(' / ')} |`;
  });
  const every = Math.max(1, Math.ceil(rows.length / 30));
  const lost = k.unrecorded + k.stuck;
  const doubled = k.createsPerRef.doubled + k.smsPerPhone.doubled;
  return [
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${o.label ? ` (${o.label})` : ''}, code ${codeVersion()}, on ${machine}; load at the start ${load.map((x) => x.toFixed(2)).join(' ')}.`,
    '',
    `Two servers (REDIS_URL, the dispatcher and scheduler on in both), ${o.agents.toLocaleString('en-US')} agent consoles (half on each), ${prep.members.toLocaleString('en-US')} customers in the campaign (${prep.callable.toLocaleString('en-US')} with call consent) of SMS then agent calls, pacing ${o.smsRate} SMS/s and ${o.callsRate} calls/s, each call handled ${o.handleS} s ± 50 %, for ${minutes.toFixed(1)} minutes (setup ${prep.setupS.toFixed(0)} s).`,
    '',
    `**Throughput:** ${last?.creates.sms.toLocaleString('en-US') ?? 0} SMS (${perMinute(last?.creates.sms ?? 0)} a minute), ${last?.creates.call.toLocaleString('en-US') ?? 0} agent calls dialled (${perMinute(last?.creates.call ?? 0)} a minute), ${k.answeredAgentCalls.toLocaleString('en-US')} answered, ${c.disposed.toLocaleString('en-US')} disposed of by the agents.`,
    '',
    `**Latency:** answer → \`call.assigned\` at the console p50 ${percentile(c.assignedMs, 50).toFixed(0)} ms, p99 ${percentile(c.assignedMs, 99).toFixed(0)} ms (n ${c.assignedMs.length.toLocaleString('en-US')}); the consoles' requests acknowledged p50 ${percentile(c.ackMs, 50).toFixed(1)} ms, p99 ${percentile(c.ackMs, 99).toFixed(1)} ms (n ${c.ackMs.length.toLocaleString('en-US')}, ${c.timeouts} timed out, ${c.refused.length} refused${c.refused.length ? `: ${c.refused.slice(0, 3).join('; ')}` : ''}); webhooks p99 (the servers' histogram buckets): SMS ${histogramPercentile(webhooks.get('webhook_sms'), 99)}, voice ${histogramPercentile(webhooks.get('webhook_voice'), 99)}; API ${histogramPercentile(webhooks.get('api'), 99)}. Reconnects ${c.reconnects}, \`desk.error\` ${c.deskErrors}.`,
    '',
    `**Nothing lost or doubled:** ${doubled === 0 && lost === 0 ? 'holds' : 'DOES NOT HOLD'} — ${k.createsPerRef.refs.toLocaleString('en-US')} attempts created at the fake, ${k.createsPerRef.doubled} more than once; ${k.smsPerPhone.phones.toLocaleString('en-US')} phones messaged, ${k.smsPerPhone.doubled} twice; ${k.unrecorded} creates the attempt does not record; ${k.stuck} attempts in flight past their lease; answered agent calls: ${k.reachedAgent.toLocaleString('en-US')} reached an agent, ${k.abandoned} abandoned (message played), ${k.answeredAgentCalls - k.reachedAgent - k.abandoned} still being put through when the run stopped. Servers exited ${exits.join(', ')}.`,
    '',
    `Final attempts: ${Object.entries(k.final).sort().map(([key, n]) => `${key} ${n.toLocaleString('en-US')}`).join(', ')}.`,
    '',
    '| s | SMS created | calls created | agents on call / free / wrap-up | RSS MB (A / B) |',
    '|--:|--:|--:|--:|--:|',
    ...rows.filter((_, i) => i % every === 0 || i === rows.length - 1),
  ].join('\n');
}

const options = parseOptions(process.argv.slice(2));
runBench('load', OUT_DIR, () => run(options), options.writeReadme);

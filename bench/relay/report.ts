/**
 * The relay bench's section of bench/README.md: how to run it, how it is measured, the run's
 * numbers, and what limits them — worked out from the same run's measurements.
 */
import type { CpuReport } from '../dispatch/monitor';
import type { TimingSnapshot } from '../dispatch/server-timing';
import type { MemoryAnswer } from './memory-probe';
import type { StoredCheck } from './setup';

export interface Stats {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

export interface MemoryPoint {
  rss: number;
  hwm: number;
  heapUsed: number | null;
  heapTotal: number | null;
  external: number | null;
  /** How long the probe's two full GCs took (the server paused for them). */
  gcMs: number | null;
}

export interface RelayOptions {
  calls: number;
  turns: number;
  pauseMs: number;
  rampMs: number;
  warmup: number;
  ending: 'stop' | 'hangup';
  rows: number;
  env: Record<string, string>;
  timing: boolean;
  profile: boolean;
  quietLoad: number;
  quietWaitS: number;
}

export interface RelayReport {
  when: string;
  /** The run's end, to the millisecond (its key in the history). */
  at?: string;
  code: string;
  machine: string;
  options: RelayOptions;
  setup: { customers: number; callable: number; loadMs: number; startMs: number };
  loadAtStart: number[];
  quiet: { waitedS: number; load: number[]; quiet: boolean };
  barrierAt: number | null;
  latency: {
    all: Stats;
    firstTurn: Stats;
    afterBarrier: Stats | null;
    rest: Stats;
    /** Final prompts sent before the last socket's setup was sent, and after. */
    duringRamp: Stats;
    afterRamp: Stats;
    /** Final prompts sent after the first call ended (sessions closing while others talk). */
    whileEnding: Stats;
    /** Turns over 20 ms: how many; sent while the sockets opened; the turn after the barrier (not in the ramp); after the first call ended (neither); the last one's send time (s into the window). */
    slow: { over20: number; duringRamp: number; afterBarrier: number; whileEnding: number; lastAtS: number | null };
    toLast: Stats;
    closing: Stats | null;
    buckets: Array<{ upToMs: number | null; n: number }>;
  };
  calls: { completed: number; failed: number; failures: Array<{ call: number; turn: number; what: string }>; unexpected: number; turnsAnswered: number };
  windowS: number;
  rampedS: number;
  firstEndS: number | null;
  barrierS: { from: number; to: number } | null;
  /** The server's CPU (share of one core) while the sockets opened, and over the rest of the window without the barrier's pause. */
  serverCpu: { ramp: number | null; steady: number | null };
  memory: { before: MemoryPoint; live: MemoryPoint | null; after: MemoryPoint; peakRss: number; probe: boolean };
  cpu: CpuReport;
  /** Steal time of the whole VM over the window (ms, all vCPUs). */
  stealMs?: number;
  /** eld: the event-loop delay after the barrier's forced GCs (the whole window when there is no barrier); eldFirst: before them. */
  server: { elu: number | null; eld: MemoryAnswer['eld']; eldFirst?: MemoryAnswer['eld']; gcs?: MemoryAnswer['gcs']; timing: TimingSnapshot | null; exit: number | string | null; warnings: string[] };
  /** The callers' event-loop delay after the ramp (delay) and while the sockets opened (delayRamp). */
  client: { delay: { p50: number; p99: number; max: number }; delayRamp?: { p50: number; p99: number; max: number }; elu: number };
  stored: StoredCheck;
  profile: { byPlace: Array<{ place: string; share: number }>; top: Array<{ fn: string; place: string; share: number }>; busyS: number } | null;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const f1 = (n: number): string => n.toFixed(1);
const f2 = (n: number): string => n.toFixed(2);
const pct = (n: number): string => `${(100 * n).toFixed(1)} %`;
const mb = (bytes: number | null | undefined): string => (bytes === null || bytes === undefined ? '—' : f1(bytes / 1024 ** 2));
const kb = (bytes: number): string => int(bytes / 1024);

export function stats(values: ArrayLike<number>): Stats {
  const v = Float64Array.from(Array.prototype.filter.call(values, (x: number) => !Number.isNaN(x)) as number[]).sort();
  const q = (p: number) => (v.length ? v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)] : NaN);
  let sum = 0;
  for (const x of v) sum += x;
  return { count: v.length, mean: v.length ? sum / v.length : NaN, p50: q(0.5), p95: q(0.95), p99: q(0.99), p999: q(0.999), max: v.length ? v[v.length - 1] : NaN };
}

const row = (name: string, s: Stats | null): string => (s && s.count ? `| ${name} | ${int(s.count)} | ${f2(s.p50)} | ${f2(s.p95)} | ${f2(s.p99)} | ${f2(s.p999)} | ${f2(s.max)} | ${f2(s.mean)} |` : '');

const HEAD = `## AI-call relay under load (\`npm run bench:relay\`)

The issue asks: 200 concurrent simulated AI calls on one instance; the time from a customer's
\`prompt\` to the first \`text\` token of the AI's answer (rules only, no model) p99 ≤ 20 ms; memory
per call reported.

### Run it

\`\`\`bash
npm run bench:relay                                    # 200 calls × 20 turns, 500 ms think time: under a minute, plus any wait for a quiet machine
npm run bench:relay -- --calls 500 --turns 10 --pause-ms 300
npm run bench:relay -- --ending stop                   # end each call with "别再打了" (opt-out) instead of hanging up: see below
npm run bench:relay -- --env RELAY_SILENCE_SECONDS=8   # any server setting
npm run bench:relay -- --profile --no-readme           # a V8 CPU profile of the server over the window
npm run bench:relay -- --quiet-load 1.0 --quiet-wait 300   # (defaults) wait for the 1-min load average before the window
npm run bench:relay -- --render bench/out/relay-last.json  # this section again from the last run's results
\`\`\`

The script builds the server when its sources are newer and runs \`dist/bench/relay.bench.js\`.
The role of \`BENCH_DATABASE_URL\` (default \`postgres://app:app@127.0.0.1:5432/postgres\`) needs
\`CREATEDB\`; the run's database \`bench_relay_<pid>\` is dropped at the end. The server's log
(\`dispatch-relay.log\`), the raw results (\`relay-last.json\`), every turn's send time and latency
(\`relay-latencies.json\`) and each run's headline (\`relay-history.json\`: the section lists the
earlier runs of the same load) are left in \`bench/out/\`.

### How it is measured

- **Data** (in the bench process, the real AppModule on a new database, migrations run):
  \`DemoDataLoader.load(rows)\` (two feeds through the import), the contact policy opened around
  the clock, a four-step voice script (\`bench/relay/setup.ts\`: identity, an anti-fraud line, online
  banking, goodbye) and an \`ai_call\` marketing campaign over *calls + warm-up* customers with call
  consent, created and started with the dispatch bench's helpers (\`startCampaign\`: planned in
  SQL). Every attempt is then marked dialled in SQL: \`state='in_flight'\`,
  \`provider_id='CA'||lpad(id,32,'0')\`. The in-process app is closed before the server starts.
- **Server**: one compiled server (\`startServer\` of the dispatch bench:
  \`node dist/apps/contact-center/src/main.js\` as a child process, a private copy of \`dist/\`) with
  \`TELEPHONY_PROVIDER=twilio\`, \`TWILIO_AUTH_TOKEN\` known to the bench, \`PUBLIC_BASE_URL\` its own
  URL, \`DISPATCH_ENABLED=false\`, \`RELAY_SPEECH_MS_PER_CHAR=0\`, \`RELAY_SILENCE_SECONDS=60\` (the
  customers are never silent; 60 s keeps the memory barrier's pause, below, from counting as silence),
  no \`LLM_*\` (rules only), \`LOG_LEVEL=warn\`, the rest at defaults. Preloaded: the dispatch
  bench's \`server-timing.js\` (every PostgreSQL statement timed, event-loop utilization) and
  \`bench/relay/memory-probe.js\` (\`NODE_OPTIONS=--expose-gc --require …\`: on request two full
  GCs then \`process.memoryUsage()\`; the server's event-loop delay — how late a 5-ms timer fires —
  read before and after those GCs, which are left out; its garbage collections by kind).
- **Callers** (\`bench/relay/callers.ts\`, one process, \`ws\` clients): the sockets are opened
  evenly over 2 s, each upgrade signed like Twilio's (\`X-Twilio-Signature\` over the ws URL),
  then \`setup\` with \`customParameters.attemptId\` and the attempt's call sid. Per turn: a think
  time of *pause* × U(0.5, 1.5) after the AI's last token (after \`setup\` for the first turn), a
  partial \`prompt\` (\`last:false\`) and the final one; the latency is from just before the final
  prompt's \`send\` to the first \`text\` frame, taken in the message handler with
  \`performance.now()\` (frames are prepared strings, answers recognised by a byte search — no
  JSON parsing). What the customers say keeps every call going: mostly "再说一遍 / 没听清 / 你说什么"
  (\`repeat\`: the AI says the step again), a yes at turns 2 and 4 (identity → anti-fraud → online
  banking), a mumble (\`unclear\`) every 6th turn and a question (\`question\`, no model: the AI offers
  a person, never taken) every 6th; the bench checks these lines against the platform's own
  intent rules before it starts. After the last turn the customer hangs up (the socket closes:
  the session ends the conversation as \`hung_up\`); with \`--ending stop\` the customer says
  "别再打了" instead (opt-out: the AI's goodbye is timed as the *closing* turn, the session's \`end\`
  awaited, then the socket closes).
- **Quiet machine, warm-up**: the bench first waits up to \`--quiet-wait\` s (300) for the 1-min
  load average to fall below \`--quiet-load\` (1.0) — the 2-core machine is shared — and runs anyway
  after that, saying so; then *warm-up* calls (default 10) run the same dialogue at once with a
  20-ms pause (JIT, the pool's connections), not counted in the latencies.
- **Memory**: VmRSS from \`/proc/<pid>/status\` and the V8 heap from the probe, each just after the
  probe's two full GCs: *before* (server warmed up, no socket open), *live* (every call at the
  middle turn: the callers wait at a barrier until all N are there, 1 s passes, the server is
  measured, then they go on — so no prompt is in flight during the GCs), *after* (every socket
  closed, every conversation ended, 2 s later). Per live call = (live − before) / N. VmRSS is also
  sampled every 250 ms for the peak.
- **CPU** over the window (first socket opened → last closed) from /proc: the server, this bench
  process (the callers), the PostgreSQL backends of the bench database, the rest of the machine,
  and the VM's steal time; the server's CPU also sampled every 250 ms, so the ramp shows apart.
- **Stored**: afterwards, per call, its conversation must be \`ended\` with exactly 1 greeting + 2
  rows per answered customer turn (+ 2 per silence the session counted: the system row and the
  AI's line), \`seq\` 0…n−1 without gaps — for the warm-up calls too.`;

/** The server's event-loop delay, before and after the barrier's forced GCs (which are left out). */
function eldText(r: RelayReport): string {
  const e = (x: MemoryAnswer['eld'] | undefined) => (x ? `p50 ${f2(x.p50)} / p99 ${f2(x.p99)} / p99.9 ${f2(x.p999)} / max ${f2(x.max)} ms` : 'not read');
  return r.server.eldFirst ? `up to the barrier ${e(r.server.eldFirst)}, after it ${e(r.server.eld)} (the probe's GCs between left out)` : e(r.server.eld);
}

/** The worse of the two halves. */
function eldWorst(r: RelayReport): { p99: number; p999: number; max: number } | null {
  const parts = [r.server.eldFirst, r.server.eld].filter((x): x is NonNullable<MemoryAnswer['eld']> => !!x);
  if (!parts.length) return null;
  return { p99: Math.max(...parts.map((x) => x.p99)), p999: Math.max(...parts.map((x) => x.p999)), max: Math.max(...parts.map((x) => x.max)) };
}

function gcText(r: RelayReport): string {
  const g = r.server.gcs;
  if (!g) return 'garbage collections not read';
  const kinds = Object.entries(g.byKind).map(([k, v]) => `${int(v.count)} ${k} (${f1(v.ms)} ms)`).join(', ');
  return `garbage collections (the probe's left out): ${kinds || 'none'}${g.longestMs ? `, the longest ${f1(g.longestMs)} ms (${g.longestKind}) ${f1(g.longestAtMs / 1000)} s into the window` : ''}`;
}

function limits(r: RelayReport): string[] {
  const out: string[] = [];
  const turns = r.calls.turnsAnswered;
  const part = (prefix: string) => r.cpu.parts.filter((p) => p.name.startsWith(prefix)).reduce((s, p) => s + p.seconds * 1000, 0);
  const serverMs = part('server');
  const pgMs = part('PostgreSQL');
  const benchMs = part('bench process');
  const perTurn = (ms: number) => ms / Math.max(1, turns);
  const t = r.server.timing;
  const stmt = (head: RegExp) => (t ? Object.entries(t.statements).filter(([k]) => head.test(k)).reduce((s, [, e]) => ({ count: s.count + e.count, ms: s.ms + e.totalMs }), { count: 0, ms: 0 }) : { count: 0, ms: 0 });
  const l = r.latency;
  const setupReads = ['SELECT "ContactAttempt"', 'SELECT "Customer"', 'SELECT "Conversation"', 'SELECT COUNT(1) AS "cnt" FROM "conversation_turns"', 'INSERT INTO "conversations"'].map((h) => stmt(new RegExp(`^${h.replace(/[()"]/g, (c) => `\\${c}`)}`)));
  const setupMs = setupReads.reduce((s, x) => s + x.ms / Math.max(1, x.count), 0);
  const cpu = (x: number | null) => (x === null ? '?' : pct(x));
  const setup = `While the sockets opened the server did ${int(r.options.calls)} session setups in ${f1(r.rampedS)} s on top of the early calls' turns and used ${cpu(r.serverCpu.ramp)} of a core, against ${cpu(r.serverCpu.steady)} afterwards. A setup is an HTTP upgrade with the signature check (HMAC-SHA1 over the URL) and the ws handshake, then, in the session's frame chain, four reads and an insert (the attempt, the customer, the conversation by call sid, the count of its turns, INSERT conversations: ${f1(setupMs)} ms of round trips on average in all; the pool of 10 had callers waiting in ${t ? pct(t.poolWaitSamples / Math.max(1, t.poolSamples)) : '?'} of the window's samples). A call's first prompt waits behind its own setup in that chain, and every prompt waits for the event loop while it works on other calls' setups: first turns p99 ${f2(l.firstTurn.p99)} ms.`;
  const split = `Prompts sent while the sockets opened: p99 ${f2(l.duringRamp.p99)} ms (${int(l.duringRamp.count)} turns); after: p99 ${f2(l.afterRamp.p99)} ms, p99.9 ${f2(l.afterRamp.p999)} ms (${int(l.afterRamp.count)} turns).`;
  const sl = l.slow;
  const other = sl.over20 - sl.duringRamp - sl.afterBarrier - sl.whileEnding;
  const where = `${int(sl.over20)} of ${int(l.all.count)} turns took over 20 ms: ${int(sl.duringRamp)} sent while the ${int(r.options.calls)} sockets were being opened (the first ${f1(r.rampedS)} s), ${int(sl.afterBarrier)} the turn right after the memory barrier (the probe's two full GCs just before, every call let go at once), ${int(sl.whileEnding)} after the first call ended (${r.firstEndS === null ? '?' : f1(r.firstEndS)} s on: each hang-up ends its conversation — flush, a transaction of three statements, the timeline row — while the other calls still talk), ${int(other)} at other times.`;
  if (sl.over20 === 0) out.push(`- **No turn took over 20 ms.** ${split} ${setup}`);
  else if (other <= sl.over20 / 4) out.push(`- **The slow turns come when many sessions start, restart or end together.** ${where} ${split} ${setup}`);
  else out.push(`- **Slow turns came all through the window.** ${where} ${split} ${setup}`);
  out.push(
    '- **A cold server is slower at the ramp.** In a development run (2026-11-23 21:52 UTC) the server sat idle for 140 s between its warm-up and the window (the bench was waiting for a quiet machine); V8 had shrunk its heap to 45.8 MB total (83 MB when warm) and the ramp found it cold: turns sent while the sockets opened p99 47.8 ms, the run\'s p99 21.0 ms — all 47 turns over 20 ms were sent in the first 2.0 s, none after. The bench therefore waits for the quiet machine first and warms the server up just before the window.',
  );
  const writes = stmt(/^(INSERT INTO "conversation_turns"|UPDATE "conversations" SET "state")/);
  const worst = eldWorst(r);
  out.push(
    `- **After the ramp the answer is CPU on one event loop.** A final prompt is classified and answered from memory (the dialogue, the script rendered at setup); its two turn rows and the dialogue's state are queued to the database afterwards and written with every other live call's in group-committed batches — one INSERT of the turns and one UPDATE of the states a batch (${int(writes.count)} such statements in the window, ${f2(writes.ms / Math.max(1, writes.count))} ms each on average including the wait for a connection; none on the answer's path). The server spent ${f2(perTurn(serverMs))} ms of CPU per customer turn over the whole window (setups included), PostgreSQL ${f2(perTurn(pgMs))} ms, the callers ${f2(perTurn(benchMs))} ms; the server's event loop was ${r.server.elu === null ? '?' : pct(r.server.elu)} busy${worst ? `, its delay p99 ${f2(worst.p99)} ms, p99.9 ${f2(worst.p999)} ms, max ${f2(worst.max)} ms (the worse of before and after the barrier)` : ''}; ${gcText(r)}. A prompt waits for whatever the loop is running when it lands — other calls' answers, their queued writes, garbage collection: after the ramp p50 ${f2(l.afterRamp.p50)} ms, p99 ${f2(l.afterRamp.p99)} ms.${r.profile ? ` This run's profile: ${r.profile.byPlace.slice(0, 6).map((p) => `${p.place} ${pct(p.share)}`).join(', ')} of the busy time.` : ''}`,
  );
  out.push(
    '- **Where the server\'s CPU went before the turns were batched** (a separate `--profile --no-readme` run, 2026-11-23 21:56 UTC, 200 × 20; the 1-ms sampling profiler itself raised p99 to 9.75 ms): 5.3 s busy over the window, of it `writev` 28.8 % — socket writes, 73 % of their samples under `pg` (each statement sent to PostgreSQL over loopback TCP, where the kernel delivers the bytes inside the write) and 27 % under `ws` (each text token is its own frame and write) — TypeORM 25.6 % (building each turn\'s INSERT and UPDATE: `replacePropertyNamesForTheWholeQuery`, `escapeQueryWithParameters`, the subscriber broadcast), pg and pg-protocol 7.7 % (sending, parsing results), GC 4.7 %; the relay\'s own work (parsing frames, classifying, the dialogue, `zoneOffsetMinutes`\' `Intl.DateTimeFormat` per setup) a few per cent, the bench\'s statement timing about 1 %. So the answer itself is cheap; the three single-row statements per turn are most of the server\'s CPU and of the loop time a prompt can wait behind. Since then the turns of all live calls are written in batches, as the status callbacks are (p99 18.1 ms before that change, 4.1 ms after, on this load).',
  );
  out.push(
    `- **The client is not the bottleneck.** The callers' event loop was ${pct(r.client.elu)} busy with a delay p99 of ${f2(r.client.delay.p99)} ms (max ${f2(r.client.delay.max)} ms) after the ramp${r.client.delayRamp ? ` and p99 ${f2(r.client.delayRamp.p99)} ms (max ${f2(r.client.delayRamp.max)} ms) while it opened the sockets${r.client.delayRamp.max > 10 ? ' (so a late answer in the ramp may be partly the client\'s own delay)' : ''}` : ''}, and the machine ${r.cpu.machineBusyPct.toFixed(0)} % busy of its 2 cores — but the server, PostgreSQL and the callers share those 2 cores (and other engineers' work: ${f1(part('everything else') / 1000)} CPU-s of it in the window), so a latency here includes waiting for a core. The machine is a VM: the hypervisor took ${r.stealMs === undefined ? '?' : `${int(r.stealMs)} ms`} of steal time from its vCPUs over the window${worst && r.server.gcs && worst.max > r.server.gcs.longestMs + 20 ? `; the server's longest stall (${f1(worst.max)} ms) is longer than its longest garbage collection (${f1(r.server.gcs.longestMs)} ms), so it was not a collection: either one long piece of work in the process or the process waiting for a core (PostgreSQL, the callers, other work, the hypervisor)` : ''}.`,
  );
  const live = r.memory.live;
  if (live) {
    const before = r.memory.before;
    const per = (x: number | null, y: number | null) => (x === null || y === null ? null : (x - y) / r.options.calls);
    const perRss = per(live.rss, before.rss) as number;
    const perHeap = per(live.heapUsed, before.heapUsed);
    const perHeapTotal = per(live.heapTotal, before.heapTotal);
    out.push(
      `- **Memory per call.** What a live session keeps — its socket and ws buffers, the call's context with the rendered script, the dialogue's state, the recorder's queue — is ${perHeap === null ? '? (no heap probe)' : `${kb(perHeap)} KB`} of V8 heap per call after full GCs. RSS grew ${kb(perRss)} KB per call${perHeapTotal === null ? '' : `, V8's heap *total* (the space it has reserved, young generation included) ${kb(perHeapTotal)} KB${perHeap !== null && perHeapTotal > 2 * Math.max(perHeap, 1024) ? ` — the heap sizing itself to ${f1(turns / r.windowS)} turns/s of allocation rather than to what the sessions hold, so RSS per call swings from run to run with V8's sizing` : ''}`}; after the calls closed RSS was ${mb(r.memory.after.rss)} MB and heap used ${mb(r.memory.after.heapUsed)} MB (${mb(before.rss)} / ${mb(before.heapUsed)} MB before). In all ${int(r.options.calls)} live calls cost the instance ${mb(live.rss - before.rss)} MB: memory does not limit the calls per instance.`,
    );
  }
  out.push(
    '- **Found here and fixed: opt-outs at the same moment deadlocked the database pool.** `DoNotContactService.add` wrote the entry in a transaction and then its audit line through a second pool connection. When about 10 customers said \"别再打了\" at once, all 10 connections sat `idle in transaction`, each waiting for an 11th (seen in `pg_stat_activity`); `--ending stop --calls 30 --turns 2 --pause-ms 50 --ramp-ms 50 --warmup 0` showed it both times (21 of 30 calls got no `end`, 9 do-not-contact entries for 27 opt-outs). The audit line is now written in the entry\'s own transaction (a test adds 24 at once on a pool of 10), and a conversation is marked ended only after the customer\'s do-not-contact entry or callback is written. The runs above predate the fix; the default ending is still a hang-up.',
  );
  return out;
}

/** One run's headline, kept in bench/out/relay-history.json so a section can show the runs before it. */
export interface HistoryEntry {
  when: string;
  at?: string;
  calls: number;
  turns: number;
  pauseMs: number;
  ending: string;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  load: number;
  machineBusyPct: number;
  exact: boolean;
}

export function historyEntry(r: RelayReport): HistoryEntry {
  const a = r.latency.all;
  return { when: r.when, at: r.at, calls: r.options.calls, turns: r.options.turns, pauseMs: r.options.pauseMs, ending: r.options.ending, p50: a.p50, p99: a.p99, p999: a.p999, max: a.max, load: r.quiet.load[0], machineBusyPct: r.cpu.machineBusyPct, exact: r.stored.exactAll };
}

/** Earlier runs with the same calls, turns, think time and ending. */
function earlier(r: RelayReport, history: HistoryEntry[]): string {
  const same = history.filter((h) => (h.at ?? h.when) !== (r.at ?? r.when) && h.calls === r.options.calls && h.turns === r.options.turns && h.pauseMs === r.options.pauseMs && h.ending === r.options.ending).slice(-4);
  if (!same.length) return '';
  return `Earlier runs of the same load on this machine: ${same.map((h) => `${h.when} UTC p99 ${f2(h.p99)} ms (p50 ${f2(h.p50)}, p99.9 ${f2(h.p999)}, max ${f2(h.max)}; load ${h.load.toFixed(2)}, machine ${h.machineBusyPct.toFixed(0)} % busy; stored ${h.exact ? 'exact' : 'NOT exact'})`).join('; ')}.`;
}

export function renderSection(r: RelayReport, history: HistoryEntry[] = []): string {
  const a = r.latency;
  const met = a.all.p99 <= 20;
  const before = r.memory.before;
  const live = r.memory.live;
  const after = r.memory.after;
  const per = (x: number | null, y: number | null) => (x === null || y === null || !live ? '—' : kb((x - y) / r.options.calls));
  const warn = r.server.warnings.length ? `\n\nThe server logged ${r.server.warnings.length} warnings or errors during the run; the first: \`${r.server.warnings.slice(0, 3).join('` · `').replace(/\|/g, '\\|')}\`.` : '';
  const s = r.stored;
  const storedLine = `**Stored**: ${int(s.conversations)} conversations for ${int(r.options.calls + r.options.warmup)} calls (${int(r.options.warmup)} warm-up), ${int(s.ended)} ended; ${int(s.turnsFound)} turns found, ${int(s.expectedTurns)} expected from what the callers were answered (+ ${int(s.systemRows)} system rows, counted with their AI line); ${int(s.exact)} conversations exact — **${s.exactAll ? 'exact' : 'NOT exact'}**. Outcomes: ${Object.entries(s.outcomes).map(([k, v]) => `${k} ${int(v)}`).join(', ')}. Customer turns by intent (as the server read them): ${Object.entries(s.intents).map(([k, v]) => `${k} ${int(v)}`).join(', ')}. Do-not-contact entries for the campaign's customers: ${int(s.doNotContact)} of ${int(s.doNotContactExpected)} opted out${s.doNotContact === s.doNotContactExpected ? '' : ' — **opt-outs lost**'}.${s.wrong.length ? ` Not as expected (first ${s.wrong.length}): ${s.wrong.map((w) => `attempt ${w.attemptId} ${w.status}/${w.outcome ?? '-'} ${w.turns} of ${w.expected} turns${w.seqOk ? '' : ', seq gaps'}`).join('; ')}.` : ''}`;
  const profile = r.profile
    ? [
        '',
        `CPU profile of the server over the window (${f1(r.profile.busyS)} s busy): ${r.profile.byPlace.slice(0, 8).map((p) => `${p.place} ${pct(p.share)}`).join(', ')}. Most self time: ${r.profile.top.slice(0, 8).map((p) => `\`${p.fn}\` (${p.place}) ${pct(p.share)}`).join(', ')}.`,
      ]
    : [];
  const statements = r.server.timing ? Object.entries(r.server.timing.statements).sort((x, y) => y[1].totalMs - x[1].totalMs) : [];
  const results = [
    `Last run ${r.when} UTC on ${r.machine}; code ${r.code}. ${int(r.options.calls)} calls × ${r.options.turns} turns, think time ${r.options.pauseMs} ms × U(0.5, 1.5), sockets opened over ${f1(r.options.rampMs / 1000)} s, ending ${r.options.ending === 'stop' ? '"别再打了"' : 'hang-up'}; ${int(r.options.warmup)} warm-up calls; ${int(r.setup.customers)} customers loaded (${int(r.setup.callable)} callable). Load average at the start ${r.loadAtStart.map((l) => l.toFixed(2)).join(' ')}; before the window ${r.quiet.quiet ? `the 1-min load was below ${r.options.quietLoad}` : `the 1-min load had not fallen below ${r.options.quietLoad}`} after ${int(r.quiet.waitedS)} s of waiting (${r.quiet.load.map((l) => l.toFixed(2)).join(' ')}).`,
    '',
    `**Prompt → first text token, p99 ${f2(a.all.p99)} ms — target ≤ 20 ms ${met ? 'met' : 'MISSED'}.** ${int(r.calls.completed)} of ${int(r.options.calls)} calls completed${r.calls.failed ? `, ${r.calls.failed} failed (first: call ${r.calls.failures[0].call} turn ${r.calls.failures[0].turn}: ${r.calls.failures[0].what})` : ''}; ${int(a.all.count)} turns measured in a ${f1(r.windowS)}-s window; ${r.calls.unexpected} text frames came unasked.`,
    '',
    earlier(r, history),
    '',
    '| turns (ms) | n | p50 | p95 | p99 | p99.9 | max | mean |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...[
      row('**all measured turns**', a.all),
      row(`sent while the sockets opened (first ${f1(r.rampedS)} s)`, a.duringRamp),
      row('sent after that', a.afterRamp),
      row(`sent after the first call ended (${r.firstEndS === null ? '?' : f1(r.firstEndS)} s on: sessions closing)`, a.whileEnding),
      row('first turn of each call (its setup just before)', a.firstTurn),
      row(`turn ${(r.barrierAt ?? 0) + 1}, after the memory barrier`, a.afterBarrier),
      row('the other turns', a.rest),
      row('prompt → last text token (all turns)', a.toLast),
      row('closing "别再打了" → first token (not in *all*)', a.closing),
    ].filter(Boolean),
    '',
    `Turns over 20 ms: ${int(a.slow.over20)} — ${int(a.slow.duringRamp)} sent while the sockets opened, ${int(a.slow.afterBarrier)} the turn after the barrier, ${int(a.slow.whileEnding)} after the first call ended, ${int(a.slow.over20 - a.slow.duringRamp - a.slow.afterBarrier - a.slow.whileEnding)} otherwise${a.slow.lastAtS !== null ? `; the last sent ${f1(a.slow.lastAtS)} s into the window` : ''}. Distribution: ${a.buckets.map((b, i) => `${b.upToMs === null ? `> ${a.buckets[i - 1]?.upToMs ?? 0}` : `≤ ${b.upToMs}`} ms: ${int(b.n)}`).join(' · ')}.`,
    '',
    '| server memory (after two full GCs) | RSS MB | V8 heap used MB | heap total MB | external MB |',
    '|---|--:|--:|--:|--:|',
    `| before the sockets open (warmed up) | ${mb(before.rss)} | ${mb(before.heapUsed)} | ${mb(before.heapTotal)} | ${mb(before.external)} |`,
    live ? `| ${int(r.options.calls)} sessions live (turn ${(r.barrierAt ?? 0) + 1}) | ${mb(live.rss)} | ${mb(live.heapUsed)} | ${mb(live.heapTotal)} | ${mb(live.external)} |` : '| sessions live | not measured | | | |',
    `| after they closed | ${mb(after.rss)} | ${mb(after.heapUsed)} | ${mb(after.heapTotal)} | ${mb(after.external)} |`,
    `| **per live call** (live − before) / ${int(r.options.calls)}, KB | **${live ? kb((live.rss - before.rss) / r.options.calls) : '—'}** | **${per(live?.heapUsed ?? null, before.heapUsed)}** | ${per(live?.heapTotal ?? null, before.heapTotal)} | ${per(live?.external ?? null, before.external)} |`,
    '',
    `Peak VmRSS sampled during the window ${mb(r.memory.peakRss)} MB (no forced GC there); VmHWM at the end ${mb(after.hwm)} MB.${r.memory.probe ? ` The probe's GCs paused the server ${live?.gcMs !== null && live?.gcMs !== undefined ? `${f1(live.gcMs)} ms at the barrier` : ''}.` : ' The heap probe did not answer: RSS only.'}`,
    '',
    `CPU over the ${f1(r.cpu.windowS)}-s window (machine ${r.cpu.machineBusyPct.toFixed(0)} % busy of 2 cores; load at the end ${r.cpu.load.map((l) => l.toFixed(2)).join(' ')}):`,
    '',
    '| process | CPU s | of one core | ms per customer turn |',
    '|---|--:|--:|--:|',
    ...r.cpu.parts.map((p) => `| ${p.name.replace(/^bench process .*/, 'bench process (the callers)')} | ${f1(p.seconds)} | ${p.pctOfCore.toFixed(0)} % | ${f2((p.seconds * 1000) / Math.max(1, r.calls.turnsAnswered))} |`),
    '',
    `Server: event loop ${r.server.elu === null ? '?' : pct(r.server.elu)} busy over the window; CPU ${r.serverCpu.ramp === null ? '?' : pct(r.serverCpu.ramp)} of a core while the sockets opened, ${r.serverCpu.steady === null ? '?' : pct(r.serverCpu.steady)} after (the barrier's pause${r.barrierS ? ` ${f1(r.barrierS.from)}–${f1(r.barrierS.to)} s` : ''} left out); event-loop delay ${eldText(r)}; ${gcText(r)}; exit ${r.server.exit}. The VM's steal time over the window: ${r.stealMs === undefined ? '?' : `${int(r.stealMs)} ms`}. Callers (this process): event loop ${pct(r.client.elu)} busy; delay ${r.client.delayRamp ? `while the sockets opened p99 ${f2(r.client.delayRamp.p99)} ms, max ${f2(r.client.delayRamp.max)} ms, after that ` : ''}p99 ${f2(r.client.delay.p99)} ms, max ${f2(r.client.delay.max)} ms.${warn}`,
    ...profile,
    '',
    storedLine,
    '',
    ...(statements.length
      ? [
          '<details><summary>the server\'s PostgreSQL statements over the window</summary>',
          '',
          '| statement | calls | mean ms | max ms | total s |',
          '|---|--:|--:|--:|--:|',
          ...statements.slice(0, 15).map(([k, e]) => `| \`${k.replace(/\|/g, '\\|')}\` | ${int(e.count)} | ${f2(e.totalMs / e.count)} | ${int(e.maxMs)} | ${f1(e.totalMs / 1000)} |`),
          '',
          '</details>',
          '',
        ]
      : []),
  ].filter((l, i, all) => !(l === '' && all[i - 1] === ''));
  return [HEAD, '', '### Results', '', ...results, '### What limits the numbers', '', ...limits(r)].join('\n');
}

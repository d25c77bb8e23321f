/**
 * Where the CPU goes during a run, read from /proc: each server process, this bench process (the
 * fake Twilio and the load generator live here), the PostgreSQL backends serving the bench
 * database, and the whole machine (the rest is other work on the shared box). Plus a sampler of
 * pg_stat_activity: what the backends of the bench database are doing, 20 times a second.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';

const TICK_MS = 10; // USER_HZ = 100 on Linux

/** utime + stime of a process in ms, or null when it is gone. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command may hold spaces and parentheses: fields start after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** Busy and total CPU time of the machine in ms (all cores). */
function machineCpuMs(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}

export interface CpuShare {
  /** CPU seconds used in the window. */
  seconds: number;
  /** Share of one core over the window (100 % = one core busy all the time). */
  pctOfCore: number;
}

export interface CpuReport {
  windowS: number;
  parts: Array<{ name: string } & CpuShare>;
  machineBusyPct: number;
  load: number[];
}

export class CpuMeter {
  private startedAt = 0;
  private start = new Map<string, number>();
  private machineStart = { busy: 0, total: 0 };
  private pgPids: number[] = [];
  private bench = process.cpuUsage();

  constructor(
    private readonly processes: () => Array<{ name: string; pid: number }>,
    private readonly client: pg.Client,
    private readonly dbName: string,
  ) {}

  /** Backends of the bench database but the sampler's (pool connections come and go: read at both ends). */
  private async backends(): Promise<number[]> {
    const { rows } = await this.client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name <> 'dispatch-bench-sampler'", [this.dbName]);
    return rows.map((r) => r.pid);
  }

  async begin(): Promise<void> {
    this.pgPids = await this.backends();
    this.start.clear();
    for (const p of this.processes()) this.start.set(p.name, processCpuMs(p.pid) ?? 0);
    for (const pid of this.pgPids) this.start.set(`pg${pid}`, processCpuMs(pid) ?? 0);
    this.bench = process.cpuUsage();
    this.machineStart = machineCpuMs();
    this.startedAt = performance.now();
  }

  async end(): Promise<CpuReport> {
    const windowMs = performance.now() - this.startedAt;
    const machine = machineCpuMs();
    const parts: CpuReport['parts'] = [];
    const share = (name: string, ms: number) => parts.push({ name, seconds: ms / 1000, pctOfCore: (100 * ms) / windowMs });
    for (const p of this.processes()) share(p.name, (processCpuMs(p.pid) ?? 0) - (this.start.get(p.name) ?? 0));
    const benchUse = process.cpuUsage(this.bench);
    share('bench process (fake Twilio, load generator)', (benchUse.user + benchUse.system) / 1000);
    // a backend that came during the window counts from zero; one that left before its end is lost
    this.pgPids = [...new Set([...this.pgPids, ...(await this.backends())])];
    const pgMs = this.pgPids.reduce((sum, pid) => sum + Math.max(0, (processCpuMs(pid) ?? this.start.get(`pg${pid}`) ?? 0) - (this.start.get(`pg${pid}`) ?? 0)), 0);
    share(`PostgreSQL backends of the bench database (${this.pgPids.length})`, pgMs);
    const busy = machine.busy - this.machineStart.busy;
    const known = parts.reduce((s, p) => s + p.seconds * 1000, 0);
    share('everything else on the machine (PostgreSQL WAL/checkpoints, other work)', Math.max(0, busy - known));
    return { windowS: windowMs / 1000, parts, machineBusyPct: (100 * busy) / (machine.total - this.machineStart.total), load: loadavg() };
  }
}

export interface ActivitySample {
  /** What the active backends of the bench database were running, by statement head and wait. */
  active: Array<{ what: string; samples: number }>;
  samples: number;
  /** Mean backends active per sample. */
  meanActive: number;
}

/** A short name for a statement: its first words, parameters stripped. */
export function statementHead(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  const m = /^(UPDATE \w+ SET \w+ = [^,]+|INSERT INTO \w+|DELETE FROM \w+|SELECT .{0,60}?FROM \w+|WITH \w+|BEGIN|COMMIT|ROLLBACK|START TRANSACTION)/i.exec(s);
  return (m ? m[0] : s.slice(0, 60)).replace(/\$\d+/g, '?');
}

/** Samples pg_stat_activity every `everyMs` until stopped. */
export class ActivitySampler {
  private timer: NodeJS.Timeout | null = null;
  private counts = new Map<string, number>();
  private samples = 0;
  private activeTotal = 0;
  private busy = false;

  constructor(
    private readonly client: pg.Client,
    private readonly dbName: string,
    private readonly everyMs = 50,
  ) {}

  start(): void {
    this.counts.clear();
    this.samples = 0;
    this.activeTotal = 0;
    this.timer = setInterval(() => void this.sample(), this.everyMs);
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const { rows } = await this.client.query<{ query: string; wait: string | null; state: string }>(
        `SELECT query, state, CASE WHEN wait_event IS NULL THEN NULL ELSE wait_event_type || ':' || wait_event END AS wait
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')`,
        [this.dbName],
      );
      this.samples += 1;
      this.activeTotal += rows.length;
      for (const r of rows) {
        const key = `${r.state === 'active' ? '' : '(idle in transaction) '}${statementHead(r.query)}${r.wait ? ` [${r.wait}]` : ''}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      }
    } catch {
      // a sample lost is no matter
    } finally {
      this.busy = false;
    }
  }

  stop(): ActivitySample {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const active = [...this.counts.entries()].map(([what, samples]) => ({ what, samples })).sort((a, b) => b.samples - a.samples);
    return { active, samples: this.samples, meanActive: this.samples ? this.activeTotal / this.samples : 0 };
  }
}

/**
 * The relay server's memory from the outside: VmRSS / VmHWM from /proc/<pid>/status (sampled with
 * its CPU time, and on demand), and the V8 heap and event-loop delay through the preloaded probe (memory-probe.ts).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { processCpuMs } from '../dispatch/monitor';
import type { MemoryAnswer } from './memory-probe';

/** VmRSS and VmHWM of a process in bytes, or null when it is gone. */
export function procMemory(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** CPU time the hypervisor gave to others while this machine's vCPUs wanted it (steal, all cores), ms. */
export function stealMs(): number {
  const v = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  return Number(v[8] ?? 0) * 10;
}

/** Asks the probe in the server; answers null when it does not answer in time (no probe, or the server is stuck). */
export class MemoryProbe {
  private seq = 0;

  constructor(private readonly file: string) {
    rmSync(file, { force: true });
    rmSync(`${file}.req`, { force: true });
  }

  async ask(command: MemoryAnswer['command'], timeoutMs = 15_000): Promise<MemoryAnswer | null> {
    this.seq += 1;
    const seq = this.seq;
    writeFileSync(`${this.file}.req`, `${command} ${seq}`);
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      await new Promise((r) => setTimeout(r, 20));
      if (!existsSync(this.file)) continue;
      try {
        const answer = JSON.parse(readFileSync(this.file, 'utf8')) as MemoryAnswer;
        if (answer.seq === seq) return answer;
      } catch {
        // renamed into place, but read once more
      }
    }
    return null;
  }
}

/** VmRSS and the process's CPU time every `everyMs` until stopped: the peak RSS and the samples [ms since start, RSS bytes, CPU ms]. */
export class ServerSampler {
  private timer: NodeJS.Timeout | null = null;
  readonly samples: Array<[number, number, number]> = [];
  peak = 0;
  private started = 0;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 250,
  ) {}

  start(): void {
    this.started = performance.now();
    const sample = () => {
      const m = procMemory(this.pid);
      const cpu = processCpuMs(this.pid);
      if (!m || cpu === null) return;
      this.samples.push([Math.round(performance.now() - this.started), m.rss, cpu]);
      if (m.rss > this.peak) this.peak = m.rss;
    };
    sample();
    this.timer = setInterval(sample, this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Share of one core the process used between two moments of the window (nearest samples). */
  cpuShare(fromMs: number, toMs: number): number | null {
    const near = (t: number) => this.samples.reduce<[number, number, number] | null>((best, s) => (!best || Math.abs(s[0] - t) < Math.abs(best[0] - t) ? s : best), null);
    const a = near(fromMs);
    const b = near(toMs);
    if (!a || !b || b[0] <= a[0]) return null;
    return (b[2] - a[2]) / (b[0] - a[0]);
  }
}

/**
 * Preloaded into the relay bench's server (`NODE_OPTIONS="--expose-gc --require …/memory-probe.js"`,
 * only when BENCH_MEMORY_FILE is set): on request it reports the process's memory, its event
 * loop's delay and its garbage collections, so the bench can read the V8 heap beside /proc's
 * VmRSS. The bench writes a command to `<file>.req`: `measure <seq>` (two full GCs, then
 * process.memoryUsage()), `eld-reset <seq>` (a new delay histogram and GC count), `eld <seq>` (the
 * delay histogram and the GCs since), `eld-restart <seq>` (a new delay histogram, the GC count
 * kept); the answer is renamed into `<file>` with the same seq. Polled every 50 ms; nothing in the
 * application changes.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';

export interface MemoryAnswer {
  seq: number;
  command: 'measure' | 'eld-reset' | 'eld' | 'eld-restart';
  /** Whether gc() was there (--expose-gc) and ran before `measure`. */
  gc: boolean;
  gcMs: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Event-loop delay since the last reset, ms beyond the 5-ms timer it is sampled with. */
  eld: { p50: number; p99: number; p999: number; max: number; mean: number; count: number } | null;
  /** Garbage collections since the last reset, the probe's own left out: count and ms by kind, the longest one and when (ms since the reset). */
  gcs: { byKind: Record<string, { count: number; ms: number }>; longestMs: number; longestKind: string; longestAtMs: number } | null;
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  const eld = monitorEventLoopDelay({ resolution: 5 });
  eld.enable();
  let resetAt = performance.now();
  // the probe's own forced GCs (measure) are not the application's: left out by their time
  const forced: Array<[number, number]> = [];
  let gcs: NonNullable<MemoryAnswer['gcs']> = { byKind: {}, longestMs: 0, longestKind: '', longestAtMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (forced.some(([from, to]) => entry.startTime >= from && entry.startTime <= to)) continue;
      const kind = GC_KINDS[(entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'other';
      const k = (gcs.byKind[kind] ??= { count: 0, ms: 0 });
      k.count += 1;
      k.ms += entry.duration;
      if (entry.duration > gcs.longestMs) gcs = { ...gcs, longestMs: entry.duration, longestKind: kind, longestAtMs: entry.startTime - resetAt };
    }
  }).observe({ entryTypes: ['gc'] });
  const request = `${file}.req`;
  setInterval(() => {
    if (!existsSync(request)) return;
    let text = '';
    try {
      text = readFileSync(request, 'utf8').trim();
      rmSync(request, { force: true });
    } catch {
      return;
    }
    const [command, seqText] = text.split(' ') as [MemoryAnswer['command'], string];
    const gc = (globalThis as { gc?: () => void }).gc;
    const started = performance.now();
    if (command === 'measure' && gc) {
      gc();
      gc();
    }
    const gcMs = performance.now() - started;
    if (command === 'measure') forced.push([started, performance.now()]);
    const m = process.memoryUsage();
    // the histogram holds each tick's whole interval: the delay is what exceeds the 5-ms resolution
    const ms = (ns: number) => Math.max(0, ns / 1e6 - 5);
    const answer: MemoryAnswer = {
      seq: Number(seqText),
      command,
      gc: command === 'measure' && !!gc,
      gcMs,
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      gcs: command === 'eld' ? gcs : null,
      eld: command === 'eld' ? { p50: ms(eld.percentile(50)), p99: ms(eld.percentile(99)), p999: ms(eld.percentile(99.9)), max: ms(eld.max), mean: ms(eld.mean), count: eld.count } : null,
    };
    if (command === 'eld-restart') eld.reset();
    if (command === 'eld-reset') {
      eld.reset();
      resetAt = performance.now();
      gcs = { byKind: {}, longestMs: 0, longestKind: '', longestAtMs: 0 };
    }
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify(answer));
      renameSync(`${file}.tmp`, file);
    } catch {
      // the bench times out and says so
    }
  }, 50).unref();
}

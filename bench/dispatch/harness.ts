/**
 * What every dispatch run shares: the fake Twilio in this process, N compiled servers on one
 * database pointed at it, the meters, and the per-second bins of what reached the fake.
 */
import type pg from 'pg';
import { type FakeTwilio, type FakeTwilioOptions, startFakeTwilio } from '../../test/support/fake-twilio';
import { type ActivitySample, ActivitySampler, type CpuReport, CpuMeter } from './monitor';
import { type ProfileSummary, summarize } from './profile';
import { ACCOUNT_SID, AUTH_TOKEN, type Server, startServer, timingDelta } from './servers';
import type { TimingSnapshot } from './server-timing';

export interface HarnessOptions {
  root: string;
  distDir: string;
  outDir: string;
  databaseUrl: string;
  dbName: string;
  servers: number;
  env: Record<string, string>;
  fake: Omit<FakeTwilioOptions, 'accountSid' | 'authToken'>;
  timing: boolean;
  profile: boolean;
  label: string;
}

export interface Window {
  cpu: CpuReport;
  activity: ActivitySample;
  timing: Array<{ server: string; delta: TimingSnapshot | null }>;
  profiles: Array<{ server: string; summary: ProfileSummary | null }>;
}

export class Harness {
  fake!: FakeTwilio;
  servers: Server[] = [];
  private cpu!: CpuMeter;
  private sampler!: ActivitySampler;
  private timingStart: Array<TimingSnapshot | null> = [];

  constructor(
    private readonly o: HarnessOptions,
    private readonly client: pg.Client,
    private readonly sampleClient: pg.Client,
  ) {}

  async start(): Promise<void> {
    this.fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, ...this.o.fake });
    const names = Array.from({ length: this.o.servers }, (_, i) => `${this.o.label}-${i + 1}`);
    this.servers = await Promise.all(
      names.map((name) => startServer({ name, root: this.o.root, distDir: this.o.distDir, outDir: this.o.outDir, databaseUrl: this.o.databaseUrl, fakeUrl: this.fake.url, env: this.o.env, timing: this.o.timing, profile: this.o.profile })),
    );
    this.cpu = new CpuMeter(() => this.servers.map((s) => ({ name: `server ${s.name} (pid ${s.pid})`, pid: s.pid })), this.client, this.o.dbName);
    this.sampler = new ActivitySampler(this.sampleClient, this.o.dbName);
  }

  async beginWindow(): Promise<void> {
    this.timingStart = this.servers.map((s) => s.timing());
    for (const s of this.servers) s.profileStart();
    await this.cpu.begin();
    this.sampler.start();
  }

  async endWindow(): Promise<Window> {
    const activity = this.sampler.stop();
    const cpu = await this.cpu.end();
    const files = await Promise.all(this.servers.map((s) => s.profileStop()));
    // the servers write their timing every 500 ms: wait for one written after the window
    await new Promise((r) => setTimeout(r, 600));
    const timing = this.servers.map((s, i) => ({ server: s.name, delta: timingDelta(this.timingStart[i], s.timing()) }));
    const profiles = this.servers.flatMap((s, i) => (files[i] ? [{ server: s.name, summary: summarize(files[i] as string) }] : []));
    return { cpu, activity, timing, profiles };
  }

  /** The server whose PUBLIC_BASE_URL a status callback URL starts with. */
  serverOf(callbackUrl: string | null): string {
    return this.servers.find((s) => callbackUrl?.startsWith(`${s.url}/`))?.name ?? 'unknown';
  }

  async stop(): Promise<Array<number | string | null>> {
    const codes = await Promise.all(this.servers.map((s) => s.stop()));
    await this.fake?.close();
    return codes;
  }
}

export interface Bins {
  /** Per full second from the window's start. */
  counts: number[];
  mean: number;
  min: number;
  max: number;
  median: number;
}

/** Events per `binMs` over [from, from + bins·binMs), as a rate per second. */
export function bin(times: number[], from: number, bins: number, binMs = 1000): Bins {
  const counts = new Array<number>(bins).fill(0);
  for (const t of times) {
    const i = Math.floor((t - from) / binMs);
    if (i >= 0 && i < bins) counts[i] += 1;
  }
  const rates = counts.map((c) => (c * 1000) / binMs);
  const sorted = [...rates].sort((a, b) => a - b);
  const mean = rates.reduce((a, b) => a + b, 0) / Math.max(1, rates.length);
  return { counts: rates, mean, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0 };
}

export async function waitFor(probe: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 20): Promise<void> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

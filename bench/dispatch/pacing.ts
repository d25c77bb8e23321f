/**
 * Pacing on: the same two servers with DISPATCH_SMS_PER_SECOND and DISPATCH_CALLS_PER_SECOND
 * set, an SMS campaign and an AI-call campaign running at once with more due than the rates
 * allow. The rate both servers achieve together is counted at the fake over a steady window
 * after a warm-up, per second and per 5 seconds.
 */
import { loadavg } from 'node:os';
import type pg from 'pg';
import { CampaignLifecycle } from '@app/campaigns';
import type { Booted } from '../support/bench-app';
import { log } from '../support/bench-kit';
import { bin, type Bins, Harness, type HarnessOptions, waitFor, type Window } from './harness';
import { BENCH_USER, type Scripts, startCampaign } from './setup';

export interface PacingOptions {
  smsPerSecond: number;
  callsPerSecond: number;
  warmupSeconds: number;
  windowSeconds: number;
  env: Record<string, string>;
}

export interface ClassRate {
  configured: number;
  planned: number;
  inWindow: number;
  achieved: number;
  /** (achieved − configured) / configured. */
  error: number;
  perSecond: Bins;
  perFive: Bins;
  perServer: Array<{ server: string; creates: number; share: number }>;
  duplicates: number;
}

export interface PacingResult {
  options: PacingOptions;
  /** 1-minute load average when the window began. */
  load: number;
  sms: ClassRate;
  calls: ClassRate;
  buckets: Array<{ account: string; cls: string; tokens: number }>;
  window: Window;
  exitCodes: Array<number | string | null>;
}

export async function runPacing(base: Omit<HarnessOptions, 'env' | 'fake' | 'label' | 'servers'>, app: Booted, client: pg.Client, sampleClient: pg.Client, scripts: Scripts, o: PacingOptions): Promise<PacingResult> {
  const env = { DISPATCH_SMS_PER_SECOND: String(o.smsPerSecond), DISPATCH_CALLS_PER_SECOND: String(o.callsPerSecond), ...o.env };
  const harness = new Harness({ ...base, label: 'pacing', servers: 2, env, fake: { callbacks: true, callbackConcurrency: 64 } }, client, sampleClient);
  const lifecycle = app.get(CampaignLifecycle);
  const act = (id: string, action: 'pause' | 'resume') => {
    app.clock.set(new Date());
    return lifecycle.act(id, action, BENCH_USER);
  };
  // enough due for the whole run and 20 s more, so the rate, not the supply, decides
  const seconds = o.warmupSeconds + o.windowSeconds + 20;
  // planned, paused and analyzed before the servers start (as in the throughput runs)
  const sms = await startCampaign(app, client, scripts, { name: `限速短信 ${Date.now()}`, channel: 'sms', members: o.smsPerSecond * seconds, maxConcurrent: 500 });
  await act(sms.campaignId, 'pause');
  const calls = await startCampaign(app, client, scripts, { name: `限速 AI 外呼 ${Date.now()}`, channel: 'ai_call', members: o.callsPerSecond * seconds, maxConcurrent: 500 });
  await act(calls.campaignId, 'pause');
  await client.query('ANALYZE contact_attempts');
  await harness.start();
  const fake = harness.fake;
  try {
    log(`  pacing: servers ${harness.servers.map((s) => `:${s.port}`).join(', ')}; SMS ${o.smsPerSecond}/s, calls ${o.callsPerSecond}/s`);
    await act(sms.campaignId, 'resume');
    await act(calls.campaignId, 'resume');
    await waitFor(() => fake.messages.length > 0 && fake.calls.length > 0, 30_000, 'the first SMS and call at the fake');
    const first = Math.min(fake.messages[0].createdAt.getTime(), fake.calls[0].createdAt.getTime());
    const from = first + o.warmupSeconds * 1000;
    const to = from + o.windowSeconds * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, from - Date.now())));
    const load = loadavg()[0];
    await harness.beginWindow();
    log(`  warm-up done; measuring ${o.windowSeconds} s…`);
    await new Promise((r) => setTimeout(r, Math.max(0, to - Date.now())));
    const window = await harness.endWindow();
    await act(sms.campaignId, 'pause');
    await act(calls.campaignId, 'pause');
    // let the last pass and the callbacks finish before the servers go
    await new Promise((r) => setTimeout(r, 2000));
    await waitFor(() => fake.callbacksPending() === 0, 60_000, 'the fake’s callbacks', 100);
    const { rows: buckets } = await client.query<{ account: string; channel_class: string; tokens: number }>('SELECT account, channel_class, tokens FROM rate_buckets ORDER BY 1, 2');
    const exitCodes = await harness.stop();

    const rate = (records: Array<{ createdAt: Date; statusCallback: string | null; ref: string | null }>, configured: number, planned: number): ClassRate => {
      const times = records.map((r) => r.createdAt.getTime());
      const inWindow = records.filter((r) => r.createdAt.getTime() >= from && r.createdAt.getTime() < to);
      const byServer = new Map<string, number>();
      for (const r of inWindow) byServer.set(harness.serverOf(r.statusCallback), (byServer.get(harness.serverOf(r.statusCallback)) ?? 0) + 1);
      const refs = new Map<string, number>();
      for (const r of records) refs.set(r.ref ?? '', (refs.get(r.ref ?? '') ?? 0) + 1);
      const achieved = inWindow.length / o.windowSeconds;
      return {
        configured,
        planned,
        inWindow: inWindow.length,
        achieved,
        error: (achieved - configured) / configured,
        perSecond: bin(times, from, o.windowSeconds),
        perFive: bin(times, from, Math.floor(o.windowSeconds / 5), 5000),
        perServer: [...byServer.entries()].sort().map(([server, creates]) => ({ server, creates, share: creates / Math.max(1, inWindow.length) })),
        duplicates: [...refs.values()].filter((n) => n > 1).length,
      };
    };
    return {
      options: o,
      load,
      sms: rate(fake.messages, o.smsPerSecond, sms.plan.planned),
      calls: rate(fake.calls, o.callsPerSecond, calls.plan.planned),
      buckets: buckets.map((b) => ({ account: b.account, cls: b.channel_class, tokens: Number(b.tokens) })),
      window,
      exitCodes,
    };
  } catch (error) {
    await harness.stop().catch(() => undefined);
    throw error;
  }
}

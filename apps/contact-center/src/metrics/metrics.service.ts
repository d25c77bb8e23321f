import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, query, startOfLocalDay } from '@app/core';
import { DISPATCH_PASS, type LoopPass } from '@app/dispatch';

/** Where a request went, in few enough groups to keep the label set small. */
export function routeGroup(path: string): string {
  if (path.startsWith('/webhooks/twilio/sms')) return 'webhook_sms';
  if (path.startsWith('/webhooks/twilio/voice')) return 'webhook_voice';
  if (path.startsWith('/webhooks')) return 'webhook_other';
  if (path.startsWith('/api')) return 'api';
  return 'other';
}

/**
 * The Prometheus metrics (`GET /metrics`): what the database holds is read at each scrape
 * (attempts by state and channel, agents by presence, the queue, today's abandon rate, each
 * segment's last refresh time); what happens in this process is counted as it happens (dispatch
 * results and carrier errors, HTTP and webhook latency), plus Node's own process metrics.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly httpSeconds: Histogram<'group' | 'method' | 'status'>;
  private readonly dispatched: Counter<'result'>;
  private readonly providerErrors: Counter<'kind'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpSeconds = new Histogram({ name: 'cc_http_request_duration_seconds', help: 'HTTP request latency by route group (webhooks by carrier kind, the API)', labelNames: ['group', 'method', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers });
    this.dispatched = new Counter({ name: 'cc_dispatch_attempts_total', help: 'Attempts the dispatcher handled, by result', labelNames: ['result'], registers });
    this.providerErrors = new Counter({ name: 'cc_provider_errors_total', help: 'Carrier answers that were errors: failed (permanent), retried (429/5xx), uncertain (answer lost)', labelNames: ['kind'], registers });
    new Gauge({
      name: 'cc_attempts',
      help: 'Contact attempts by state and channel',
      labelNames: ['state', 'channel'],
      registers,
      collect: async function (this: Gauge<'state' | 'channel'>) {
        this.reset();
        for (const r of await query<{ state: string; channel: string; n: number }>(dataSource, 'SELECT state, channel, count(*) AS n FROM contact_attempts GROUP BY state, channel')) this.set({ state: r.state, channel: r.channel }, Number(r.n));
      },
    });
    new Gauge({
      name: 'cc_agents',
      help: 'Agents by presence; connected: with a console open',
      labelNames: ['presence', 'connected'],
      registers,
      collect: async function (this: Gauge<'presence' | 'connected'>) {
        this.reset();
        for (const r of await query<{ presence: string; connected: number; n: number }>(dataSource, 'SELECT presence, CASE WHEN disconnected_at IS NULL THEN 1 ELSE 0 END AS connected, count(*) AS n FROM agent_states GROUP BY presence, CASE WHEN disconnected_at IS NULL THEN 1 ELSE 0 END')) {
          this.set({ presence: r.presence, connected: Number(r.connected) ? 'true' : 'false' }, Number(r.n));
        }
      },
    });
    new Gauge({
      name: 'cc_desk_queue_waiting',
      help: 'Calls waiting for an agent (queued or ringing on a console)',
      registers,
      collect: async function (this: Gauge) {
        const [r] = await query<{ n: number }>(dataSource, "SELECT count(*) AS n FROM desk_calls WHERE state IN ('waiting', 'offered')");
        this.set(Number(r.n));
      },
    });
    const since = () => startOfLocalDay(this.clock.now(), this.config.DEFAULT_TIME_ZONE);
    new Gauge({
      name: 'cc_agent_calls_abandon_rate_percent',
      help: "Today's answered agent calls with no agent within the wait, percent of the answered",
      registers,
      collect: async function (this: Gauge) {
        const [r] = await query<{ answered: number; abandoned: number }>(dataSource, "SELECT count(*) AS answered, coalesce(sum(CASE WHEN state = 'abandoned' THEN 1 ELSE 0 END), 0) AS abandoned FROM desk_calls WHERE kind = 'outbound' AND waiting_since >= :since", { since: since() });
        this.set(Number(r.answered) ? (100 * Number(r.abandoned)) / Number(r.answered) : 0);
      },
    });
    new Gauge({
      name: 'cc_segment_refresh_seconds',
      help: 'How long each segment’s last finished refresh took',
      labelNames: ['segment'],
      registers,
      collect: async function (this: Gauge<'segment'>) {
        this.reset();
        const rows = await query<{ segment_name: string; ms: number }>(
          dataSource,
          `SELECT r.segment_name, r.ms FROM segment_refreshes r
            WHERE r.status = 'succeeded' AND r.started_at = (SELECT max(x.started_at) FROM segment_refreshes x WHERE x.segment_id = r.segment_id AND x.status = 'succeeded')`,
        );
        for (const r of rows) this.set({ segment: r.segment_name }, Number(r.ms) / 1000);
      },
    });
  }

  observeHttp(path: string, method: string, status: number, seconds: number): void {
    this.httpSeconds.observe({ group: routeGroup(path), method, status: String(status) }, seconds);
  }

  @OnEvent(DISPATCH_PASS)
  countPass(pass: LoopPass): void {
    const d = pass.dispatched;
    for (const result of ['sent', 'deferred', 'refused', 'failed', 'retried', 'uncertain'] as const) if (d[result]) this.dispatched.inc({ result }, d[result]);
    for (const kind of ['failed', 'retried', 'uncertain'] as const) if (d[kind]) this.providerErrors.inc({ kind }, d[kind]);
  }
}

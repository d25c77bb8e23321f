import { Controller, Get, HttpStatus, type OnApplicationShutdown, type OnModuleDestroy, Res } from '@nestjs/common';
import type { Response } from 'express';
import { createClient } from 'redis';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { WorkCalendar } from '@app/campaigns';
import { AppConfig, Clock, localDate, Public } from '@app/core';

/**
 * `GET /api/health`: always 200, what the database, Redis and the holiday calendar say (a person or
 * a dashboard reads it). `GET /api/health/ready`: the balancer's readiness probe, 200 while this
 * instance should take traffic, 503 once it is shutting down (SIGTERM: the balancer stops sending
 * before the sockets close) or while its database does not answer.
 */
@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleDestroy, OnApplicationShutdown {
  private client: ReturnType<typeof createClient> | null = null;
  /** Set by the first shutdown hook Nest calls, before the jobs and the dispatcher drain. */
  private draining = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Get()
  async health() {
    const database = await this.database();
    const redis = await this.redis();
    return {
      status: database.ok && redis.ok !== false ? 'ok' : 'degraded',
      time: this.clock.now().toISOString(),
      database,
      redis,
      telephonyProvider: this.config.TELEPHONY_PROVIDER,
      calendar: this.calendar(),
    };
  }

  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const database = this.draining ? null : await this.database();
    const ready = !this.draining && database?.ok === true;
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { ready, reason: this.draining ? 'shutting down' : ready ? null : 'database unavailable', database };
  }

  onModuleDestroy(): void {
    this.draining = true;
  }

  private async database(): Promise<{ kind: string; ok: boolean; latencyMs?: number; error?: string }> {
    const started = Date.now();
    return this.dataSource.query('SELECT 1 AS ok').then(
      () => ({ kind: this.config.databaseKind, ok: true, latencyMs: Date.now() - started }),
      (error: unknown) => ({ kind: this.config.databaseKind, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  /** With REDIS_URL, whether Redis answers a PING (the agent desk's sockets across instances go through it). */
  private async redis(): Promise<{ configured: boolean; ok?: boolean; latencyMs?: number; error?: string }> {
    if (!this.config.REDIS_URL) return { configured: false };
    const started = Date.now();
    try {
      this.client ??= createClient({ url: this.config.REDIS_URL, socket: { connectTimeout: 2000, reconnectStrategy: false } }).on('error', () => undefined);
      if (!this.client.isOpen) await this.client.connect();
      await this.client.ping();
      return { configured: true, ok: true, latencyMs: Date.now() - started };
    } catch (error) {
      const client = this.client;
      this.client = null;
      // a client whose connection dropped has closed itself: destroying it again throws (and made this a 500)
      if (client?.isOpen) client.destroy();
      return { configured: true, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }

  /** Where the official holiday data ends: later days are decided on weekdays until the bank adds its own entries. */
  private calendar() {
    const knownThrough = WorkCalendar.knownThrough;
    const today = localDate(this.clock.now(), this.config.DEFAULT_TIME_ZONE);
    const daysLeft = Math.round((Date.parse(knownThrough) - Date.parse(today)) / 86_400_000);
    return {
      knownThrough,
      daysLeft,
      warning: daysLeft < 60 ? `the official holiday calendar ends on ${knownThrough}; after it, days are decided on weekdays unless the bank adds its own calendar entries (官方节假日数据截至 ${knownThrough}，之后按周一至周五判断)` : null,
    };
  }
}

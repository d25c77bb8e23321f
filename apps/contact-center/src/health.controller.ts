import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { WorkCalendar } from '@app/campaigns';
import { AppConfig, Clock, localDate, Public } from '@app/core';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Get()
  async health() {
    const started = Date.now();
    const database = await this.dataSource.query('SELECT 1 AS ok').then(
      () => ({ kind: this.config.databaseKind, ok: true, latencyMs: Date.now() - started }),
      (error: unknown) => ({ kind: this.config.databaseKind, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
    return {
      status: database.ok ? 'ok' : 'degraded',
      time: this.clock.now().toISOString(),
      database,
      redis: this.config.REDIS_URL ? { configured: true } : { configured: false },
      telephonyProvider: this.config.TELEPHONY_PROVIDER,
      calendar: this.calendar(),
    };
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

import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, Public } from '@app/core';

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
    };
  }
}

import { Test } from '@nestjs/testing';
import { Clock, FixedClock } from '@app/core';
import { AppModule } from '../../apps/contact-center/src/app.module';

export interface Booted {
  clock: FixedClock;
  get<T>(type: new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/** The real AppModule on the bench database, only the clock swapped (as the e2e tests do). */
export async function boot(url: string, dataDir: string, now: string): Promise<Booted> {
  Object.assign(process.env, {
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    SCHEDULER_ENABLED: 'false',
    ADMIN_PASSWORD: 'Kx7-bank-2026',
    JWT_SECRET: 'bench-secret-0123456789',
    LOG_LEVEL: 'warn',
  });
  delete process.env.IMPORT_DIR;
  const clock = new FixedClock(new Date(now));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(Clock).useValue(clock).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  await app.init();
  return { clock, get: (type) => app.get(type), close: () => app.close() };
}

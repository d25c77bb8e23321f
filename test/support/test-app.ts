import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { useRedisForSockets } from '@app/agent-desk';
import { Clock, FixedClock } from '@app/core';
import { STATUS_WEBHOOK_PATHS } from '@app/telephony';
import { AppModule } from '../../apps/contact-center/src/app.module';
import { configureApp } from '../../apps/contact-center/src/configure-app';
import { createTestDatabase, type TestDatabase } from './test-database';

export const ADMIN = { username: 'admin', password: 'Kx7-bank-2026' };

export interface TestApp {
  app: NestExpressApplication;
  db: TestDatabase;
  clock: FixedClock;
  http: ReturnType<typeof request>;
  login(username: string, password: string): Promise<string>;
  /** Creates a user through the admin API and answers its token. */
  userToken(role: 'admin' | 'campaign_manager' | 'supervisor' | 'agent', username?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule on a fresh database (SQLite, or PostgreSQL when DATABASE_URL is set),
 * migrations applied, with a frozen clock. Only the clock is swapped.
 */
export async function createTestApp(options: { now?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const env: Record<string, string | undefined> = {
    DATABASE_URL: db.url,
    DATA_DIR: db.dataDir,
    DEMO_DATA: 'false',
    SCHEDULER_ENABLED: 'false',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: 'test-secret-0123456789abcdef',
    LOG_LEVEL: 'silent',
    IMPORT_DIR: undefined,
    ...options.env,
  };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const clock = new FixedClock(new Date(options.now ?? '2026-11-23T02:00:00Z'));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(Clock).useValue(clock).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: process.env.TEST_LOGS ? ['error', 'warn'] : false });
  configureApp(app);
  await useRedisForSockets(app, process.env.REDIS_URL);
  await app.init();
  const http = request(app.getHttpServer());
  const login = async (username: string, password: string) => {
    const res = await request(app.getHttpServer()).post('/api/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };
  let adminToken: string | undefined;
  let users = 0;
  return {
    app,
    db,
    clock,
    http,
    login,
    async userToken(role, username = `${role.replace('_', '')}${++users}`) {
      adminToken ??= await login(ADMIN.username, ADMIN.password);
      if (role === 'admin' && username === ADMIN.username) return adminToken;
      const password = `Kx7-${users}-secret`;
      const res = await request(app.getHttpServer()).post('/api/users').set('Authorization', `Bearer ${adminToken}`).send({ username, password, role, branchCode: 'BR001' });
      if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return login(username, password);
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** The routes Express really serves, as "METHOD /path": Swagger's pages and the catch-alls Nest adds for the global prefix's exclusions aside. */
export function registeredRoutes(t: TestApp): string[] {
  const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router;
  return router.stack
    .flatMap((layer) => {
      const methods = Object.keys(layer.route?.methods ?? {});
      if (!layer.route || methods.length > 5 || layer.route.path.startsWith('/api/docs')) return [];
      return methods.map((m) => `${m.toUpperCase()} ${layer.route!.path}`);
    })
    // the carrier's status callbacks are answered by a middleware ahead of the router
    .concat(Object.keys(STATUS_WEBHOOK_PATHS).map((path) => `POST ${path}`))
    .sort();
}

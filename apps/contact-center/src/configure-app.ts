import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppConfig, createValidationPipe, NoNulPipe } from '@app/core';
import { ProviderEventSink, statusWebhooks, TelephonyProvider, TelephonyUrls } from '@app/telephony';
import { MetricsService } from './metrics/metrics.service';
import { requestLog } from './request-log.middleware';

/** Where the built console lives (apps/console/dist), relative to the working directory. */
export const CONSOLE_DIR = resolve('apps/console/dist');

/** Everything main.ts and the e2e tests share: prefix, validation, OpenAPI, the console's files. */
export function configureApp(app: NestExpressApplication): void {
  app.setGlobalPrefix('api', { exclude: ['webhooks/{*path}', 'metrics'] });
  const metrics = app.get(MetricsService);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => metrics.observeHttp(req.path, req.method, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9));
    next();
  });
  // the carrier's status callbacks (thousands a second), ahead of the headers, logs and router made for the API and the console
  app.use(statusWebhooks(app.get(TelephonyProvider), app.get(ProviderEventSink), app.get(TelephonyUrls)));
  // security headers; the console's own scripts and styles only (antd styles inline, ECharts draws on canvas)
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'], 'connect-src': ["'self'", 'ws:', 'wss:'], 'upgrade-insecure-requests': null } },
    }),
  );
  app.useGlobalPipes(new NoNulPipe(), createValidationPipe());
  // whose X-Forwarded-For names the client (sign-in limits and the audit log go by it): TRUST_PROXY
  app.set('trust proxy', trustProxy(app.get(AppConfig).TRUST_PROXY));
  app.use(requestLog);
  app.useBodyParser('json', { limit: '2mb' });
  // carriers post flat forms: Node's querystring, not qs's nested objects
  app.useBodyParser('urlencoded', { extended: false });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Remote-banking contact center').setDescription('远程银行外呼中心 API').setVersion('0.1').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  if (existsSync(join(CONSOLE_DIR, 'index.html'))) {
    app.useStaticAssets(CONSOLE_DIR, { index: false, maxAge: '1h' });
    // the console is a single-page app: every other GET that wants HTML gets index.html
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/webhooks') || req.path === '/metrics' || !req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(CONSOLE_DIR, 'index.html'));
    });
  }
}

/** TRUST_PROXY as Express takes it: `true`/`false`, a hop count, or addresses and subnets (comma-separated). */
export function trustProxy(value: string): boolean | number | string | string[] {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  const list = value.split(',').map((v) => v.trim()).filter(Boolean);
  return list.length === 1 ? list[0] : list;
}

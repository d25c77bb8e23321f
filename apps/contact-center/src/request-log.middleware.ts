import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('HTTP');

/** A webhook answered this slowly is logged even when it succeeded. */
const SLOW_WEBHOOK_MS = 1000;

/**
 * One structured line per API request, with a request id echoed back (X-Request-Id). Carrier
 * webhooks (thousands a second, each already stored as a provider event) are logged when they
 * fail or are slow; the rest at debug level.
 */
export function requestLog(req: Request, res: Response, next: NextFunction): void {
  if (!req.path.startsWith('/api') && !req.path.startsWith('/webhooks')) return next();
  const id = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 64)) || randomUUID();
  const started = process.hrtime.bigint();
  res.setHeader('X-Request-Id', id);
  res.on('finish', () => {
    const user = (req as Request & { user?: { username?: string } }).user?.username;
    // the path only: query strings may carry names searched for
    const line = { requestId: id, method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, user };
    if (req.path.startsWith('/webhooks') && res.statusCode < 400 && line.ms < SLOW_WEBHOOK_MS) logger.debug(line);
    else logger.log(line);
  });
  next();
}

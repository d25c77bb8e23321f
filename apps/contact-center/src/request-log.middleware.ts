import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('HTTP');

/** One structured line per API request, with a request id echoed back (X-Request-Id). */
export function requestLog(req: Request, res: Response, next: NextFunction): void {
  if (!req.path.startsWith('/api') && !req.path.startsWith('/webhooks')) return next();
  const id = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 64)) || randomUUID();
  const started = process.hrtime.bigint();
  res.setHeader('X-Request-Id', id);
  res.on('finish', () => {
    const user = (req as Request & { user?: { username?: string } }).user?.username;
    // the path only: query strings may carry names searched for
    logger.log({ requestId: id, method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, user });
  });
  next();
}

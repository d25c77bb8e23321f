import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { redactPhones, SECRET_KEYS } from './redact';

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPhones(value);
  if (!value || typeof value !== 'object' || depth > 4) return value;
  if (value instanceof Error) return { message: redactPhones(value.message), stack: value.stack && redactPhones(value.stack) };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : scrub(v, depth + 1)]));
}

/** Nest's logger on pino: JSON lines, no secrets, no full phone numbers. */
export class PinoLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level = 'info', destination?: pino.DestinationStream) {
    this.pino = pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, params: unknown[]): void {
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const extra = params.length ? { detail: scrub(params) } : {};
    if (typeof message === 'object' && message !== null && !(message instanceof Error)) {
      this.pino[level]({ context, ...(scrub(message) as object), ...extra });
    } else {
      this.pino[level]({ context, ...extra }, String(scrub(message instanceof Error ? message.message : message)));
    }
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
}

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppException, assertUnreachable, ErrorKind, FieldError } from './app.exception';

export function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case ErrorKind.BadInput:
      return HttpStatus.BAD_REQUEST;
    case ErrorKind.Unauthorized:
      return HttpStatus.UNAUTHORIZED;
    case ErrorKind.Forbidden:
      return HttpStatus.FORBIDDEN;
    case ErrorKind.NotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorKind.Conflict:
      return HttpStatus.CONFLICT;
    case ErrorKind.TooManyRequests:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorKind.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorKind.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return assertUnreachable(kind);
  }
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldError[];
}

/** The one place where errors become HTTP answers. Unknown errors are logged and answered 500. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (res.headersSent) {
      res.end();
      return;
    }
    if (exception instanceof AppException && exception.retryAfterSeconds) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppException) {
      const body: ErrorBody = { statusCode: statusOf(exception.kind), error: exception.code, message: exception.message };
      if (exception.fields.length) body.fields = exception.fields;
      return body;
    }
    if (isJsonParseError(exception)) {
      return { statusCode: 400, error: 'bad_request', message: 'Malformed JSON body' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string' ? response : Array.isArray((response as { message?: unknown }).message) ? ((response as { message: string[] }).message).join('; ') : String((response as { message?: unknown }).message ?? exception.message);
      return { statusCode: status, error: codeOf(status), message: friendlyMessage(status, message) };
    }
    // body-parser and multer errors carry a status of their own
    const withStatus = exception as { status?: number; statusCode?: number; message?: string; type?: string; code?: string };
    const status = withStatus?.status ?? withStatus?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { statusCode: status, error: codeOf(status), message: friendlyMessage(status, withStatus.message ?? 'Bad request', withStatus.type) };
    }
    this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    return { statusCode: 500, error: 'internal_error', message: 'Internal server error' };
  }
}

/** body-parser's error for a body that is not JSON, whether or not Nest wrapped it. */
function isJsonParseError(exception: unknown): boolean {
  const e = exception as { type?: string; cause?: { type?: string }; name?: string; message?: string; status?: number } | undefined;
  if (e?.type === 'entity.parse.failed' || e?.cause?.type === 'entity.parse.failed') return true;
  return e instanceof SyntaxError && (e as { status?: number }).status === 400;
}

function codeOf(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    default:
      return status === 429 ? 'too_many_requests' : 'http_' + status;
  }
}

function friendlyMessage(status: number, message: string, type?: string): string {
  if (type === 'entity.parse.failed') return 'Malformed JSON body';
  if (status === 404 && message.startsWith('Cannot ')) return `No such route: ${message.slice('Cannot '.length)}`;
  return message;
}

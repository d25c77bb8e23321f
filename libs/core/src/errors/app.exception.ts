/** What kind of failure an error is; the one exception filter maps each kind to an HTTP status. */
export enum ErrorKind {
  BadInput = 'bad_input',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  TooManyRequests = 'too_many_requests',
  PayloadTooLarge = 'payload_too_large',
  Unavailable = 'unavailable',
}

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The base of every lib's exception. A lib declares its own code enum and a
 * `Record<Code, ErrorKind>`, so adding a code without a kind is a compile error.
 */
export class AppException extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export enum CoreErrorCode {
  ValidationFailed = 'validation_failed',
  NotFound = 'not_found',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  PayloadTooLarge = 'payload_too_large',
}

const CORE_KINDS: Record<CoreErrorCode, ErrorKind> = {
  [CoreErrorCode.ValidationFailed]: ErrorKind.BadInput,
  [CoreErrorCode.NotFound]: ErrorKind.NotFound,
  [CoreErrorCode.Unauthenticated]: ErrorKind.Unauthorized,
  [CoreErrorCode.Forbidden]: ErrorKind.Forbidden,
  [CoreErrorCode.PayloadTooLarge]: ErrorKind.PayloadTooLarge,
};

export class CoreException extends AppException {
  constructor(code: CoreErrorCode, message: string, fields: FieldError[] = []) {
    super(CORE_KINDS[code], code, message, fields);
  }

  static badInput(field: string, message: string): CoreException {
    return new CoreException(CoreErrorCode.ValidationFailed, `${field}: ${message}`, [{ field, message }]);
  }

  static notFound(what: string): CoreException {
    return new CoreException(CoreErrorCode.NotFound, `${what} not found`);
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unreachable: ${String(value)}`);
}

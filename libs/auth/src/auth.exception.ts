import { AppException, ErrorKind } from '@app/core';

export enum AuthErrorCode {
  InvalidCredentials = 'invalid_credentials',
  TooManyAttempts = 'too_many_attempts',
  AccountLocked = 'account_locked',
  RefreshInvalid = 'refresh_invalid',
  TokenMissing = 'token_missing',
  TokenInvalid = 'token_invalid',
  RoleNotAllowed = 'role_not_allowed',
  UsernameTaken = 'username_taken',
  UserNotFound = 'user_not_found',
  WeakPassword = 'weak_password',
  CannotDisableSelf = 'cannot_disable_self',
}

const KINDS: Record<AuthErrorCode, ErrorKind> = {
  [AuthErrorCode.InvalidCredentials]: ErrorKind.Unauthorized,
  [AuthErrorCode.TooManyAttempts]: ErrorKind.TooManyRequests,
  [AuthErrorCode.AccountLocked]: ErrorKind.TooManyRequests,
  [AuthErrorCode.RefreshInvalid]: ErrorKind.Unauthorized,
  [AuthErrorCode.TokenMissing]: ErrorKind.Unauthorized,
  [AuthErrorCode.TokenInvalid]: ErrorKind.Unauthorized,
  [AuthErrorCode.RoleNotAllowed]: ErrorKind.Forbidden,
  [AuthErrorCode.UsernameTaken]: ErrorKind.Conflict,
  [AuthErrorCode.UserNotFound]: ErrorKind.NotFound,
  [AuthErrorCode.WeakPassword]: ErrorKind.BadInput,
  [AuthErrorCode.CannotDisableSelf]: ErrorKind.Conflict,
};

export class AuthException extends AppException {
  constructor(code: AuthErrorCode, message: string, options: { field?: string; retryAfterSeconds?: number } = {}) {
    super(KINDS[code], code, message, options.field ? [{ field: options.field, message }] : [], options.retryAfterSeconds);
  }
}

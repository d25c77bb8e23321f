import { AppException, ErrorKind, type FieldError } from '@app/core';

export enum DispatchErrorCode {
  AttemptNotFound = 'attempt_not_found',
  NotUnderReview = 'attempt_not_under_review',
  InvalidResolution = 'invalid_resolution',
}

const KINDS: Record<DispatchErrorCode, ErrorKind> = {
  [DispatchErrorCode.AttemptNotFound]: ErrorKind.NotFound,
  [DispatchErrorCode.NotUnderReview]: ErrorKind.Conflict,
  [DispatchErrorCode.InvalidResolution]: ErrorKind.BadInput,
};

export class DispatchException extends AppException {
  constructor(code: DispatchErrorCode, message: string, fields: FieldError[] = []) {
    super(KINDS[code], code, message, fields);
  }
}

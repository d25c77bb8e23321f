import { AppException, ErrorKind, type FieldError } from '@app/core';

export enum SegmentsErrorCode {
  InvalidRule = 'invalid_rule',
  UnknownTemplate = 'unknown_template',
  SegmentNotFound = 'segment_not_found',
  VersionNotFound = 'segment_version_not_found',
  DuplicateName = 'segment_duplicate_name',
  RefreshFailed = 'segment_refresh_failed',
  RefreshRunning = 'segment_refresh_running',
}

const KINDS: Record<SegmentsErrorCode, ErrorKind> = {
  [SegmentsErrorCode.InvalidRule]: ErrorKind.BadInput,
  [SegmentsErrorCode.UnknownTemplate]: ErrorKind.BadInput,
  [SegmentsErrorCode.SegmentNotFound]: ErrorKind.NotFound,
  [SegmentsErrorCode.VersionNotFound]: ErrorKind.NotFound,
  [SegmentsErrorCode.DuplicateName]: ErrorKind.Conflict,
  [SegmentsErrorCode.RefreshFailed]: ErrorKind.Unavailable,
  [SegmentsErrorCode.RefreshRunning]: ErrorKind.Conflict,
};

export class SegmentsException extends AppException {
  constructor(code: SegmentsErrorCode, message: string, fields: FieldError[] = []) {
    super(KINDS[code], code, message, fields);
  }

  static invalidRule(fields: FieldError[]): SegmentsException {
    return new SegmentsException(SegmentsErrorCode.InvalidRule, `The rule is not valid: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, fields);
  }
}

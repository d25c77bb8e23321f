import { AppException, ErrorKind, type FieldError } from '@app/core';

export enum TelephonyErrorCode {
  BadSignature = 'bad_signature',
  BadCallback = 'bad_callback',
}

const KINDS: Record<TelephonyErrorCode, ErrorKind> = {
  [TelephonyErrorCode.BadSignature]: ErrorKind.Forbidden,
  [TelephonyErrorCode.BadCallback]: ErrorKind.BadInput,
};

export class TelephonyException extends AppException {
  constructor(code: TelephonyErrorCode, message: string, fields: FieldError[] = []) {
    super(KINDS[code], code, message, fields);
  }
}

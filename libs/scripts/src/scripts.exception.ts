import { AppException, ErrorKind, type FieldError } from '@app/core';

export enum ScriptsErrorCode {
  InvalidScript = 'invalid_script',
  ScriptNotFound = 'script_not_found',
  VersionNotFound = 'script_version_not_found',
  DuplicateName = 'script_duplicate_name',
  EditConflict = 'script_edit_conflict',
  CustomerNotFound = 'script_preview_customer_not_found',
}

const KINDS: Record<ScriptsErrorCode, ErrorKind> = {
  [ScriptsErrorCode.InvalidScript]: ErrorKind.BadInput,
  [ScriptsErrorCode.ScriptNotFound]: ErrorKind.NotFound,
  [ScriptsErrorCode.VersionNotFound]: ErrorKind.NotFound,
  [ScriptsErrorCode.DuplicateName]: ErrorKind.Conflict,
  [ScriptsErrorCode.EditConflict]: ErrorKind.Conflict,
  [ScriptsErrorCode.CustomerNotFound]: ErrorKind.NotFound,
};

export class ScriptsException extends AppException {
  constructor(code: ScriptsErrorCode, message: string, fields: FieldError[] = []) {
    super(KINDS[code], code, message, fields);
  }

  static invalid(fields: FieldError[]): ScriptsException {
    return new ScriptsException(ScriptsErrorCode.InvalidScript, `The script is not valid: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, fields);
  }

  static duplicateName(name: string): ScriptsException {
    return new ScriptsException(ScriptsErrorCode.DuplicateName, `a script named "${name}" exists`, [{ field: 'name', message: 'is already used by another script' }]);
  }
}

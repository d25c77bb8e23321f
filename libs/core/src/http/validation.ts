import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CoreErrorCode, CoreException, FieldError } from '../errors/app.exception';

/** Flattens class-validator's tree into `a.b[2].c` paths. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const key = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: key, message: message.replace(/^property /, '') }));
    return [...own, ...fieldErrors(error.children ?? [], key)];
  });
}

/** The global pipe: unknown fields, wrong types and bad values all answer 400 with the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = fieldErrors(errors);
      return new CoreException(CoreErrorCode.ValidationFailed, fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
    },
  });
}

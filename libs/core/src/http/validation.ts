import { type ArgumentMetadata, Injectable, type PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** A path id: a positive whole number within the id columns (integer); anything else is 400 with the parameter's name. */
@Injectable()
export class IdParam implements PipeTransform<string, number> {
  transform(value: string, meta: ArgumentMetadata): number {
    const n = /^\d{1,10}$/.test(value ?? '') ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 2_147_483_647) throw CoreException.badInput(meta.data ?? 'id', 'must be a positive whole number');
    return n;
  }
}

/** A path date: a real calendar day, YYYY-MM-DD. */
@Injectable()
export class DayParam implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(value ?? '') ? new Date(`${value}T00:00:00Z`) : null;
    if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) throw CoreException.badInput(meta.data ?? 'date', 'must be a calendar day, YYYY-MM-DD');
    return value;
  }
}

/**
 * No text with a NUL character anywhere in a body, query or path (PostgreSQL refuses to store it):
 * 400 with where it was, before any other check. Runs first among the global pipes.
 */
@Injectable()
export class NoNulPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    const at = nulAt(value, meta.type === 'custom' ? '' : (meta.data ?? ''));
    if (at !== null) throw CoreException.badInput(at || meta.type, 'must not contain a NUL character');
    return value;
  }
}

function nulAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  // plain data only: a socket, a request or any other instance a handler takes is not walked
  if (depth > 32 || typeof value !== 'object' || value === null || !(Array.isArray(value) || isPlainObject(value))) return null;
  for (const [key, v] of Object.entries(value)) {
    const found = nulAt(v, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

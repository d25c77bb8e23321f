import { ValidateBy, ValidateIf } from 'class-validator';

// What the DTOs share: class-transformer transforms that never throw on a value of the wrong type
// (a `{ toString: null }` reaches them as it came) and validators for what may be left out but not nulled.

/** A string trimmed; anything else as it came, for the type check to refuse. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A string or number as a Date (an invalid one stays invalid for `IsDate`); anything else as it came. */
export const asDate = ({ value }: { value: unknown }) => (typeof value === 'string' || typeof value === 'number' ? new Date(value) : value);

/** A query string's number; anything else as it came. */
export const asNumber = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/** May be left out, but not sent as null (`IsOptional` lets null through to the service). */
export const OptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A number with at most one decimal place (`IsNumber({ maxDecimalPlaces })` throws on 1e-7). */
export const OneDecimal = () =>
  ValidateBy({ name: 'oneDecimal', validator: { validate: (value) => typeof value === 'number' && /^-?\d+(\.\d)?$/.test(String(value)), defaultMessage: (args) => `${args?.property ?? 'value'} must be a number with at most one decimal place` } });

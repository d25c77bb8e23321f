import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, MinLength, validateSync, type ValidationError } from 'class-validator';
import { DISPOSITIONS, type DeskClientEvents, type Disposition } from '@app/contracts';
import { DeskProblem } from '../desk/desk-problem';

// Each request the console sends, as class-validator checks it. The `satisfies`-style aliases below
// keep these classes and the contract (DeskClientEvents) from drifting apart.

export class PresenceSetDto {
  @IsIn(['available', 'break', 'offline'], { message: 'presence must be available, break or offline' })
  presence!: 'available' | 'break' | 'offline';
}

export class CallRefDto {
  @IsInt({ message: 'callId must be a call id (an integer)' }) @Min(1, { message: 'callId must be a call id (an integer)' })
  callId!: number;
}

export class ScriptChooseDto extends CallRefDto {
  @IsInt({ message: 'option must be the index of one of the step’s options' }) @Min(0, { message: 'option must be the index of one of the step’s options' }) @Max(50)
  option!: number;

  @IsOptional() @IsBoolean({ message: 'acknowledged must be true or false' })
  acknowledged?: boolean;

  @IsOptional() @IsString({ message: 'from must be the id of the step the choice was made on' }) @MinLength(1, { message: 'from must be the id of the step the choice was made on' }) @MaxLength(100, { message: 'from must be at most 100 characters' })
  from?: string;
}

export class CallNoteDto extends CallRefDto {
  @IsString({ message: 'text must be text' }) @MinLength(1, { message: 'text must not be empty' }) @MaxLength(500, { message: 'text must be at most 500 characters' })
  text!: string;
}

export class CallDispositionDto extends CallRefDto {
  @IsIn(DISPOSITIONS as Disposition[], { message: `disposition must be one of ${DISPOSITIONS.join(', ')}` })
  disposition!: Disposition;

  @IsOptional() @IsString({ message: 'note must be text' }) @MaxLength(500, { message: 'note must be at most 500 characters' })
  note?: string;

  @IsOptional() @IsISO8601({ strict: true }, { message: 'callbackAt must be an ISO 8601 instant' })
  callbackAt?: string;
}

export class CallbackScheduleDto extends CallRefDto {
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 instant' })
  at!: string;

  @IsOptional() @IsString({ message: 'note must be text' }) @MaxLength(500, { message: 'note must be at most 500 characters' })
  note?: string;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const DTOS_MATCH_CONTRACT: [
  Same<PresenceSetDto, DeskClientEvents['presence.set']>,
  Same<CallRefDto, DeskClientEvents['call.accept']>,
  Same<ScriptChooseDto, DeskClientEvents['script.choose']>,
  Same<CallNoteDto, DeskClientEvents['call.note']>,
  Same<CallDispositionDto, DeskClientEvents['call.disposition']>,
  Same<CallbackScheduleDto, DeskClientEvents['callback.schedule']>,
] = [true, true, true, true, true, true];
void DTOS_MATCH_CONTRACT;

/** The request checked, or a DeskProblem naming the first field at fault. */
export function parseRequest<T extends object>(type: new () => T, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new DeskProblem(null, 'the request must be an object');
  const value = plainToInstance(type, body);
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    const [field, message] = first(errors[0]);
    throw new DeskProblem(field, message);
  }
  return value;
}

function first(error: ValidationError, prefix = ''): [string, string] {
  const field = prefix ? `${prefix}.${error.property}` : error.property;
  const message = Object.values(error.constraints ?? {})[0];
  if (message) return [field, message.includes('should not exist') ? `${field} is not a known field` : message];
  if (error.children?.length) return first(error.children[0], field);
  return [field, `${field} is not valid`];
}

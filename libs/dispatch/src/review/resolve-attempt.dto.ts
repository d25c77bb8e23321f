import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@app/contracts';

export class ResolveAttemptDto {
  @ApiProperty({ enum: ATTEMPT_OUTCOMES, description: 'What became of it, as found out (the call record, the customer): a call answered/busy/no_answer/failed/canceled, an SMS sent/delivered/undelivered/failed' })
  @IsIn(ATTEMPT_OUTCOMES)
  outcome!: AttemptOutcome;

  @ApiPropertyOptional({ example: '查运营商话单：已接通 2 分钟' })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @Length(1, 200)
  note?: string;
}

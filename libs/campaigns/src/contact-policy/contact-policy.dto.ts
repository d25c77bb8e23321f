import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, IsDate, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { CHANNELS, PURPOSES, type CalendarDayKind, type Channel, type Purpose } from '@app/contracts';
import { asDate, asNumber, OptionalNotNull, trim } from '@app/core';


export class UpdatePolicyDto {
  @ApiProperty({ description: 'The whole policy (GET /api/contact-policy shows its shape)' })
  @Allow()
  settings!: unknown;
}

export class CalendarEntryDto {
  @ApiProperty({ example: '2027-02-08' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'date must be a day of the calendar' })
  date!: string;

  @ApiProperty({ enum: ['holiday', 'workday'] })
  @IsIn(['holiday', 'workday'])
  kind!: CalendarDayKind;

  @ApiProperty({ example: '春节（2027 年安排公布前由本行预设）' })
  @Transform(trim) @IsString() @Length(1, 200)
  note!: string;
}

export class EvaluateDto {
  @ApiPropertyOptional({ example: 'C0000000001' })
  @ValidateIf((o: EvaluateDto) => o.customerId === undefined || o.customerNo !== undefined)
  @Transform(trim) @IsString() @Length(1, 40)
  customerNo?: string;

  @ApiPropertyOptional()
  @OptionalNotNull() @Transform(asNumber) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  customerId?: number;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose!: Purpose;

  @ApiPropertyOptional({ description: 'The moment to decide for (ISO 8601); now if absent', example: '2026-11-23T12:00:00+08:00' })
  @IsOptional() @Transform(asDate) @IsDate({ message: 'at must be an ISO 8601 instant' })
  at?: Date;

  @ApiPropertyOptional({ description: "Decide under this campaign's narrowed policy" })
  @IsOptional() @IsUUID()
  campaignId?: string;
}

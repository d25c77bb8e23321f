import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { Allow, IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateIf } from 'class-validator';
import { CHANNELS, PURPOSES, type CalendarDayKind, type Channel, type Purpose } from '@app/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UpdatePolicyDto {
  @ApiProperty({ description: 'The whole policy (GET /api/contact-policy shows its shape)' })
  @Allow()
  settings!: unknown;
}

export class CalendarEntryDto {
  @ApiProperty({ example: '2027-02-08' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
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
  @ValidateIf((o: EvaluateDto) => o.customerId === undefined)
  @Transform(trim) @IsString() @Length(1, 40)
  customerNo?: string;

  @ApiPropertyOptional()
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  customerId?: number;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose!: Purpose;

  @ApiPropertyOptional({ description: 'The moment to decide for (ISO 8601); now if absent', example: '2026-11-23T12:00:00+08:00' })
  @IsOptional() @Type(() => Date) @IsDate({ message: 'at must be an ISO 8601 instant' })
  at?: Date;

  @ApiPropertyOptional({ description: "Decide under this campaign's narrowed policy" })
  @IsOptional() @IsUUID()
  campaignId?: string;
}

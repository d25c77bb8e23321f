import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { DNC_CHANNELS, type DoNotContactChannel, type DoNotContactScope, type DoNotContactSource } from '@app/contracts';
import { asDate, OptionalNotNull, PageQuery, trim } from '@app/core';


export class AddDoNotContactDto {
  @ApiPropertyOptional({ example: 'C0000000001', description: 'The customer, or give a phone' })
  @ValidateIf((o: AddDoNotContactDto) => o.phone === undefined || o.customerNo !== undefined)
  @Transform(trim) @IsString() @Length(1, 40)
  customerNo?: string;

  @ApiPropertyOptional({ example: '13912345678', description: 'A phone number, for callers not (yet) known as customers' })
  @OptionalNotNull() @Transform(trim) @IsString() @Length(5, 30)
  phone?: string;

  @ApiProperty({ enum: DNC_CHANNELS, description: '`call` closes AI and agent calls, `all` every channel' })
  @IsIn(DNC_CHANNELS)
  channel!: DoNotContactChannel;

  @ApiPropertyOptional({ enum: ['marketing', 'all'], default: 'marketing', description: '`all` also blocks service contact' })
  @OptionalNotNull() @IsIn(['marketing', 'all'])
  scope: DoNotContactScope = 'marketing';

  @ApiProperty({ example: '客户来电要求不再推销' })
  @Transform(trim) @IsString() @Length(1, 200)
  reason!: string;

  @ApiPropertyOptional({ description: 'Ends on its own at this instant (ISO 8601)' })
  @IsOptional() @Transform(asDate) @IsDate({ message: 'until must be an ISO 8601 instant' })
  until?: Date;

  @ApiPropertyOptional({ enum: ['manual', 'agent'], default: 'manual' })
  @OptionalNotNull() @IsIn(['manual', 'agent'])
  source: DoNotContactSource = 'manual';
}

export class DoNotContactQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Customer number, phone or company name (part of it)' })
  @IsOptional() @Transform(trim) @IsString() @Length(1, 60)
  search?: string;

  @ApiPropertyOptional({ default: true, description: 'Only entries in force (not removed, not expired)' })
  @IsOptional() @Transform(({ value }) => value === true || value === 'true') @IsBoolean()
  active = true;
}

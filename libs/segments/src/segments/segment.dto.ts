import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { OptionalNotNull, PageQuery, trim } from '@app/core';


const RULE_EXAMPLE = { and: [{ field: 'tier', op: '>=', value: 3 }, { field: 'daysSinceLastTxn', op: '>=', value: 30 }] };

export class PreviewDto {
  @ApiProperty({ description: 'The rule: a condition or an and / or / not group', example: RULE_EXAMPLE })
  @Allow()
  rule!: unknown;
}

export class CreateSegmentDto {
  @ApiProperty({ example: '重点客户活跃下降（上海）' })
  @Transform(trim) @IsString() @Length(1, 100)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: 'Start from a lifecycle template (GET /api/segments/templates)', example: 'key_slipping' })
  @IsOptional() @IsString()
  templateKey?: string;

  @ApiPropertyOptional({ description: "The template's parameters to change, by key", example: { idleDays: 45 } })
  @IsOptional() @IsObject()
  parameters?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The rule; with a templateKey it replaces the template rule', example: RULE_EXAMPLE })
  @Allow()
  rule?: unknown;

  @ApiPropertyOptional({ default: true, description: 'Refreshed by the nightly job' })
  @IsOptional() @IsBoolean()
  nightly?: boolean;
}

export class UpdateSegmentDto {
  @ApiPropertyOptional()
  @OptionalNotNull() @Transform(trim) @IsString() @Length(1, 100)
  name?: string;

  @ApiPropertyOptional()
  @OptionalNotNull() @IsString() @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: 'A changed rule becomes the next version' })
  @Allow()
  rule?: unknown;

  @ApiPropertyOptional()
  @OptionalNotNull() @IsBoolean()
  nightly?: boolean;
}

export const MEMBER_STATUSES = ['current', 'exited', 'all'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export class MembersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MEMBER_STATUSES, default: 'current' })
  @IsOptional() @IsIn(MEMBER_STATUSES)
  status: MemberStatus = 'current';
}

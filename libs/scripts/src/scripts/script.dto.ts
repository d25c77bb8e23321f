import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { SCRIPT_KINDS, type ScriptKind } from '@app/contracts';
import { asNumber, OptionalNotNull, trim } from '@app/core';


const SMS_EXAMPLE = { text: '【{{bankName}}】尊敬的{{companyName}}：贵公司有{{pointsBalance}}积分将于{{date pointsExpireAt}}到期。回复TD退订' };
const BODY_DESCRIPTION =
  'SMS: `{ text }`. Voice and agent: `{ start, steps: [{ id, title, text, compliance?, options: [{ label, intent?, next? }], dispositions }] }`. ' +
  'Text is handlebars over GET /api/scripts/variables with the helpers yuan, date and maskPhone, and #if / #unless.';

export class CreateScriptDto {
  @ApiProperty({ example: '积分到期提醒' })
  @Transform(trim) @IsString() @Length(1, 100)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(500)
  description?: string;

  @ApiProperty({ enum: SCRIPT_KINDS })
  @IsIn(SCRIPT_KINDS)
  kind!: ScriptKind;

  @ApiProperty({ description: BODY_DESCRIPTION, example: SMS_EXAMPLE })
  @Allow()
  body!: unknown;
}

export class UpdateScriptDto {
  @ApiPropertyOptional()
  @OptionalNotNull() @Transform(trim) @IsString() @Length(1, 100)
  name?: string;

  @ApiPropertyOptional()
  @OptionalNotNull() @IsString() @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: `${BODY_DESCRIPTION} A changed body replaces the current version while no campaign uses it, and becomes the next version once one does.` })
  @Allow()
  body?: unknown;
}

export class ScriptListQuery {
  @ApiPropertyOptional({ enum: SCRIPT_KINDS })
  @IsOptional() @IsIn(SCRIPT_KINDS)
  kind?: ScriptKind;
}

export class PreviewScriptDto {
  @ApiProperty({ description: 'The customer to render for (their id)' })
  @Transform(asNumber) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  customerId!: number;

  @ApiPropertyOptional({ description: 'A saved version; default the current one' })
  @OptionalNotNull() @Transform(asNumber) @IsInt() @Min(1) @Max(2_147_483_647)
  version?: number;
}

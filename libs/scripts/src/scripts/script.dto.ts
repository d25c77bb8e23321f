import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { Allow, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { SCRIPT_KINDS, type ScriptKind } from '@app/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

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
  @IsOptional() @Transform(trim) @IsString() @Length(1, 100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(500)
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
  @Type(() => Number) @IsInt() @Min(1)
  customerId!: number;

  @ApiPropertyOptional({ description: 'A saved version; default the current one' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  version?: number;
}

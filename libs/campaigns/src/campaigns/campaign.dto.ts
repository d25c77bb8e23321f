import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsDate, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ATTEMPT_OUTCOMES, ATTEMPT_STATES, type AttemptOutcome, type AttemptState, CHANNELS, type Channel, type EntryMode, type PacingMode, PURPOSES, type Purpose, type StepCondition } from '@app/contracts';
import { asDate, OneDecimal, OptionalNotNull, PageQuery, trim } from '@app/core';

export const STEP_CONDITIONS: readonly StepCondition[] = ['always', 'reached', 'not_reached'];
export const ENTRY_MODES: readonly EntryMode[] = ['snapshot', 'continuous'];
export const PACING_MODES: readonly PacingMode[] = ['preview', 'progressive', 'power', 'predictive'];
/** The longest a step may wait after the previous one: 30 days. */
export const MAX_DELAY_MINUTES = 43_200;

export class CampaignStepDto {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ description: 'The script (its kind must suit the channel: sms, voice for ai_call, agent for agent_call)' })
  @IsUUID()
  scriptId!: string;

  @ApiPropertyOptional({ description: "The script version; the script's current one if absent" })
  @OptionalNotNull() @IsInt() @Min(1) @Max(2_147_483_647)
  scriptVersion?: number;

  @ApiPropertyOptional({ default: 0, description: "Minutes after the previous step's outcome" })
  @OptionalNotNull() @IsInt() @Min(0) @Max(MAX_DELAY_MINUTES)
  delayMinutes = 0;

  @ApiPropertyOptional({ enum: STEP_CONDITIONS, default: 'always' })
  @OptionalNotNull() @IsIn(STEP_CONDITIONS)
  runIf: StepCondition = 'always';
}

export class PacingDto {
  @ApiProperty({ enum: PACING_MODES })
  @IsIn(PACING_MODES)
  mode!: PacingMode;

  @ApiPropertyOptional({ default: 1, description: 'Calls per free agent (power) or the starting ratio (predictive)' })
  @OptionalNotNull() @IsNumber() @OneDecimal() @Min(1) @Max(3)
  ratio = 1;

  @ApiPropertyOptional({ default: 10 })
  @OptionalNotNull() @IsInt() @Min(1) @Max(10000)
  maxConcurrent = 10;

  @ApiPropertyOptional({ default: 3, description: 'Predictive: abandoned share of answered calls to stay under (%)' })
  @OptionalNotNull() @IsNumber() @OneDecimal() @Min(0) @Max(5)
  maxAbandonPct = 3;
}

export class CreateCampaignDto {
  @ApiProperty({ example: '新开户回访（2026 年 11 月）' })
  @Transform(trim) @IsString() @Length(1, 100)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(500)
  description?: string;

  @ApiProperty()
  @IsUUID()
  segmentId!: string;

  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose!: Purpose;

  @ApiProperty({ type: [CampaignStepDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => CampaignStepDto)
  steps!: CampaignStepDto[];

  @ApiProperty({ example: '2026-11-24T01:00:00Z' })
  @Transform(asDate) @IsDate({ message: 'startsAt must be an ISO 8601 instant' })
  startsAt!: Date;

  @ApiPropertyOptional({ example: '2026-12-24T12:00:00Z' })
  @IsOptional() @Transform(asDate) @IsDate({ message: 'endsAt must be an ISO 8601 instant' })
  endsAt?: Date;

  @ApiPropertyOptional({ enum: ENTRY_MODES, default: 'snapshot' })
  @OptionalNotNull() @IsIn(ENTRY_MODES)
  entryMode: EntryMode = 'snapshot';

  @ApiPropertyOptional({ default: 0, description: 'Share of the segment kept as a control group (never contacted), 0–50 %' })
  @OptionalNotNull() @IsInt() @Min(0) @Max(50)
  holdoutPct = 0;

  @ApiPropertyOptional({ description: 'Narrows the global contact policy (never widens it)', example: { hours: { call: { start: '10:00', end: '17:00' } }, caps: { call: { max: 1, days: 14 } } } })
  @Allow()
  policy?: unknown;

  @ApiPropertyOptional({ type: PacingDto })
  @IsOptional() @ValidateNested() @Type(() => PacingDto)
  pacing?: PacingDto;
}

/** A draft may change everything; a scheduled, running or paused campaign only its name, description and end. */
export class UpdateCampaignDto {
  @ApiPropertyOptional()
  @OptionalNotNull() @Transform(trim) @IsString() @Length(1, 100)
  name?: string;

  @ApiPropertyOptional()
  @OptionalNotNull() @IsString() @MaxLength(500)
  description?: string;

  @ApiPropertyOptional()
  @OptionalNotNull() @IsUUID()
  segmentId?: string;

  @ApiPropertyOptional({ enum: PURPOSES })
  @OptionalNotNull() @IsIn(PURPOSES)
  purpose?: Purpose;

  @ApiPropertyOptional({ type: [CampaignStepDto] })
  @OptionalNotNull() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => CampaignStepDto)
  steps?: CampaignStepDto[];

  @ApiPropertyOptional()
  @OptionalNotNull() @Transform(asDate) @IsDate({ message: 'startsAt must be an ISO 8601 instant' })
  startsAt?: Date;

  @ApiPropertyOptional()
  @OptionalNotNull() @Transform(asDate) @IsDate({ message: 'endsAt must be an ISO 8601 instant' })
  endsAt?: Date;

  @ApiPropertyOptional({ enum: ENTRY_MODES })
  @OptionalNotNull() @IsIn(ENTRY_MODES)
  entryMode?: EntryMode;

  @ApiPropertyOptional()
  @OptionalNotNull() @IsInt() @Min(0) @Max(50)
  holdoutPct?: number;

  @ApiPropertyOptional()
  @Allow()
  policy?: unknown;

  @ApiPropertyOptional({ type: PacingDto })
  @OptionalNotNull() @ValidateNested() @Type(() => PacingDto)
  pacing?: PacingDto;
}

export class AttemptsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ATTEMPT_STATES })
  @IsOptional() @IsIn(ATTEMPT_STATES)
  state?: AttemptState;

  @ApiPropertyOptional()
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647)
  stepNo?: number;

  @ApiPropertyOptional({ description: 'One customer, by number' })
  @IsOptional() @Transform(trim) @IsString() @Length(1, 40)
  customerNo?: string;

  @ApiPropertyOptional({ enum: ATTEMPT_OUTCOMES })
  @IsOptional() @IsIn(ATTEMPT_OUTCOMES)
  outcome?: AttemptOutcome;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional() @IsIn(CHANNELS)
  channel?: Channel;
}

export class CampaignListQuery {
  @ApiPropertyOptional({ description: 'Only campaigns in these statuses (comma-separated)' })
  @IsOptional() @IsString() @MaxLength(100)
  status?: string;
}

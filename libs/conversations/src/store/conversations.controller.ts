import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsUUID } from 'class-validator';
import type { ConversationView } from '@app/contracts';
import { type BranchScope, Roles, ViewerScope } from '@app/core';
import { ConversationTranscripts } from './conversation-transcripts';

/** Digits only ("1e3" and "0x10" are not ids), 1 up to what the `integer` column holds; anything else fails as NaN. */
function attemptId(value: unknown): number {
  const id = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  return id >= 1 && id <= 2_147_483_647 ? id : NaN;
}

export class AttemptConversationParams {
  @IsUUID('all', { message: 'must be a UUID' })
  campaignId!: string;

  @Transform(({ value }) => attemptId(value))
  @IsInt({ message: 'must be a positive integer' })
  attemptId!: number;
}

@ApiTags('campaigns')
@ApiBearerAuth()
@Roles('admin', 'campaign_manager', 'supervisor', 'agent')
@Controller('campaigns/:campaignId/attempts/:attemptId/conversation')
export class ConversationsController {
  constructor(private readonly transcripts: ConversationTranscripts) {}

  /** The AI call held on the attempt, with its turns in order. */
  @Get()
  get(@Param() p: AttemptConversationParams, @ViewerScope() scope: BranchScope): Promise<ConversationView> {
    return this.transcripts.forAttempt(p.campaignId, p.attemptId, scope);
  }
}

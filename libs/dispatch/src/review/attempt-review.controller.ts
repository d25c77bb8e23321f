import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, IdParam, type Principal, Roles } from '@app/core';
import { AttemptReview } from './attempt-review.service';
import { ResolveAttemptDto } from './resolve-attempt.dto';

@ApiTags('campaigns')
@ApiBearerAuth()
@Roles('admin', 'campaign_manager', 'supervisor')
@Controller('campaigns/:id/attempts/:attemptId')
export class AttemptReviewController {
  constructor(private readonly review: AttemptReview) {}

  /** Records what became of an attempt under review. */
  @Post('resolve')
  @HttpCode(200)
  resolve(@Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 400 })) id: string, @Param('attemptId', IdParam) attemptId: number, @Body() dto: ResolveAttemptDto, @CurrentUser() by: Principal) {
    return this.review.resolve(id, attemptId, dto, by);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CampaignStatus } from '@app/contracts';
import { type BranchScope, CurrentUser, type Principal, Roles, ViewerScope } from '@app/core';
import { AttemptsService } from '../planning/attempts.service';
import { CampaignLifecycle } from './campaign-lifecycle.service';
import { AttemptsQuery, CampaignListQuery, CreateCampaignDto, UpdateCampaignDto } from './campaign.dto';
import { CampaignsService } from './campaigns.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 400 });
const EDITORS = ['admin', 'campaign_manager'] as const;

@ApiTags('campaigns')
@ApiBearerAuth()
@Roles('admin', 'campaign_manager', 'supervisor')
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly lifecycle: CampaignLifecycle,
    private readonly attempts: AttemptsService,
  ) {}

  @Get()
  list(@Query() q: CampaignListQuery) {
    return this.campaigns.list(q.status?.split(',').map((s) => s.trim() as CampaignStatus));
  }

  @Post()
  @Roles(...EDITORS)
  create(@Body() dto: CreateCampaignDto, @CurrentUser() by: Principal) {
    return this.campaigns.create(dto, by);
  }

  @Get(':id')
  get(@Param('id', uuid) id: string) {
    return this.campaigns.get(id);
  }

  @Patch(':id')
  @Roles(...EDITORS)
  update(@Param('id', uuid) id: string, @Body() dto: UpdateCampaignDto, @CurrentUser() by: Principal) {
    return this.campaigns.update(id, dto, by);
  }

  @Delete(':id')
  @Roles(...EDITORS)
  @HttpCode(204)
  remove(@Param('id', uuid) id: string, @CurrentUser() by: Principal) {
    return this.campaigns.remove(id, by);
  }

  @Post(':id/start')
  @Roles(...EDITORS)
  @HttpCode(200)
  start(@Param('id', uuid) id: string, @CurrentUser() by: Principal) {
    return this.lifecycle.act(id, 'start', by);
  }

  @Post(':id/pause')
  @Roles('admin', 'campaign_manager', 'supervisor')
  @HttpCode(200)
  pause(@Param('id', uuid) id: string, @CurrentUser() by: Principal) {
    return this.lifecycle.act(id, 'pause', by);
  }

  @Post(':id/resume')
  @Roles(...EDITORS)
  @HttpCode(200)
  resume(@Param('id', uuid) id: string, @CurrentUser() by: Principal) {
    return this.lifecycle.act(id, 'resume', by);
  }

  @Post(':id/cancel')
  @Roles(...EDITORS)
  @HttpCode(200)
  cancel(@Param('id', uuid) id: string, @CurrentUser() by: Principal) {
    return this.lifecycle.act(id, 'cancel', by);
  }

  @Post(':id/complete')
  @Roles(...EDITORS)
  @HttpCode(200)
  complete(@Param('id', uuid) id: string, @CurrentUser() by: Principal) {
    return this.lifecycle.act(id, 'complete', by);
  }

  /** Plans a running campaign now (as its job does): idempotent. */
  @Post(':id/plan')
  @Roles(...EDITORS)
  @HttpCode(200)
  plan(@Param('id', uuid) id: string) {
    return this.lifecycle.replan(id);
  }

  @Get(':id/attempts')
  attemptPage(@Param('id', uuid) id: string, @Query() q: AttemptsQuery, @ViewerScope() scope: BranchScope) {
    return this.attempts.page(id, q, scope);
  }
}

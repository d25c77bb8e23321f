import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type BranchScope, ClientAddress, CurrentUser, type Principal, Roles, ViewerScope } from '@app/core';
import { CampaignResultsExportService } from './campaign-results-export.service';
import { CampaignStatsService } from './campaign-stats.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 400 });

/** What a campaign achieved, on screen and as a CSV: both counted only over the viewer's branch. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Roles('admin', 'campaign_manager', 'supervisor')
@Controller('campaigns')
export class CampaignResultsController {
  constructor(
    private readonly statsService: CampaignStatsService,
    private readonly exporter: CampaignResultsExportService,
  ) {}

  @Get(':id/stats')
  stats(@Param('id', uuid) id: string, @ViewerScope() scope: BranchScope) {
    return this.statsService.stats(id, scope);
  }

  @Get(':id/results.csv')
  @ApiProduces('text/csv')
  async resultsCsv(@Param('id', uuid) id: string, @CurrentUser() by: Principal, @ClientAddress() address: string, @Res() res: Response) {
    const { filename, body } = await this.exporter.csv(id, by, address);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    // an ASCII name for old clients, the campaign's own (Chinese) name for the rest (RFC 6266)
    res.setHeader('Content-Disposition', `attachment; filename="campaign-${id}-results.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    res.send(body);
  }
}

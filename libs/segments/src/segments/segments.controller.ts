import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type BranchScope, CurrentUser, IdParam, PageQuery, type Principal, Roles, ViewerScope } from '@app/core';
import { SegmentMembersService } from '../members/segment-members.service';
import { SegmentPreviewService } from '../query/segment-preview.service';
import { SegmentRefreshJob } from '../refresh/segment-refresh.job';
import { SegmentRefreshService } from '../refresh/segment-refresh.service';
import { SegmentsErrorCode, SegmentsException } from '../segments.exception';
import { CreateSegmentDto, MembersQuery, PreviewDto, UpdateSegmentDto } from './segment.dto';
import { SegmentsService } from './segments.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 400 });
const EDITORS = ['admin', 'campaign_manager'] as const;

@ApiTags('segments')
@ApiBearerAuth()
@Roles('admin', 'campaign_manager', 'supervisor')
@Controller('segments')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly preview: SegmentPreviewService,
    private readonly refresher: SegmentRefreshService,
    private readonly members: SegmentMembersService,
    private readonly job: SegmentRefreshJob,
  ) {}

  @Get('fields')
  fields() {
    return this.segments.fields();
  }

  @Get('templates')
  templates() {
    return this.segments.templates();
  }

  @Post('preview')
  @HttpCode(200)
  previewRule(@Body() dto: PreviewDto, @ViewerScope() scope: BranchScope) {
    return this.preview.preview(dto.rule, scope);
  }

  @Get('refresh-jobs')
  jobRuns(@Query() page: PageQuery) {
    return this.job.list(page);
  }

  /** Refreshes every segment now, as the nightly job does; 409 while a run is under way. */
  @Post('refresh-jobs')
  @Roles(...EDITORS)
  async runJob() {
    const run = await this.job.run('manual');
    if (!run) throw new SegmentsException(SegmentsErrorCode.RefreshRunning, 'a refresh of all segments is already running');
    return run;
  }

  @Get()
  list() {
    return this.segments.list();
  }

  @Post()
  @Roles(...EDITORS)
  create(@Body() dto: CreateSegmentDto, @CurrentUser() by: Principal) {
    return this.segments.create(dto, by);
  }

  @Get(':id')
  get(@Param('id', uuid) id: string) {
    return this.segments.get(id);
  }

  @Patch(':id')
  @Roles(...EDITORS)
  update(@Param('id', uuid) id: string, @Body() dto: UpdateSegmentDto, @CurrentUser() by: Principal) {
    return this.segments.update(id, dto, by);
  }

  @Delete(':id')
  @Roles(...EDITORS)
  @HttpCode(204)
  archive(@Param('id', uuid) id: string, @CurrentUser() by: Principal) {
    return this.segments.archive(id, by);
  }

  @Get(':id/versions')
  versions(@Param('id', uuid) id: string) {
    return this.segments.listVersions(id);
  }

  @Get(':id/versions/:version')
  version(@Param('id', uuid) id: string, @Param('version', IdParam) version: number) {
    return this.segments.getVersion(id, version);
  }

  @Post(':id/refresh')
  @Roles(...EDITORS)
  @HttpCode(200)
  refresh(@Param('id', uuid) id: string, @CurrentUser() by: Principal) {
    return this.refresher.refresh(id, { trigger: 'manual', createdBy: by.username });
  }

  @Get(':id/refreshes')
  async refreshes(@Param('id', uuid) id: string, @Query() page: PageQuery) {
    await this.segments.find(id);
    return this.refresher.history(id, page);
  }

  @Get(':id/members')
  memberPage(@Param('id', uuid) id: string, @Query() query: MembersQuery, @ViewerScope() scope: BranchScope) {
    return this.members.page(id, query, scope);
  }

  @Get(':id/members.csv')
  @Roles(...EDITORS)
  async membersCsv(@Param('id', uuid) id: string, @CurrentUser() by: Principal, @Res() res: Response) {
    const chunks = this.members.csv(id, by);
    const first = await chunks.next(); // a 404 comes before any header is sent
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="segment-${id}-members.csv"`);
    res.write(first.value ?? '');
    for await (const chunk of chunks) res.write(chunk);
    res.end();
  }
}

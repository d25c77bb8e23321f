import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, IdParam, type Principal, Roles } from '@app/core';
import { ScriptPreviewService } from '../preview/script-preview.service';
import { CreateScriptDto, PreviewScriptDto, ScriptListQuery, UpdateScriptDto } from './script.dto';
import { ScriptsService } from './scripts.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 400 });
const EDITORS = ['admin', 'campaign_manager'] as const;

/** Managers edit; supervisors and agents read (agents see agent scripts during calls). */
@ApiTags('scripts')
@ApiBearerAuth()
@Roles('admin', 'campaign_manager', 'supervisor', 'agent')
@Controller('scripts')
export class ScriptsController {
  constructor(
    private readonly scripts: ScriptsService,
    private readonly previews: ScriptPreviewService,
  ) {}

  @Get('variables')
  variables() {
    return this.scripts.variables();
  }

  @Get()
  list(@Query() query: ScriptListQuery) {
    return this.scripts.list(query.kind);
  }

  @Post()
  @Roles(...EDITORS)
  create(@Body() dto: CreateScriptDto, @CurrentUser() by: Principal) {
    return this.scripts.create(dto, by);
  }

  @Get(':id')
  get(@Param('id', uuid) id: string) {
    return this.scripts.get(id);
  }

  @Patch(':id')
  @Roles(...EDITORS)
  update(@Param('id', uuid) id: string, @Body() dto: UpdateScriptDto, @CurrentUser() by: Principal) {
    return this.scripts.update(id, dto, by);
  }

  @Delete(':id')
  @Roles(...EDITORS)
  @HttpCode(204)
  archive(@Param('id', uuid) id: string, @CurrentUser() by: Principal) {
    return this.scripts.archive(id, by);
  }

  @Get(':id/versions')
  versions(@Param('id', uuid) id: string) {
    return this.scripts.listVersions(id);
  }

  @Get(':id/versions/:version')
  version(@Param('id', uuid) id: string, @Param('version', IdParam) version: number) {
    return this.scripts.getVersion(id, version);
  }

  /** Renders for a real customer; audited as a view of the customer's data. */
  @Post(':id/preview')
  @HttpCode(200)
  preview(@Param('id', uuid) id: string, @Body() dto: PreviewScriptDto, @CurrentUser() viewer: Principal) {
    return this.previews.preview(id, dto, viewer);
  }
}

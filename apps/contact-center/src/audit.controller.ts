import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AuditService, CoreException, PageQuery, Roles } from '@app/core';

// an instant with its offset, so a day in Shanghai is not read as a day in UTC
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 instant with its offset, e.g. 2026-11-24T00:00:00+08:00';

function instant(field: 'from' | 'to', value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw CoreException.badInput(field, INSTANT_MESSAGE);
  return at;
}

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64)
  action?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64)
  actorName?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32)
  targetType?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64)
  targetId?: string;

  /** Entries at or after this instant. */
  @ApiPropertyOptional({ example: '2026-11-24T00:00:00+08:00' }) @IsOptional() @IsString() @Matches(INSTANT, { message: `from ${INSTANT_MESSAGE}` })
  from?: string;

  /** Entries before this instant. */
  @ApiPropertyOptional({ example: '2026-11-25T00:00:00+08:00' }) @IsOptional() @IsString() @Matches(INSTANT, { message: `to ${INSTANT_MESSAGE}` })
  to?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async list(@Query() query: AuditQuery) {
    const from = instant('from', query.from);
    const to = instant('to', query.to);
    if (from && to && to <= from) throw CoreException.badInput('to', 'must be after from');
    const { items, total } = await this.audit.list({ action: query.action, actorName: query.actorName, targetType: query.targetType, targetId: query.targetId, from, to, offset: query.offset, limit: query.pageSize });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}

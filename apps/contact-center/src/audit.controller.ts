import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AuditService, PageQuery, Roles } from '@app/core';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64)
  action?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64)
  actorName?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32)
  targetType?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64)
  targetId?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async list(@Query() query: AuditQuery) {
    const { items, total } = await this.audit.list({ action: query.action, actorName: query.actorName, targetType: query.targetType, targetId: query.targetId, offset: query.offset, limit: query.pageSize });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}

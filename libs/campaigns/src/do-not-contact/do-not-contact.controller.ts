import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type BranchScope, CurrentUser, IdParam, type Principal, Roles, ViewerScope } from '@app/core';
import { AddDoNotContactDto, DoNotContactQuery } from './do-not-contact.dto';
import { DoNotContactService } from './do-not-contact.service';

@ApiTags('do-not-contact')
@ApiBearerAuth()
@Controller('do-not-contact')
export class DoNotContactController {
  constructor(private readonly dnc: DoNotContactService) {}

  @Get()
  @Roles('admin', 'campaign_manager', 'supervisor')
  list(@Query() q: DoNotContactQuery, @ViewerScope() scope: BranchScope) {
    return this.dnc.list(q, scope);
  }

  /** Agents add entries too: a customer on the line who says "stop calling me". */
  @Post()
  @Roles('admin', 'campaign_manager', 'supervisor', 'agent')
  add(@Body() dto: AddDoNotContactDto, @CurrentUser() by: Principal, @ViewerScope() scope: BranchScope) {
    return this.dnc.add(dto, by, scope);
  }

  @Delete(':id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  remove(@Param('id', IdParam) id: number, @CurrentUser() by: Principal, @ViewerScope() scope: BranchScope) {
    return this.dnc.remove(id, by, scope);
  }
}

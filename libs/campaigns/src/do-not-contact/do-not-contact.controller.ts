import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, IdParam, type Principal, Roles } from '@app/core';
import { AddDoNotContactDto, DoNotContactQuery } from './do-not-contact.dto';
import { DoNotContactService } from './do-not-contact.service';

@ApiTags('do-not-contact')
@ApiBearerAuth()
@Controller('do-not-contact')
export class DoNotContactController {
  constructor(private readonly dnc: DoNotContactService) {}

  @Get()
  @Roles('admin', 'campaign_manager', 'supervisor')
  list(@Query() q: DoNotContactQuery) {
    return this.dnc.list(q);
  }

  /** Agents add entries too: a customer on the line who says "stop calling me". */
  @Post()
  @Roles('admin', 'campaign_manager', 'supervisor', 'agent')
  add(@Body() dto: AddDoNotContactDto, @CurrentUser() by: Principal) {
    return this.dnc.add(dto, by);
  }

  @Delete(':id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  remove(@Param('id', IdParam) id: number, @CurrentUser() by: Principal) {
    return this.dnc.remove(id, by);
  }
}

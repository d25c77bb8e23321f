import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type BranchScope, ClientAddress, CurrentUser, IdParam, type Principal, ViewerScope } from '@app/core';
import { CustomerListQuery } from './customer.dto';
import { CustomersService } from './customers.service';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  list(@Query() query: CustomerListQuery, @ViewerScope() scope: BranchScope) {
    return this.customers.list(query, scope);
  }

  @Get(':id')
  get(@Param('id', IdParam) id: number, @CurrentUser() viewer: Principal) {
    return this.customers.get(id, viewer);
  }

  @Post(':id/contact')
  @HttpCode(200)
  revealContact(@Param('id', IdParam) id: number, @CurrentUser() viewer: Principal, @ClientAddress() address: string) {
    return this.customers.revealContact(id, viewer, address);
  }
}

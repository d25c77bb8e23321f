import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@app/core';
import { CreateUserDto, UpdateUserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list() {
    return this.users.list();
  }

  @Post()
  create(@Body() dto: CreateUserDto, @CurrentUser() actor: Principal) {
    return this.users.create(dto, actor);
  }

  @Patch(':id')
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateUserDto, @CurrentUser() actor: Principal) {
    return this.users.update(id, dto, actor);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  unlock(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: Principal) {
    return this.users.unlock(id, actor);
  }
}

import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, CoreException, Public, type Principal } from '@app/core';
import { LoginDto } from '../users/user.dto';
import { toUserView } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @ClientAddress() address: string) {
    return this.auth.login(dto.username, dto.password, address);
  }

  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentUser() principal: Principal) {
    const user = await this.users.findById(principal.userId);
    if (!user) throw CoreException.notFound('user');
    return toUserView(user);
  }
}

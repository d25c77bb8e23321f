import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, CoreException, Public, type Principal } from '@app/core';
import { RefreshTokenDto } from '../sessions/session.dto';
import { SessionsService } from '../sessions/sessions.service';
import { LoginDto } from '../users/user.dto';
import { toUserView } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @ClientAddress() address: string) {
    return this.auth.login(dto.username, dto.password, address);
  }

  /** The refresh token is the credential here: an expired access token does not stop it. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshTokenDto, @ClientAddress() address: string) {
    return this.sessions.refresh(dto.refreshToken, address);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  logout(@Body() dto: RefreshTokenDto, @ClientAddress() address: string) {
    return this.sessions.logout(dto.refreshToken, address);
  }

  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentUser() principal: Principal) {
    const user = await this.users.findById(principal.userId);
    if (!user) throw CoreException.notFound('user');
    return toUserView(user);
  }
}

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@app/contracts';
import { PUBLIC_KEY, ROLES_KEY, type Principal } from '@app/core';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { AuthService } from '../login/auth.service';

/** Global guard: every HTTP route needs a valid bearer token unless @Public; @Roles narrows it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: Principal }>();
    const header = req.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new AuthException(AuthErrorCode.TokenMissing, 'sign in first: no bearer token');
    req.user = await this.auth.principalFromToken(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.user.role)) {
      throw new AuthException(AuthErrorCode.RoleNotAllowed, `role ${req.user.role} may not do this`);
    }
    return true;
  }
}

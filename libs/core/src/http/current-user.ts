import { createParamDecorator, ExecutionContext } from '@nestjs/common';

import type { Role } from '@app/contracts';

/** Who is calling, as the auth guard established it from the token. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  branchCode: string | null;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});

export const ClientAddress = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<{ ip?: string; socket?: { remoteAddress?: string } }>();
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
});

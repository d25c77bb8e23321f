import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../http/current-user';
import { type BranchScope, branchScopeOf } from './branch-scope';

/** The caller's branch scope (see branchScopeOf), for services that return customer data. */
export const ViewerScope = createParamDecorator((_: unknown, ctx: ExecutionContext): BranchScope => {
  return branchScopeOf(ctx.switchToHttp().getRequest<{ user: Principal }>().user);
});

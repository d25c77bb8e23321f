import { SetMetadata } from '@nestjs/common';
import type { Role } from '@app/contracts';

export const ROLES_KEY = 'access:roles';
export const PUBLIC_KEY = 'access:public';

/** Only these roles may call the route (the auth guard checks; every route needs a token unless @Public). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No token needed (sign-in, health, provider webhooks that carry their own signature). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

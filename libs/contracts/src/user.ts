import type { Role } from './roles';

/** A user as the API answers it (never the password hash). Pure types: the console shares them. */
export interface UserView {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  branchCode: string | null;
  skills: string[];
  disabled: boolean;
  lastLoginAt: string | null;
}

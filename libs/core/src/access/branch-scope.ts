import type { Role } from '@app/contracts';

/**
 * Whose customers a user sees (issue 10): `branchCode` null means every branch, otherwise only
 * the customers whose `branch_code` equals it. Plain data, so services and SQL take it as is.
 */
export interface BranchScope {
  readonly branchCode: string | null;
}

export const EVERY_BRANCH: BranchScope = Object.freeze({ branchCode: null });

/**
 * Admins and the remote center's own staff (no branch) see every branch; anyone else with a
 * branch sees only it, whatever the role: it is the user's branch that scopes, not the role.
 */
export function branchScopeOf(user: { role: Role; branchCode: string | null }): BranchScope {
  if (user.role === 'admin' || !user.branchCode) return EVERY_BRANCH;
  return { branchCode: user.branchCode };
}

export function seesBranch(scope: BranchScope, branchCode: string | null): boolean {
  return scope.branchCode === null || scope.branchCode === branchCode;
}

/** The parameter name the SQL condition binds; long enough not to meet a query's own names. */
export const SCOPE_BRANCH_PARAM = 'scopeBranchCode';

/**
 * `<column> = :scopeBranchCode` for a scoped user, `1 = 1` (always true) for one who sees every
 * branch; spread `params` into the query's named parameters. A branch filter of the request's
 * own is ANDed beside it, so naming another branch matches no row.
 */
export function branchCondition(scope: BranchScope, column: string): { sql: string; params: Record<string, string> } {
  if (scope.branchCode === null) return { sql: '1 = 1', params: {} };
  return { sql: `${column} = :${SCOPE_BRANCH_PARAM}`, params: { [SCOPE_BRANCH_PARAM]: scope.branchCode } };
}

/** The same condition as a TypeORM `where` fragment on an entity's `branchCode` property. */
export function branchWhere(scope: BranchScope): { branchCode?: string } {
  return scope.branchCode === null ? {} : { branchCode: scope.branchCode };
}

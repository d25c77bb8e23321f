import { describe, expect, it } from '@jest/globals';
import { branchCondition, branchScopeOf, branchWhere, EVERY_BRANCH, seesBranch } from './branch-scope';

describe('branch scope: who sees which branch’s customers', () => {
  it('an agent, supervisor or campaign manager with a branch sees only that branch', () => {
    for (const role of ['agent', 'supervisor', 'campaign_manager'] as const) {
      const scope = branchScopeOf({ role, branchCode: 'BR001' });
      expect(scope).toEqual({ branchCode: 'BR001' });
      expect(seesBranch(scope, 'BR001')).toBe(true);
      expect(seesBranch(scope, 'BR002')).toBe(false);
      expect(seesBranch(scope, 'br001')).toBe(false);
    }
  });

  it('the center’s own staff (no branch) and every admin see all branches', () => {
    for (const user of [
      { role: 'agent', branchCode: null },
      { role: 'supervisor', branchCode: null },
      { role: 'admin', branchCode: null },
      { role: 'admin', branchCode: 'BR001' },
      { role: 'agent', branchCode: '' },
    ] as const) {
      const scope = branchScopeOf(user);
      expect(scope).toBe(EVERY_BRANCH);
      expect(seesBranch(scope, 'BR001')).toBe(true);
      expect(seesBranch(scope, 'BR999')).toBe(true);
    }
  });

  it('is a WHERE condition for a scoped user and nothing for the rest', () => {
    expect(branchCondition({ branchCode: 'BR002' }, 'c.branch_code')).toEqual({ sql: 'c.branch_code = :scopeBranchCode', params: { scopeBranchCode: 'BR002' } });
    expect(branchCondition(EVERY_BRANCH, 'c.branch_code')).toEqual({ sql: '1 = 1', params: {} });
    expect(branchWhere({ branchCode: 'BR002' })).toEqual({ branchCode: 'BR002' });
    expect(branchWhere(EVERY_BRANCH)).toEqual({});
  });
});

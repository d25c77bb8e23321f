import type { Role } from '@app/contracts';

/** Who may read the audit log (GET /api/audit is the admins' only). */
export const AUDIT_ROLES = ['admin'] as const satisfies readonly Role[];

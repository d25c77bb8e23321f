/** The four roles of DESIGN §5. Pure types: the console shares them. */
export const ROLES = ['admin', 'campaign_manager', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

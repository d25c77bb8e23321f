import type { Translate } from '../i18n';

export const TIERS = [0, 1, 2, 3, 4, 5] as const;

export function tierLabel(tier: number | null | undefined, t: Translate): string {
  return tier === null || tier === undefined ? '—' : t('tier.value', { n: tier });
}

/** Deeper blue for higher tiers, so the best customers stand out in a long list. */
export function tierColor(tier: number): string {
  return ['default', 'default', 'cyan', 'blue', 'geekblue', 'gold'][tier] ?? 'default';
}

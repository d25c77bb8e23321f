/**
 * The control group: a customer's bucket 0–99 from a multiplicative hash of the customer id and
 * the campaign's seed (Knuth's 2654435761, high bits of the 32-bit product). Planning computes
 * the same number in SQL; a customer keeps the bucket for the campaign's whole life. The seed is
 * random per campaign and turns every bucket by the same amount, so two campaigns' control groups
 * overlap as much as two random ones on average (the hash stays affine: SQLite has no XOR).
 */
export const HOLDOUT_MULTIPLIER = 2654435761;
export const HOLDOUT_MODULUS = 4294967296;

export function holdoutBucket(seed: number, customerId: number): number {
  const mixed = (BigInt(customerId) * BigInt(HOLDOUT_MULTIPLIER) + BigInt(seed)) % BigInt(HOLDOUT_MODULUS);
  return Number((mixed * 100n) / BigInt(HOLDOUT_MODULUS));
}

/** The SQL twin of holdoutBucket over an integer customer id expression. */
export function holdoutBucketSql(customerId: string): string {
  return `(((${customerId} * ${HOLDOUT_MULTIPLIER} + :holdoutSeed) % ${HOLDOUT_MODULUS}) * 100 / ${HOLDOUT_MODULUS})`;
}

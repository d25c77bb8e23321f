import { Foundation1763900000000 } from './1763900000000-foundation';

/** Every migration, in order. The schema's only source: nothing is synchronized outside tests. */
export const MIGRATIONS = [Foundation1763900000000];

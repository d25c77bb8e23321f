// What the fault tests share: they run the compiled server as child processes against a fake
// Twilio in the test process, on PostgreSQL only (FOR UPDATE SKIP LOCKED, several processes).
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe } from '@jest/globals';

/** Any 32 hex digits: the fake accepts only this account and token. */
export const ACCOUNT_SID = 'AC' + 'fa017e57'.repeat(4);
export const AUTH_TOKEN = 'fault-test-auth-token-0123456789';
export const FROM_NUMBER = '+15005550001';
export const ADMIN_PASSWORD = 'Kx7-bank-2026';
export const JWT_SECRET = 'fault-test-secret-0123456789abcdef';

/** Jest and scripts/test.mjs run from the repository root. */
export const ROOT = process.cwd();
export const SERVER_MAIN = resolve(ROOT, 'dist/apps/contact-center/src/main.js');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'faults');

export const onPostgres = !!process.env.DATABASE_URL;

/**
 * `describe` on PostgreSQL; without DATABASE_URL the suite is reported skipped, and says why
 * once (SQLite has one process and no SKIP LOCKED: there is nothing to kill or race).
 */
export function describeOnPostgres(name: string, body: () => void): void {
  if (onPostgres) {
    describe(name, body);
    return;
  }
  console.log(`[faults] skipped "${name}": DATABASE_URL is not set (these fault tests need PostgreSQL; see scripts/test.mjs)`);
  describe.skip(`${name} (skipped: DATABASE_URL is unset, PostgreSQL only)`, body);
}

/** The compiled server, or a clear error saying how to build it. */
export function serverMain(): string {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run \`npm run build:server\` first (node scripts/test.mjs faults builds it)`);
  return SERVER_MAIN;
}

export function artifactsDir(): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits for `promise` at most `ms`; the timer never keeps the process alive. */
export function atMost(promise: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([promise, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);
}

/** Polls until `probe` answers truthy; fails after `timeoutMs` with `what` and the last answer. */
export async function within<T>(timeoutMs: number, what: string, probe: () => Promise<T>, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await probe();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
    await sleep(everyMs);
  }
}


export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Values grouped by a key, only the keys seen more than once. */
export function repeated<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item) ?? '(none)';
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return new Map([...groups].filter(([, list]) => list.length > 1));
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

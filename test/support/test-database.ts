import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  /** Set on PostgreSQL runs; absent means SQLite under dataDir. */
  url?: string;
  dataDir: string;
  kind: 'postgres' | 'sqlite';
  drop(): Promise<void>;
}

/**
 * A fresh database for one spec file: a new PostgreSQL database on the server of DATABASE_URL
 * when it is set, else a SQLite file in a new temporary folder.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-test-'));
  const base = process.env.DATABASE_URL;
  if (!base) {
    return { dataDir, kind: 'sqlite', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `cc_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = '/' + name;
  return {
    url: url.toString(),
    dataDir,
    kind: 'postgres',
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      // an autovacuum worker may still hold the database for a moment: retry, then leave it
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// A PostgreSQL 15 cluster of the test's own (initdb in a temporary folder, a free port on
// loopback, trust auth for `app`), so a fault test can stop, crash and start it without touching
// the machine's cluster others use. initdb refuses root: as root it runs as the postgres user.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  readonly port: number;
  /** The `postgres` database as `app` (a superuser here): createTestDatabase makes its databases from it. */
  readonly url: string;
  readonly logFile: string;
  /** `fast` (clients told, checkpoint) or `immediate` (a crash: recovery at the next start). */
  stop(mode: 'fast' | 'immediate'): void;
  start(): void;
  isRunning(): boolean;
  /** Stops it (if running) and removes its folder. */
  destroy(): void;
}

/** A clear reason when the binaries are missing (.ci/run installs postgresql). */
export function privatePostgresMissing(): string | null {
  return existsSync(join(BIN, 'initdb')) ? null : `${BIN}/initdb is missing: apt-get install -y postgresql (or set PG_BIN)`;
}

export function startPrivatePostgres(port: number): PrivatePostgres {
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'cc-fault-pg-'));
  if (root) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]] : [join(BIN, tool), args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  };
  // fsync off: the test crashes it on purpose, never the machine
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  run('initdb', ['-D', data, '-U', 'app', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  let running = false;
  const pg: PrivatePostgres = {
    port,
    url: `postgres://app@127.0.0.1:${port}/postgres`,
    logFile,
    start() {
      run('pg_ctl', ['-D', data, '-o', options, '-l', logFile, '-w', '-t', '30', 'start']);
      running = true;
    },
    stop(mode) {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '30', 'stop']);
      running = false;
    },
    isRunning: () => running,
    destroy() {
      if (running) {
        try {
          pg.stop('immediate');
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}

function postgresUser(): { uid: number; gid: number } {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) throw new Error('running as root, and there is no postgres user to run initdb as (apt-get install -y postgresql)');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

// A timeline of a fault run, written to test-artifacts/faults/<name>-timeline.log (and printed
// with FAULTS_VERBOSE=1): attempts by state, what the fake has seen, and any statement running
// longer than half a second, so a stall or a failure can be read afterwards.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeTwilio } from '../../support/fake-twilio';
import { type Queryable, stateCounts } from './campaign-data';
import { artifactsDir } from './fault-env';

export interface Monitor {
  note(text: string): void;
  stop(): void;
  readonly file: string;
}

export function monitor(name: string, db: Queryable, fake: FakeTwilio, campaignIds: string[], everyMs = 1000): Monitor {
  const file = join(artifactsDir(), `${name}-timeline.log`);
  writeFileSync(file, '');
  const started = Date.now();
  const verbose = !!process.env.FAULTS_VERBOSE;
  const write = (text: string) => {
    const line = `+${((Date.now() - started) / 1000).toFixed(1)}s ${text}`;
    appendFileSync(file, line + '\n');
    if (verbose) console.log(`[faults] ${name} ${line}`);
  };
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      const states = await stateCounts(db, campaignIds);
      const { rows: slow } = await db.query<{ secs: number; q: string; wait: string | null }>(
        `SELECT round(extract(epoch FROM now() - query_start)::numeric, 1)::float AS secs, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS q, wait_event AS wait
           FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() AND now() - query_start > interval '500 milliseconds'`,
      );
      const r = fake.requests;
      write(
        `states ${JSON.stringify(states)} | fake: ${fake.calls.length} calls, ${fake.messages.length} messages, ${fake.callbacksPending()} callbacks pending, ${r.fetch} fetches, ${r.list} lists` +
          (slow.length ? ` | slow: ${slow.map((s) => `${s.secs}s ${s.wait ?? ''} ${s.q}`).join(' ; ')}` : ''),
      );
    })()
      .catch((e: unknown) => write(`monitor failed: ${String(e)}`))
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  return { file, note: write, stop: () => clearInterval(timer) };
}

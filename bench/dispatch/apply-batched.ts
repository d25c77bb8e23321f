/**
 * An experiment for the callbacks finding, without HTTP: the same SMS status events applied to
 * two equal sets of sent attempts (left over from the throughput run), once through the real
 * AttemptOutcomes.apply (10 callers at once; it group-commits them in batches of six statements)
 * and once as one statement per batch of 100 events (a sketch of a single-statement apply: the
 * provider_events insert, the forward-only attempt update and the timeline line chained in
 * data-modifying CTEs). Both sets are then checked for the same effects.
 */
import type pg from 'pg';
import { AttemptOutcomes, outcomeOf, outcomeSummary } from '@app/dispatch';
import { type ProviderEvent, statusRank } from '@app/telephony';
import { defaultSmsOutcome, type FakeMessage } from '../../test/support/fake-twilio';
import type { Booted } from '../support/bench-app';
import { type CpuReport, CpuMeter } from './monitor';
import { ACCOUNT_SID, FROM_NUMBER } from './servers';

export interface ApplyVariant {
  variant: string;
  attempts: number;
  events: number;
  seconds: number;
  perSecond: number;
  cpu: CpuReport;
  exact: boolean;
}

interface Ev {
  m: FakeMessage;
  status: 'sent' | 'delivered' | 'undelivered';
}

function events(messages: FakeMessage[]): Ev[] {
  const lag = Math.min(1000, messages.length);
  const list: Ev[] = [];
  const final = (m: FakeMessage): Ev => ({ m, status: defaultSmsOutcome(m.to) === 'undelivered' ? 'undelivered' : 'delivered' });
  for (let i = 0; i < lag; i++) list.push({ m: messages[i], status: 'sent' });
  for (let i = lag; i < messages.length; i++) list.push(final(messages[i - lag]), { m: messages[i], status: 'sent' });
  for (let i = messages.length - lag; i < messages.length; i++) list.push(final(messages[i]));
  return list;
}

async function runPool<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

function params(e: Ev): Record<string, string> {
  const p: Record<string, string> = { MessageSid: e.m.sid, SmsSid: e.m.sid, AccountSid: ACCOUNT_SID, From: e.m.from ?? FROM_NUMBER, To: e.m.to, MessageStatus: e.status, SmsStatus: e.status, ApiVersion: '2010-04-01' };
  if (e.status === 'undelivered') p.ErrorCode = '30003';
  return p;
}

const BATCH_SQL = `
WITH v AS (
  SELECT * FROM json_to_recordset($1::json) AS v(pid text, status text, rnk int, at timestamptz, attempt_id bigint, outcome text, detail text, raw text, summary text)
), ins AS (
  INSERT INTO provider_events (provider_id, kind, status, at, attempt_id, source, raw)
  SELECT pid, 'sms', status, at, attempt_id, 'callback', raw FROM v
  ON CONFLICT (provider_id, status) DO NOTHING
  RETURNING provider_id, status
), fresh AS (
  SELECT DISTINCT ON (v.attempt_id) v.* FROM v JOIN ins ON ins.provider_id = v.pid AND ins.status = v.status ORDER BY v.attempt_id, v.rnk DESC
), moved AS (
  UPDATE contact_attempts a SET provider_status = f.status, provider_rank = f.rnk, provider_id = f.pid,
      state = CASE WHEN f.outcome IS NULL THEN 'in_flight' ELSE 'done' END,
      outcome = COALESCE(f.outcome, a.outcome), outcome_at = CASE WHEN f.outcome IS NULL THEN a.outcome_at ELSE f.at END,
      detail = COALESCE(f.detail, a.detail),
      lease_owner = CASE WHEN f.outcome IS NULL THEN a.lease_owner END,
      lease_expires_at = CASE WHEN f.outcome IS NULL THEN COALESCE(a.lease_expires_at, now() + interval '120 seconds') END,
      updated_at = now()
    FROM fresh f
   WHERE a.id = f.attempt_id AND a.provider_rank < f.rnk AND (a.provider_id IS NULL OR a.provider_id = f.pid)
     AND a.state IN ('planned', 'in_flight', 'done', 'review')
  RETURNING a.id, a.customer_id, a.campaign_id, a.step_no, a.attempt_no, f.outcome, f.at, f.summary, f.pid
)
INSERT INTO contact_events (customer_id, at, channel, kind, summary, campaign_id, attempt_id, actor_name, detail)
SELECT m.customer_id, m.at, 'sms', 'contact_outcome', m.summary, m.campaign_id, m.id, NULL,
       json_build_object('outcome', m.outcome, 'providerId', m.pid, 'stepNo', m.step_no, 'attemptNo', m.attempt_no, 'durationSeconds', NULL, 'campaignName', c.name)::text
  FROM moved m JOIN campaigns c ON c.id = m.campaign_id
 WHERE m.outcome IS NOT NULL`;

/** Whether every attempt of `chosen` shows the effects of its sent and final callbacks, exactly. */
export async function effectsExact(client: pg.Client, chosen: FakeMessage[]): Promise<{ exact: boolean; events: number; done: number; wrong: number; timeline: number }> {
  await client.query('CREATE TEMP TABLE IF NOT EXISTS bench_fx (sid text PRIMARY KEY, attempt_id bigint, final text)');
  await client.query('TRUNCATE bench_fx');
  await client.query('INSERT INTO bench_fx SELECT * FROM json_to_recordset($1::json) AS v(sid text, attempt_id bigint, final text)', [
    JSON.stringify(chosen.map((m) => ({ sid: m.sid, attempt_id: Number(m.ref), final: defaultSmsOutcome(m.to) === 'undelivered' ? 'undelivered' : 'delivered' }))),
  ]);
  const { rows: [r] } = await client.query<{ events: string; done: string; wrong: string; timeline: string }>(
    `SELECT (SELECT count(*) FROM provider_events e JOIN bench_fx b ON b.sid = e.provider_id) AS events,
            (SELECT count(*) FROM bench_fx b JOIN contact_attempts a ON a.id = b.attempt_id WHERE a.state = 'done' AND a.outcome = b.final AND a.provider_status = b.final AND a.provider_id = b.sid) AS done,
            (SELECT count(*) FROM bench_fx b JOIN contact_attempts a ON a.id = b.attempt_id WHERE a.state <> 'done' OR a.outcome IS DISTINCT FROM b.final OR a.provider_id IS DISTINCT FROM b.sid) AS wrong,
            (SELECT count(*) FROM contact_events e JOIN bench_fx b ON b.attempt_id = e.attempt_id WHERE e.kind = 'contact_outcome') AS timeline`,
  );
  const x = { events: Number(r.events), done: Number(r.done), wrong: Number(r.wrong), timeline: Number(r.timeline) };
  return { ...x, exact: x.events === 2 * chosen.length && x.done === chosen.length && x.wrong === 0 && x.timeline === 2 * chosen.length };
}

export async function applyExperiment(app: Booted, client: pg.Client, dbName: string, messages: FakeMessage[], perVariant: number, batch = 100): Promise<ApplyVariant[]> {
  const n = Math.min(perVariant, Math.floor(messages.length / 2));
  const sets = [messages.slice(0, n), messages.slice(n, 2 * n)];
  const results: ApplyVariant[] = [];
  const outcomes = app.get(AttemptOutcomes);

  // 1. as the webhook does: AttemptOutcomes.apply, 10 callers at once (it batches them itself)
  {
    const list = events(sets[0]);
    const cpu = new CpuMeter(() => [], client, dbName);
    await cpu.begin();
    const started = performance.now();
    await runPool(list, 10, (e) => {
      const event: ProviderEvent = { providerId: e.m.sid, kind: 'sms', status: e.status, at: new Date(), ref: e.m.ref, errorCode: e.status === 'undelivered' ? '30003' : null, raw: params(e) };
      return outcomes.apply(event, 'callback');
    });
    const seconds = (performance.now() - started) / 1000;
    const report = await cpu.end();
    results.push({ variant: 'AttemptOutcomes.apply (group-committed batches), 10 callers at once', attempts: n, events: list.length, seconds, perSecond: list.length / seconds, cpu: report, exact: (await effectsExact(client, sets[0])).exact });
  }

  // 2. one statement per batch, one batch at a time
  {
    const list = events(sets[1]);
    const cpu = new CpuMeter(() => [], client, dbName);
    await cpu.begin();
    const started = performance.now();
    for (let i = 0; i < list.length; i += batch) {
      const rows = list.slice(i, i + batch).map((e) => {
        const outcome = outcomeOf('sms', e.status);
        const detail = e.status === 'undelivered' ? '运营商错误码 30003' : null;
        return {
          pid: e.m.sid,
          status: e.status,
          rnk: statusRank('sms', e.status),
          at: new Date().toISOString(),
          attempt_id: Number(e.m.ref),
          outcome,
          detail,
          raw: JSON.stringify(params(e)),
          summary: outcome ? outcomeSummary('sms', outcome, null, detail) : null,
        };
      });
      await client.query(BATCH_SQL, [JSON.stringify(rows)]);
    }
    const seconds = (performance.now() - started) / 1000;
    const report = await cpu.end();
    results.push({ variant: `one statement per batch of ${batch}, one batch at a time`, attempts: n, events: list.length, seconds, perSecond: list.length / seconds, cpu: report, exact: (await effectsExact(client, sets[1])).exact });
  }
  return results;
}

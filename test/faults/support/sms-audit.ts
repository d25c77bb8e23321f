// What an operator checks after an SMS campaign went through a fault: every attempt done, each
// holding the one message the carrier created for it, to its customer's phone, with the carrier's
// final status; no attempt and no phone with two messages; no message the database does not know;
// one outcome per attempt on the timeline.
import { expect } from '@jest/globals';
import type { FakeMessage, FakeTwilio } from '../../support/fake-twilio';
import type { Queryable } from './campaign-data';
import { countBy, repeated } from './fault-env';

export interface AuditedAttempt {
  id: number;
  state: string;
  outcome: string | null;
  provider_id: string | null;
  detail: string | null;
  send_tries: number;
  phone: string;
}

export async function attemptsOf(db: Queryable, campaignId: string): Promise<AuditedAttempt[]> {
  const { rows } = await db.query<AuditedAttempt>(
    `SELECT a.id::int AS id, a.state, a.outcome, a.provider_id, a.detail, a.send_tries, c.phone
       FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE a.campaign_id = $1 ORDER BY a.id`,
    [campaignId],
  );
  return rows;
}

/** Attempts of the campaign not settled yet (planned or in flight). */
export async function unsettled(db: Queryable, campaignId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM contact_attempts WHERE campaign_id = $1 AND state IN ('planned', 'in_flight')", [campaignId]);
  return rows[0].n;
}

/**
 * Asserts the campaign's `customers` attempts are all done, one message each at the fake and
 * none twice (by attempt ref and by recipient). Answers the attempts and their outcome counts.
 */
export async function expectEachSentOnce(db: Queryable, campaignId: string, fake: FakeTwilio, customers: number): Promise<{ attempts: AuditedAttempt[]; outcomes: Record<string, number>; receiptsLost: number }> {
  const attempts = await attemptsOf(db, campaignId);
  expect(attempts).toHaveLength(customers);
  const evidence = (list: FakeMessage[]) => list.map((m) => `${m.sid} to ${m.to} ${m.fault ?? 'created'} at ${m.createdAt.toISOString()}`);
  const byAttempt = [...repeated(fake.messages, (m) => m.ref)].map(([ref, list]) => ({ attempt: ref, messages: evidence(list) }));
  const byPhone = [...repeated(fake.messages, (m) => m.to)].map(([to, list]) => ({ to, messages: evidence(list) }));
  expect({ sentTwice: byAttempt.length, examples: byAttempt.slice(0, 5) }).toEqual({ sentTwice: 0, examples: [] });
  expect({ phonesTwice: byPhone.length, examples: byPhone.slice(0, 5) }).toEqual({ phonesTwice: 0, examples: [] });
  const ids = new Set(attempts.map((a) => a.id));
  expect(fake.messages.filter((m) => !ids.has(Number(m.ref))).map((m) => `${m.sid} ref ${m.ref}`).slice(0, 10)).toEqual([]);

  // every attempt done, holding the very message created for it, to its customer's phone
  const message = new Map(fake.messages.map((m) => [Number(m.ref), m]));
  const wrong = attempts.filter((a) => a.state !== 'done' || a.provider_id !== message.get(a.id)?.sid || message.get(a.id)?.to !== a.phone);
  expect(wrong.map((a) => ({ ...a, created: message.get(a.id)?.sid ?? null })).slice(0, 10)).toEqual([]);
  expect(fake.messages).toHaveLength(customers);

  // each outcome is the carrier's final status, or 'sent' when the receipt carrying it was dropped
  // (posted while the app could not store it, and given up on, as Twilio gives up)
  const receiptLost = new Set(fake.droppedCallbacks.filter((d) => d.status === 'delivered' || d.status === 'undelivered').map((d) => d.sid));
  const stale = attempts.filter((a) => {
    const m = message.get(a.id) as FakeMessage;
    return a.outcome !== m.status && !(a.outcome === 'sent' && receiptLost.has(m.sid));
  });
  expect(stale.map((a) => ({ attempt: a.id, outcome: a.outcome, carrier: message.get(a.id)?.status })).slice(0, 10)).toEqual([]);

  // the timeline never shows one outcome twice for an attempt
  const { rows: twice } = await db.query(
    `SELECT e.attempt_id, CAST(e.detail AS json)->>'outcome' AS outcome, count(*)::int AS n FROM contact_events e JOIN contact_attempts a ON a.id = e.attempt_id
      WHERE a.campaign_id = $1 AND e.kind = 'contact_outcome' GROUP BY 1, 2 HAVING count(*) > 1`,
    [campaignId],
  );
  expect(twice).toEqual([]);
  return { attempts, outcomes: countBy(attempts, (a) => a.outcome ?? 'null'), receiptsLost: attempts.filter((a) => a.outcome === 'sent').length };
}

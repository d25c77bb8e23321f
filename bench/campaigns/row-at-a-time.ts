/**
 * The baseline: the same planning decisions made the way a naive service would, one member at a
 * time. For each member it reads the customer, its do-not-contact entries (by customer or by
 * phone) and its counted marketing contacts, asks the pure policy (`evaluatePolicy`) whether and
 * when it may be contacted, and inserts one attempt: four statements per member, each in its own
 * transaction, through the application's DataSource.
 */
import type { DataSource } from 'typeorm';
import { channelClass, type Channel, type ContactPolicySettings, type PolicyRule } from '@app/contracts';
import { query, toDate } from '@app/core';
import { type Campaign, capFreeAt, type DncFact, evaluatePolicy, holdoutBucket, type PlanFacts, type WorkCalendar } from '@app/campaigns';
// the same definitions the SQL gate uses, so the comparison tests the gate, not two wordings
import { channelsOfClass, COUNTED_CONTACT_SQL } from '../../libs/campaigns/src/planning/policy-sql';
import { dncCovers } from '../../libs/campaigns/src/policy/policy-rules';

export interface RowResult {
  members: number;
  /** Members planned here (all of them, or every n-th for a sample). */
  done: number;
  ms: number;
  /** Time inside the three reads, the policy, and the insert. */
  readMs: number;
  policyMs: number;
  insertMs: number;
  counts: { planned: number; skipped: number; holdout: number };
}

interface CustomerRow {
  id: number;
  phone: string | null;
  time_zone: string;
  consent_sms: boolean;
  consent_call: boolean;
}

export async function planRowAtATime(
  ds: DataSource,
  ctx: { campaign: Campaign; channel: Channel; settings: ContactPolicySettings; calendar: WorkCalendar; now: Date },
  sampleEvery: number,
  progress: (done: number, of: number) => void,
): Promise<RowResult> {
  const { campaign, channel, settings, calendar, now } = ctx;
  const started = performance.now();
  const from = new Date(Math.max(now.getTime(), campaign.startsAt.getTime()));
  const cls = channelClass(channel);
  const cap = settings.caps[cls];
  const since = new Date(from.getTime() - cap.days * 86_400_000);
  const snapshotAt = campaign.entryMode === 'snapshot' ? campaign.startedAt : null;
  const all = await query<{ customer_id: number }>(
    ds,
    `SELECT customer_id FROM segment_memberships WHERE segment_id = :segmentId AND exited_at IS NULL${snapshotAt ? ' AND entered_at <= :snapshotAt' : ''} ORDER BY customer_id`,
    { segmentId: campaign.segmentId, snapshotAt },
  );
  const members = all.filter((_, i) => i % sampleEvery === 0).map((m) => Number(m.customer_id));
  const result: RowResult = { members: all.length, done: 0, ms: 0, readMs: 0, policyMs: 0, insertMs: 0, counts: { planned: 0, skipped: 0, holdout: 0 } };

  for (const id of members) {
    const t0 = performance.now();
    const [cu] = await query<CustomerRow>(ds, 'SELECT id, phone, time_zone, consent_sms, consent_call FROM customers WHERE id = :id', { id });
    const dnc = await query<{ channel: DncFact['channel']; scope: DncFact['scope']; reason: string; until: unknown }>(
      ds,
      'SELECT channel, scope, reason, until FROM do_not_contact WHERE (customer_id = :id OR phone = :phone) AND removed_at IS NULL',
      { id, phone: cu.phone },
    );
    const contactRows = await query<{ due_at: unknown }>(
      ds,
      `SELECT a.due_at FROM contact_attempts a WHERE a.customer_id = :id AND a.channel IN (:...channels) AND ${COUNTED_CONTACT_SQL} AND a.due_at > :since`,
      { id, channels: channelsOfClass(channel), since },
    );
    const t1 = performance.now();

    const entries: DncFact[] = dnc.map((d) => ({ channel: d.channel, scope: d.scope, reason: d.reason, until: toDate(d.until) }));
    const contacts = contactRows.map((c) => toDate(c.due_at) as Date);
    const holdout = campaign.holdoutPct > 0 && holdoutBucket(campaign.holdoutSeed, id) < campaign.holdoutPct;
    const consent = campaign.purpose === 'service' || (cls === 'sms' ? cu.consent_sms : cu.consent_call);
    const decision = evaluatePolicy({
      settings,
      calendar,
      channel,
      purpose: campaign.purpose,
      at: from,
      customer: { timeZone: cu.time_zone, consentSms: cu.consent_sms, consentCall: cu.consent_call },
      doNotContact: entries,
      contacts,
      attemptsSoFar: 0,
      campaignWindow: { startsAt: campaign.startsAt, endsAt: campaign.endsAt },
      holdout,
    });
    // the facts behind the decision, stored as the SQL planner stores them
    const blocking = entries.filter((e) => dncCovers(e.channel, channel) && (e.until === null || e.until > from) && (campaign.purpose === 'marketing' || e.scope === 'all'));
    const forever = blocking.some((e) => e.until === null);
    const until = forever || !blocking.length ? null : new Date(Math.max(...blocking.map((e) => (e.until as Date).getTime())));
    const decisive = blocking.find((e) => e.until === null) ?? blocking.find((e) => e.until?.getTime() === until?.getTime());
    const capFree = campaign.purpose === 'marketing' ? capFreeAt(cap, contacts, from) : null;
    const facts: PlanFacts = {
      from: from.toISOString(),
      timeZone: cu.time_zone,
      holdout,
      dnc: forever ? 'forever' : until ? { until: until.toISOString() } : 'none',
      dncEntry: decisive ? { channel: decisive.channel, scope: decisive.scope, reason: decisive.reason } : null,
      consent,
      capFreeAt: capFree?.toISOString() ?? null,
    };
    let state: 'planned' | 'skipped' | 'holdout';
    let due: Date | null = null;
    let reason: PolicyRule | null = null;
    if (holdout) {
      state = 'holdout';
      reason = 'holdout';
    } else if (decision.nextAllowedAt) {
      state = 'planned';
      due = new Date(decision.nextAllowedAt);
    } else {
      // refused: a rule only a person can lift, else no allowed moment before the campaign ends
      const failing = new Set(decision.trace.filter((e) => !e.passed).map((e) => e.rule));
      state = 'skipped';
      reason = forever ? 'do_not_contact' : failing.has('consent') ? 'consent' : failing.has('attempt_limit') ? 'attempt_limit' : 'campaign_window';
    }
    const t2 = performance.now();

    await query(
      ds,
      `INSERT INTO contact_attempts (campaign_id, step_no, customer_id, channel, purpose, attempt_no, state, due_at, reason, trace, planned_at, updated_at)
       VALUES (:campaignId, 1, :id, :channel, :purpose, 1, :state, :due, :reason, :trace, :now, :now)
       ON CONFLICT (campaign_id, step_no, customer_id, attempt_no) DO NOTHING`,
      { campaignId: campaign.id, id, channel, purpose: campaign.purpose, state, due, reason, trace: JSON.stringify(facts), now },
    );
    const t3 = performance.now();
    result.readMs += t1 - t0;
    result.policyMs += t2 - t1;
    result.insertMs += t3 - t2;
    result.counts[state]++;
    result.done++;
    if (result.done % 5000 === 0) progress(result.done, members.length);
  }
  result.ms = performance.now() - started;
  return result;
}

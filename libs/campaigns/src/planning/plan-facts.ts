import type { Channel, ContactPolicySettings, DoNotContactChannel, DoNotContactScope, Purpose } from '@app/contracts';
import { channelClass, DNC_CHANNELS } from '@app/contracts';
import type { PolicyInput } from '../policy/contact-policy';
import type { WorkCalendar } from '../policy/work-calendar';

/**
 * What planning found for one customer, stored on the attempt as it was decided. Reading an
 * attempt replays them through the pure policy to show the trace, so the words a manager reads
 * come from the same rules that the SQL gate applied.
 */
export interface PlanFacts {
  /** The earliest moment planning considered (campaign start, the previous step's outcome plus its delay, or a retry's wait). */
  from: string;
  timeZone: string;
  holdout: boolean;
  /** An active do-not-contact entry: none, one without end, or the last end among them. */
  dnc: 'none' | 'forever' | { until: string };
  /** The entry that decided it (attempts planned before this was kept have none). */
  dncEntry: { channel: DoNotContactChannel; scope: DoNotContactScope; reason: string } | null;
  consent: boolean;
  /** When the frequency cap stops blocking, if it blocked at `from`. */
  capFreeAt: string | null;
}

/** The raw JSON a planning statement wrote (booleans 0/1 on SQLite, timestamps in either driver's text). */
export interface RawPlanFacts {
  from: unknown;
  timeZone: unknown;
  holdout: unknown;
  dncForever: unknown;
  dncUntil: unknown;
  dncChannel?: unknown;
  dncScope?: unknown;
  dncReason?: unknown;
  consent: unknown;
  capFreeAt: unknown;
}

function instant(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value);
  const iso = /[zZ]|[+-]\d\d(:?\d\d)?$/.test(text) ? text : `${text.replace(' ', 'T')}Z`;
  return new Date(iso.replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}

const truthy = (value: unknown) => value === true || value === 1 || value === '1' || value === 't' || value === 'true';

export function normalizeFacts(r: RawPlanFacts): PlanFacts {
  const until = instant(r.dncUntil);
  return {
    from: instant(r.from) ?? new Date(0).toISOString(),
    timeZone: String(r.timeZone),
    holdout: truthy(r.holdout),
    dnc: truthy(r.dncForever) ? 'forever' : until ? { until } : 'none',
    dncEntry:
      (DNC_CHANNELS as readonly unknown[]).includes(r.dncChannel) && (r.dncScope === 'marketing' || r.dncScope === 'all')
        ? { channel: r.dncChannel as DoNotContactChannel, scope: r.dncScope, reason: typeof r.dncReason === 'string' ? r.dncReason : '' }
        : null,
    consent: truthy(r.consent),
    capFreeAt: instant(r.capFreeAt),
  };
}

export interface ReplayContext {
  settings: ContactPolicySettings;
  calendar: WorkCalendar;
  channel: Channel;
  purpose: Purpose;
  attemptNo: number;
  campaignWindow: { startsAt: Date; endsAt: Date | null };
}

/** The policy input that reproduces a planning decision at its `from` moment. */
export function replayInput(facts: PlanFacts, ctx: ReplayContext): PolicyInput {
  const cap = ctx.settings.caps[channelClass(ctx.channel)];
  const capFree = facts.capFreeAt ? new Date(facts.capFreeAt) : null;
  return {
    settings: ctx.settings,
    calendar: ctx.calendar,
    channel: ctx.channel,
    purpose: ctx.purpose,
    at: new Date(facts.from),
    customer: { timeZone: facts.timeZone, consentSms: facts.consent, consentCall: facts.consent },
    doNotContact: facts.dnc === 'none' ? [] : [{ channel: 'all', scope: 'all', reason: '免打扰名单', ...facts.dncEntry, until: facts.dnc === 'forever' ? null : new Date(facts.dnc.until) }],
    // the cap counted `max` contacts, the oldest of them `days` before it frees; under it, planning kept no count
    contacts: capFree ? Array.from({ length: cap.max }, () => new Date(capFree.getTime() - cap.days * 86_400_000)) : null,
    attemptsSoFar: ctx.attemptNo - 1,
    campaignWindow: ctx.campaignWindow,
    holdout: facts.holdout,
  };
}

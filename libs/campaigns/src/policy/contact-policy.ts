import type { Channel, ChannelClass, ContactPolicySettings, PolicyDecision, Purpose, RetryOutcome } from '@app/contracts';
import { channelClass } from '@app/contracts';
import {
  attemptLimitRule,
  calendarRule,
  campaignWindowRule,
  capFreeAt,
  consentRule,
  type DncFact,
  doNotContactRule,
  frequencyCapRule,
  holdoutRule,
  hoursRule,
  type RuleResult,
} from './policy-rules';
import type { WorkCalendar } from './work-calendar';
import { addDays, DAY_MS, minuteOfDay, wallClock, zonedInstant } from './zoned-time';

export { capFreeAt, type DncFact } from './policy-rules';
export { localTime, wallClock, type WallClock } from './zoned-time';

export interface PolicyCustomer {
  timeZone: string;
  consentSms: boolean;
  consentCall: boolean;
}

export interface PolicyInput {
  /** The effective settings, already narrowed by the campaign. */
  settings: ContactPolicySettings;
  calendar: WorkCalendar;
  channel: Channel;
  purpose: Purpose;
  at: Date;
  customer: PolicyCustomer;
  /** Entries for this customer or its phone; expired ones are ignored. */
  doNotContact: readonly DncFact[];
  /**
   * The customer's other counted marketing contacts of the channel's class, past or planned; null
   * when they are not known here, only that they were under the cap (a stored plan replayed).
   */
  contacts: readonly Date[] | null;
  /** Attempts already made at this campaign step. */
  attemptsSoFar?: number;
  campaignWindow?: { startsAt: Date; endsAt: Date | null };
  /** The customer is in the campaign's control group. */
  holdout?: boolean;
}

export interface ContactWindow {
  start: Date;
  end: Date;
}

const DEFAULT_HORIZON_DAYS = 60;
// each pass moves strictly later; this only bounds a pathological list of contacts
const MAX_PASSES = 1000;

/** The allowed windows of a class in a zone that overlap [from, to), in order, as UTC instants. */
export function contactWindows(settings: ContactPolicySettings, calendar: WorkCalendar, cls: ChannelClass, timeZone: string, from: Date, to: Date): ContactWindow[] {
  return [...windowsBetween(settings, calendar, cls, timeZone, from, to)];
}

/** `from` itself when it lies in a window, else the next window's start; null if none within horizonDays. */
export function nextWindowStart(settings: ContactPolicySettings, calendar: WorkCalendar, cls: ChannelClass, timeZone: string, from: Date, horizonDays = DEFAULT_HORIZON_DAYS): Date | null {
  // lazily: the first window is usually a day or two away, not the whole horizon
  const first = windowsBetween(settings, calendar, cls, timeZone, from, new Date(from.getTime() + horizonDays * DAY_MS)).next();
  return first.done ? null : new Date(Math.max(first.value.start.getTime(), from.getTime()));
}

function* windowsBetween(settings: ContactPolicySettings, calendar: WorkCalendar, cls: ChannelClass, timeZone: string, from: Date, to: Date): Generator<ContactWindow> {
  const hours = settings.hours[cls];
  const startMinute = minuteOfDay(hours.start);
  const endMinute = minuteOfDay(hours.end);
  // a campaign narrowed against a later-narrowed global policy may leave no hours at all
  if (startMinute >= endMinute || from >= to) return;
  const lastDate = wallClock(to, timeZone).date;
  for (let date = wallClock(from, timeZone).date; date <= lastDate; date = addDays(date, 1)) {
    if (!calendar.allows(hours.days, date).allowed) continue;
    const start = zonedInstant(date, startMinute, timeZone, 'later');
    const end = zonedInstant(date, endMinute, timeZone, 'earlier');
    if (start < end && end > from && start < to) yield { start, end };
  }
}

/** Minutes until a retry after an outcome, or null: outcome not retried, or attemptsSoFar >= maxAttempts. */
export function retryDelayMinutes(settings: ContactPolicySettings, outcome: RetryOutcome, attemptsSoFar: number): number | null {
  if (attemptsSoFar >= settings.maxAttempts) return null;
  return settings.retryMinutes[outcome] ?? null;
}

/** May this customer be contacted on this channel, for this purpose, at this moment, and why (not)? */
export function evaluatePolicy(input: PolicyInput): PolicyDecision {
  const { settings, calendar, channel, purpose, at, customer } = input;
  const cls = channelClass(channel);
  const zone = customer.timeZone;
  const wall = wallClock(at, zone);
  // every rule runs, so the trace tells the whole story, not just the first refusal
  const results: RuleResult[] = [
    holdoutRule(input.holdout),
    doNotContactRule(input.doNotContact, channel, purpose, at, zone),
    consentRule(customer, channel, purpose),
    attemptLimitRule(input.attemptsSoFar ?? 0, settings.maxAttempts),
    campaignWindowRule(input.campaignWindow, at, zone),
    calendarRule(calendar, settings.hours[cls], cls, wall.date),
    hoursRule(settings.hours[cls], cls, wall, zone),
    frequencyCapRule(settings.caps[cls], input.contacts, cls, purpose, at, zone),
  ];
  const trace = results.map((r) => r.entry);
  const allowed = trace.every((e) => e.passed);
  if (allowed) return { allowed, nextAllowedAt: at.toISOString(), trace };
  if (results.some((r) => r.final)) return { allowed, nextAllowedAt: null, trace };
  const notBefore = Math.max(at.getTime(), ...results.map((r) => r.notBefore?.getTime() ?? 0));
  const next = earliestAllowed(input, cls, new Date(notBefore));
  return { allowed, nextAllowedAt: next ? next.toISOString() : null, trace };
}

/** The first instant from `from` on that lies in a window, before the campaign's end, with the cap free. */
function earliestAllowed(input: PolicyInput, cls: ChannelClass, from: Date): Date | null {
  const { settings, calendar, customer, campaignWindow } = input;
  const cap = settings.caps[cls];
  let t = from;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const start = nextWindowStart(settings, calendar, cls, customer.timeZone, t);
    if (!start || (campaignWindow?.endsAt && start >= campaignWindow.endsAt)) return null;
    const capFree = input.purpose === 'marketing' ? capFreeAt(cap, input.contacts ?? [], start) : null;
    if (!capFree) return start;
    t = capFree;
  }
  return null;
}

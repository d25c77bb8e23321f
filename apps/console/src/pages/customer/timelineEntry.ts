/** What a timeline entry's `detail` says, read defensively: it is free JSON written by several server features. */
import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@app/contracts';
import type { TimelineEntry } from '../../types';

/** The entry as the server may send it: `detail` and the campaign columns ride along when it serves them. */
export type TimelineEntryWithDetail = TimelineEntry & {
  detail?: unknown;
  campaignId?: string | null;
  attemptId?: number | null;
};

/** kind `contact_outcome`: an SMS or call of a campaign and how it ended. */
export interface ContactOutcome {
  outcome: AttemptOutcome | null;
  /** The attempt it belongs to (the carrier's id when the attempt's is not served): an SMS writes 已发送, then 已送达. */
  attemptKey: string | null;
  campaignId: string | null;
  campaignName: string | null;
  stepNo: number | null;
  attemptNo: number | null;
  providerId: string | null;
}

/** kind `inbound_sms`: the customer's reply. */
export interface InboundSms {
  body: string | null;
  optOut: boolean;
  /** What the bank sent back (the opt-out's confirmation). */
  reply: string | null;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function contactOutcome(entry: TimelineEntryWithDetail): ContactOutcome {
  const d = record(entry.detail);
  const outcome = (ATTEMPT_OUTCOMES as readonly unknown[]).includes(d.outcome) ? (d.outcome as AttemptOutcome) : null;
  const attemptId = count(entry.attemptId) ?? count(d.attemptId);
  const providerId = text(d.providerId);
  return {
    outcome,
    attemptKey: attemptId !== null ? `a${attemptId}` : providerId !== null ? `p${providerId}` : null,
    campaignId: text(entry.campaignId) ?? text(d.campaignId),
    campaignName: text(d.campaignName),
    stepNo: count(d.stepNo),
    attemptNo: count(d.attemptNo),
    providerId,
  };
}

export function inboundSms(entry: TimelineEntryWithDetail): InboundSms {
  const d = record(entry.detail);
  return { body: text(d.body), optOut: d.optOut === true, reply: text(d.reply) };
}

/**
 * Newest first, one entry per contact: an SMS's 已发送 gives way to its later 已送达 or 未送达
 * (`sentAt` keeps when it left). Entries of other kinds pass through untouched.
 */
export function latestPerContact(entries: readonly TimelineEntryWithDetail[]): Array<{ entry: TimelineEntryWithDetail; sentAt: string | null }> {
  const sorted = [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id);
  const shown = new Map<string, { entry: TimelineEntryWithDetail; sentAt: string | null }>();
  const out: Array<{ entry: TimelineEntryWithDetail; sentAt: string | null }> = [];
  for (const entry of sorted) {
    const key = entry.kind === 'contact_outcome' ? contactOutcome(entry).attemptKey : null;
    const newer = key ? shown.get(key) : undefined;
    if (newer) {
      if (contactOutcome(entry).outcome === 'sent') newer.sentAt = entry.at;
      continue;
    }
    const row = { entry, sentAt: null };
    if (key) shown.set(key, row);
    out.push(row);
  }
  return out;
}

import { channelClass, CHANNELS, type Channel, type DoNotContactChannel } from '@app/contracts';

/** The do-not-contact channels that close a channel: itself, `call` for either call channel, and `all`. */
export function dncChannelsCovering(channel: Channel): DoNotContactChannel[] {
  return channelClass(channel) === 'call' ? [channel, 'call', 'all'] : [channel, 'all'];
}

/** The channels that share a channel's class: caps count a call as a call, AI or human. */
export function channelsOfClass(channel: Channel): Channel[] {
  return CHANNELS.filter((c) => channelClass(c) === channelClass(channel));
}

/** Outcomes that did not reach the customer: they do not count against a frequency cap. */
export const UNREACHED_OUTCOMES = ['busy', 'no_answer', 'failed', 'canceled', 'undelivered'] as const;
/** The unreached outcomes as an SQL list. */
export const UNREACHED_SQL = UNREACHED_OUTCOMES.map((o) => `'${o}'`).join(', ');

/**
 * An attempt `a` that counts as a marketing contact for frequency caps: planned, in flight, or
 * done with an outcome that reached the customer (the partial index ix_contact_attempts_cap
 * holds exactly the first part).
 */
export const COUNTED_CONTACT_SQL = `a.purpose = 'marketing' AND a.state IN ('planned', 'in_flight', 'done')
  AND (a.state <> 'done' OR a.outcome IS NULL OR a.outcome NOT IN (${UNREACHED_SQL}))`;

/** A live do-not-contact entry `d` at :now for the channels :dncChannels (service contact: scope `all` only). */
export function activeDncSql(purposeIsService: boolean): string {
  return `d.removed_at IS NULL AND (d.until IS NULL OR d.until > :now) AND d.channel IN (:...dncChannels)${purposeIsService ? " AND d.scope = 'all'" : ''}`;
}

import type { Channel, ChannelClass, ContactDays, ContactHours, DoNotContactChannel, DoNotContactScope, FrequencyCap, PolicyRule, PolicyTraceEntry, Purpose } from '@app/contracts';
import { channelClass } from '@app/contracts';
import { type DayInfo, WorkCalendar } from './work-calendar';
import { DAY_MS, dayOfWeek, localStamp, minuteOfDay, type WallClock } from './zoned-time';

/**
 * One rule's finding. A failed rule either needs a person to lift it (`final`) or passes again by
 * itself no earlier than `notBefore` (a do-not-contact with an end, a campaign not yet started, a
 * cap), or, for calendar and hours, at the next contact window.
 */
export interface RuleResult {
  entry: PolicyTraceEntry;
  final?: boolean;
  notBefore?: Date;
}

/** What the policy needs to know of a do-not-contact entry. */
export interface DncFact {
  channel: DoNotContactChannel;
  scope: DoNotContactScope;
  until: Date | null;
  reason: string;
}

function result(rule: PolicyRule, passed: boolean, en: string, zh: string, extra: Omit<RuleResult, 'entry'> = {}): RuleResult {
  return { entry: { rule, passed, detail: { en, zh } }, ...(passed ? {} : extra) };
}

const CHANNEL_TEXT: Record<DoNotContactChannel, { en: string; zh: string }> = {
  sms: { en: 'SMS', zh: '短信' },
  ai_call: { en: 'AI calls', zh: 'AI 外呼' },
  agent_call: { en: 'agent calls', zh: '人工外呼' },
  call: { en: 'calls', zh: '电话' },
  all: { en: 'every channel', zh: '全部渠道' },
};
const CLASS_TEXT: Record<ChannelClass, { en: string; zh: string; hoursEn: string; hoursZh: string; marketingEn: string; marketingZh: string }> = {
  call: { en: 'calls', zh: '外呼', hoursEn: 'calling hours', hoursZh: '外呼时段', marketingEn: 'marketing calls', marketingZh: '营销电话' },
  sms: { en: 'SMS', zh: '短信', hoursEn: 'SMS hours', hoursZh: '短信发送时段', marketingEn: 'marketing SMS', marketingZh: '营销短信' },
};
const DAYS_TEXT: Record<ContactDays, { en: string; zh: string }> = {
  workdays: { en: 'workdays', zh: '工作日' },
  all_but_holidays: { en: 'days other than public holidays', zh: '非法定节假日' },
  every_day: { en: 'every day', zh: '每天' },
};
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function holdoutRule(holdout: boolean | undefined): RuleResult {
  return holdout
    ? result('holdout', false, "In the campaign's control group: not contacted, so the campaign's effect can be measured", '属于活动对照组：不予联系，用于衡量活动效果', { final: true })
    : result('holdout', true, 'Not in the control group', '不在对照组');
}

/** Whether an entry closes a channel: itself, `call` for either call channel, `all` for every one. */
export function dncCovers(entry: DoNotContactChannel, channel: Channel): boolean {
  return entry === channel || entry === 'all' || (entry === 'call' && channelClass(channel) === 'call');
}

export function doNotContactRule(entries: readonly DncFact[], channel: Channel, purpose: Purpose, at: Date, timeZone: string): RuleResult {
  const active = entries.filter((e) => dncCovers(e.channel, channel) && (e.until === null || e.until > at));
  const blocking = active.filter((e) => purpose === 'marketing' || e.scope === 'all');
  const ch = CHANNEL_TEXT[channel];
  if (!blocking.length) {
    return active.length
      ? result('do_not_contact', true, `On the do-not-contact list for marketing ${ch.en} only: service contact is allowed`, `仅列入${ch.zh}营销类免打扰名单：服务类联系不受限制`)
      : result('do_not_contact', true, `Not on the do-not-contact list for ${ch.en}`, `未列入${ch.zh}免打扰名单`);
  }
  const forever = blocking.find((e) => e.until === null);
  const decisive = forever ?? blocking.reduce((a, b) => ((b.until as Date) > (a.until as Date) ? b : a));
  const what = { en: `${CHANNEL_TEXT[decisive.channel].en}, ${decisive.scope === 'all' ? 'all contact' : 'marketing'}`, zh: `${CHANNEL_TEXT[decisive.channel].zh}，${decisive.scope === 'all' ? '全部联系' : '营销类'}` };
  if (decisive.until === null) {
    return result('do_not_contact', false, `On the do-not-contact list (${what.en}) with no end date: ${decisive.reason}`, `已列入免打扰名单（${what.zh}），无截止日期：${decisive.reason}`, { final: true });
  }
  const until = localStamp(decisive.until, timeZone);
  return result('do_not_contact', false, `On the do-not-contact list (${what.en}) until ${until} (${timeZone}): ${decisive.reason}`, `已列入免打扰名单（${what.zh}），至 ${until}（${timeZone}）：${decisive.reason}`, {
    notBefore: decisive.until,
  });
}

export function consentRule(consent: { consentSms: boolean; consentCall: boolean }, channel: Channel, purpose: Purpose): RuleResult {
  if (purpose === 'service') return result('consent', true, 'Service contact needs no marketing consent', '服务类联系无需营销同意');
  const cls = channelClass(channel);
  const given = cls === 'sms' ? consent.consentSms : consent.consentCall;
  const t = CLASS_TEXT[cls];
  return given
    ? result('consent', true, `Consented to ${t.marketingEn}`, `客户已同意接收${t.marketingZh}`)
    : result('consent', false, `No consent to ${t.marketingEn}`, `客户未同意接收${t.marketingZh}`, { final: true });
}

export function attemptLimitRule(attemptsSoFar: number, maxAttempts: number): RuleResult {
  return attemptsSoFar < maxAttempts
    ? result('attempt_limit', true, `Attempt ${attemptsSoFar + 1} of at most ${maxAttempts}`, `第 ${attemptsSoFar + 1} 次尝试，最多 ${maxAttempts} 次`)
    : result('attempt_limit', false, `${attemptsSoFar} of at most ${maxAttempts} attempts already made`, `已尝试 ${attemptsSoFar} 次，已达上限 ${maxAttempts} 次`, { final: true });
}

export function campaignWindowRule(window: { startsAt: Date; endsAt: Date | null } | undefined, at: Date, timeZone: string): RuleResult {
  if (!window) return result('campaign_window', true, 'No campaign dates apply', '不受活动起止时间限制');
  const starts = localStamp(window.startsAt, timeZone);
  const ends = window.endsAt ? localStamp(window.endsAt, timeZone) : null;
  if (at < window.startsAt) {
    return result('campaign_window', false, `The campaign starts ${starts} (${timeZone})`, `活动 ${starts}（${timeZone}）开始`, { notBefore: window.startsAt });
  }
  if (window.endsAt && at >= window.endsAt) return result('campaign_window', false, `The campaign ended ${ends} (${timeZone})`, `活动已于 ${ends}（${timeZone}）结束`, { final: true });
  return ends
    ? result('campaign_window', true, `Within the campaign, ${starts} – ${ends} (${timeZone})`, `在活动期间 ${starts} – ${ends}（${timeZone}）内`)
    : result('campaign_window', true, `Within the campaign, from ${starts} (${timeZone}) with no end`, `在活动期间内，自 ${starts}（${timeZone}）起，无结束时间`);
}

/** What kind of day a date is, and on whose word. */
export function describeDay(info: DayInfo): { en: string; zh: string } {
  const d = info.date;
  const wd = dayOfWeek(d);
  const weekend = wd === 0 || wd === 6;
  const note = (text: string | null) => (text ? ` (${text})` : '');
  const noteZh = (text: string | null) => (text ? `（${text}）` : '');
  switch (info.source) {
    case 'bank':
      return info.workday ? { en: `${d} is a bank workday${note(info.name)}`, zh: `${d} 是本行设定的工作日${noteZh(info.name)}` } : { en: `${d} is a bank holiday${note(info.name)}`, zh: `${d} 是本行设定的休息日${noteZh(info.name)}` };
    case 'weekday_rule': {
      const known = WorkCalendar.knownThrough;
      return weekend
        ? { en: `${d} is past the official calendar (known through ${known}): decided as a weekend day (${WEEKDAY_EN[wd]})`, zh: `${d} 超出官方节假日数据（至 ${known}），按工作日规则判断：${WEEKDAY_ZH[wd]}，非工作日` }
        : { en: `${d} is past the official calendar (known through ${known}): decided as a weekday (${WEEKDAY_EN[wd]})`, zh: `${d} 超出官方节假日数据（至 ${known}），按工作日规则判断：${WEEKDAY_ZH[wd]}，工作日` };
    }
    case 'official':
      if (info.publicHoliday) return { en: `${d} is a public holiday (${info.name})`, zh: `${d} 是法定节假日（${info.name}）` };
      if (info.name) return { en: `${d} is a make-up workday (调休) for ${info.name}`, zh: `${d} 是${info.name}调休上班日` };
      return weekend ? { en: `${d} is a weekend day (${WEEKDAY_EN[wd]})`, zh: `${d} 是周末（${WEEKDAY_ZH[wd]}）` } : { en: `${d} is a workday (${WEEKDAY_EN[wd]})`, zh: `${d} 是工作日（${WEEKDAY_ZH[wd]}）` };
  }
}

export function calendarRule(calendar: WorkCalendar, hours: ContactHours, cls: ChannelClass, date: string): RuleResult {
  const { allowed, info } = calendar.allows(hours.days, date);
  const day = describeDay(info);
  const t = CLASS_TEXT[cls];
  const days = DAYS_TEXT[hours.days];
  return allowed
    ? result('calendar', true, `${day.en}; ${t.en} are allowed on ${days.en}`, `${day.zh}；${t.zh}允许于${days.zh}`)
    : result('calendar', false, `${day.en}; ${t.en} only on ${days.en}`, `${day.zh}；${t.zh}仅限${days.zh}`);
}

export function hoursRule(hours: ContactHours, cls: ChannelClass, wall: WallClock, timeZone: string): RuleResult {
  const inside = wall.seconds >= minuteOfDay(hours.start) * 60 && wall.seconds < minuteOfDay(hours.end) * 60;
  const t = CLASS_TEXT[cls];
  const span = `${hours.start}–${hours.end}`;
  return inside
    ? result('hours', true, `${wall.time} is within ${t.hoursEn} ${span} (${timeZone})`, `${wall.time} 在${t.hoursZh} ${span}（${timeZone}）内`)
    : result('hours', false, `${wall.time} is outside ${t.hoursEn} ${span} (${timeZone})`, `${wall.time} 不在${t.hoursZh} ${span}（${timeZone}）内`);
}

/** The counted contacts: those after at − days, planned future ones included, latest first. */
function countedContacts(cap: FrequencyCap, contacts: readonly Date[], at: Date): number[] {
  const since = at.getTime() - cap.days * DAY_MS;
  return contacts
    .map((c) => c.getTime())
    .filter((t) => t > since)
    .sort((a, b) => b - a);
}

/** When a frequency cap stops blocking: null if `at` is not capped. */
export function capFreeAt(cap: FrequencyCap, contacts: readonly Date[], at: Date): Date | null {
  const counted = countedContacts(cap, contacts, at);
  return counted.length >= cap.max ? new Date(counted[cap.max - 1] + cap.days * DAY_MS) : null;
}

/** `contacts` null: not counted here, only known to be under the cap (a plan replayed for its trace stores no count). */
export function frequencyCapRule(cap: FrequencyCap, contacts: readonly Date[] | null, cls: ChannelClass, purpose: Purpose, at: Date, timeZone: string): RuleResult {
  if (purpose === 'service') return result('frequency_cap', true, 'Service contact is not capped', '服务类联系不受频次限制');
  if (contacts === null) {
    const t = CLASS_TEXT[cls];
    return result('frequency_cap', true, `under the cap of ${cap.max} ${t.marketingEn} in ${cap.days} days`, `未达频次上限（${cap.days} 天内${t.marketingZh}最多 ${cap.max} 次）`);
  }
  const count = countedContacts(cap, contacts, at).length;
  const free = capFreeAt(cap, contacts, at);
  const t = CLASS_TEXT[cls];
  const tally = { en: `${count} of ${cap.max} ${t.marketingEn} in ${cap.days} days`, zh: `${cap.days} 天内${t.marketingZh} ${count} 次，上限 ${cap.max} 次` };
  if (!free) return result('frequency_cap', true, tally.en, tally.zh);
  const when = localStamp(free, timeZone);
  return result('frequency_cap', false, `${tally.en}: free again ${when} (${timeZone})`, `${tally.zh}：${when}（${timeZone}）起可再联系`, { notBefore: free });
}

import { describe, expect, it } from '@jest/globals';
import type { ContactPolicySettings, PolicyDecision, PolicyRule } from '@app/contracts';
import { capFreeAt, contactWindows, type DncFact, evaluatePolicy, nextWindowStart, type PolicyInput, retryDelayMinutes } from './contact-policy';
import { DEFAULT_POLICY } from './policy-settings';
import { WorkCalendar } from './work-calendar';

const SH = 'Asia/Shanghai';
const calendar = new WorkCalendar();
/** A Shanghai wall-clock time as an instant: `sh('2026-03-02T09:00')`. */
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => sh(local).toISOString();

function decide(input: Partial<PolicyInput> & Pick<PolicyInput, 'at'>): PolicyDecision {
  return evaluatePolicy({
    settings: DEFAULT_POLICY,
    calendar,
    channel: 'ai_call',
    purpose: 'marketing',
    customer: { timeZone: SH, consentSms: true, consentCall: true },
    doNotContact: [],
    contacts: [],
    ...input,
  });
}

const failing = (d: PolicyDecision) => d.trace.filter((e) => !e.passed).map((e) => e.rule);
const detail = (d: PolicyDecision, rule: PolicyRule) => d.trace.find((e) => e.rule === rule)?.detail;

describe('evaluatePolicy: hours', () => {
  it('calls from 09:00 up to, not including, 20:00 local time', () => {
    const early = decide({ at: sh('2026-03-02T08:59') });
    expect(early).toMatchObject({ allowed: false, nextAllowedAt: iso('2026-03-02T09:00') });
    expect(failing(early)).toEqual(['hours']);
    expect(detail(early, 'hours')).toEqual({ en: '08:59 is outside calling hours 09:00–20:00 (Asia/Shanghai)', zh: '08:59 不在外呼时段 09:00–20:00（Asia/Shanghai）内' });

    expect(decide({ at: sh('2026-03-02T09:00') })).toMatchObject({ allowed: true, nextAllowedAt: '2026-03-02T01:00:00.000Z' });
    expect(decide({ at: sh('2026-03-02T19:59') })).toMatchObject({ allowed: true, nextAllowedAt: iso('2026-03-02T19:59') });

    const late = decide({ at: sh('2026-03-02T20:00') });
    expect(late).toMatchObject({ allowed: false, nextAllowedAt: '2026-03-03T01:00:00.000Z' });
    expect(failing(late)).toEqual(['hours']);
    expect(detail(late, 'hours')).toEqual({ en: '20:00 is outside calling hours 09:00–20:00 (Asia/Shanghai)', zh: '20:00 不在外呼时段 09:00–20:00（Asia/Shanghai）内' });
  });

  it('sends SMS from 08:00 up to, not including, 21:00 local time', () => {
    const early = decide({ channel: 'sms', at: sh('2026-03-02T07:59') });
    expect(early).toMatchObject({ allowed: false, nextAllowedAt: '2026-03-02T00:00:00.000Z' });
    expect(detail(early, 'hours')?.en).toBe('07:59 is outside SMS hours 08:00–21:00 (Asia/Shanghai)');
    expect(decide({ channel: 'sms', at: sh('2026-03-02T08:00') }).allowed).toBe(true);
    expect(decide({ channel: 'sms', at: sh('2026-03-02T20:59') }).allowed).toBe(true);
    const late = decide({ channel: 'sms', at: sh('2026-03-02T21:00') });
    expect(late).toMatchObject({ allowed: false, nextAllowedAt: '2026-03-03T00:00:00.000Z' });
    expect(failing(late)).toEqual(['hours']);
    expect(detail(late, 'hours')?.zh).toBe('21:00 不在短信发送时段 08:00–21:00（Asia/Shanghai）内');
  });

  it('reads the clock in the customer’s own zone: Urumqi and Shanghai differ at the same instant', () => {
    const at = new Date('2026-03-02T01:30:00Z'); // 09:30 in Shanghai, 07:30 in Urumqi
    expect(decide({ at }).allowed).toBe(true);
    const urumqi = decide({ at, customer: { timeZone: 'Asia/Urumqi', consentSms: true, consentCall: true } });
    expect(urumqi).toMatchObject({ allowed: false, nextAllowedAt: '2026-03-02T03:00:00.000Z' });
    expect(detail(urumqi, 'hours')?.en).toBe('07:30 is outside calling hours 09:00–20:00 (Asia/Urumqi)');
  });
});

describe('evaluatePolicy: calendar', () => {
  it('calls on the make-up workdays (调休) of 2026, Saturdays and Sundays alike', () => {
    for (const date of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      const d = decide({ at: sh(`${date}T10:00`) });
      expect([date, d.allowed]).toEqual([date, true]);
    }
    expect(detail(decide({ at: sh('2026-02-14T10:00') }), 'calendar')).toEqual({
      en: '2026-02-14 is a make-up workday (调休) for 春节; calls are allowed on workdays',
      zh: '2026-02-14 是春节调休上班日；外呼允许于工作日',
    });
  });

  it('refuses calls on an ordinary Saturday and names Monday 09:00 as the next chance', () => {
    const d = decide({ at: sh('2026-03-07T10:00') });
    expect(d).toMatchObject({ allowed: false, nextAllowedAt: iso('2026-03-09T09:00') });
    expect(failing(d)).toEqual(['calendar']);
    expect(detail(d, 'calendar')).toEqual({ en: '2026-03-07 is a weekend day (Saturday); calls only on workdays', zh: '2026-03-07 是周末（星期六）；外呼仅限工作日' });
  });

  it('refuses calls on every day of Spring Festival 2026, until the first workday after it at 09:00', () => {
    for (let day = 15; day <= 23; day++) {
      const d = decide({ at: sh(`2026-02-${day}T10:00`) });
      expect(d).toMatchObject({ allowed: false, nextAllowedAt: iso('2026-02-24T09:00') });
      expect(failing(d)).toEqual(['calendar']);
    }
    expect(detail(decide({ at: sh('2026-02-17T10:00') }), 'calendar')).toEqual({
      en: '2026-02-17 is a public holiday (春节); calls only on workdays',
      zh: '2026-02-17 是法定节假日（春节）；外呼仅限工作日',
    });
  });

  it('refuses SMS on a public holiday, even one falling on a weekend, but sends them on an ordinary weekend', () => {
    const holiday = decide({ channel: 'sms', at: sh('2026-02-17T10:00') });
    expect(holiday).toMatchObject({ allowed: false, nextAllowedAt: iso('2026-02-24T08:00') });
    expect(detail(holiday, 'calendar')?.en).toBe('2026-02-17 is a public holiday (春节); SMS only on days other than public holidays');
    expect(decide({ channel: 'sms', at: sh('2026-02-21T10:00') }).allowed).toBe(false);
    const weekend = decide({ channel: 'sms', at: sh('2026-03-07T10:00') });
    expect(weekend.allowed).toBe(true);
    expect(detail(weekend, 'calendar')?.en).toBe('2026-03-07 is a weekend day (Saturday); SMS are allowed on days other than public holidays');
  });

  it('decides a date past the official data on weekdays, and says so', () => {
    const monday = decide({ at: sh('2027-02-08T10:00') });
    expect(monday.allowed).toBe(true);
    expect(detail(monday, 'calendar')).toEqual({
      en: '2027-02-08 is past the official calendar (known through 2026-12-31): decided as a weekday (Monday); calls are allowed on workdays',
      zh: '2027-02-08 超出官方节假日数据（至 2026-12-31），按工作日规则判断：星期一，工作日；外呼允许于工作日',
    });
    const saturday = decide({ at: sh('2027-02-06T10:00') });
    expect(saturday).toMatchObject({ allowed: false, nextAllowedAt: iso('2027-02-08T09:00') });
    expect(detail(saturday, 'calendar')?.en).toBe('2027-02-06 is past the official calendar (known through 2026-12-31): decided as a weekend day (Saturday); calls only on workdays');
  });

  it("follows the bank's calendar: a weekday made a holiday, a Saturday made a workday", () => {
    const bank = new WorkCalendar([
      { date: '2026-03-04', kind: 'holiday', note: '系统升级' },
      { date: '2026-03-07', kind: 'workday', note: '季末冲刺' },
    ]);
    const wednesday = decide({ calendar: bank, at: sh('2026-03-04T10:00') });
    expect(wednesday).toMatchObject({ allowed: false, nextAllowedAt: iso('2026-03-05T09:00') });
    expect(detail(wednesday, 'calendar')).toEqual({ en: '2026-03-04 is a bank holiday (系统升级); calls only on workdays', zh: '2026-03-04 是本行设定的休息日（系统升级）；外呼仅限工作日' });
    expect(decide({ calendar: bank, channel: 'sms', at: sh('2026-03-04T10:00') }).allowed).toBe(false);
    const saturday = decide({ calendar: bank, at: sh('2026-03-07T10:00') });
    expect(saturday.allowed).toBe(true);
    expect(detail(saturday, 'calendar')?.en).toBe('2026-03-07 is a bank workday (季末冲刺); calls are allowed on workdays');
    // from the Friday evening the bank's Saturday is the next window
    expect(decide({ calendar: bank, at: sh('2026-03-06T20:30') }).nextAllowedAt).toBe(iso('2026-03-07T09:00'));
  });
});

describe('evaluatePolicy: consent and do-not-contact', () => {
  it('needs marketing consent for marketing only', () => {
    const noCalls = { timeZone: SH, consentSms: true, consentCall: false };
    const refused = decide({ customer: noCalls, at: sh('2026-03-02T10:00') });
    expect(refused).toMatchObject({ allowed: false, nextAllowedAt: null });
    expect(failing(refused)).toEqual(['consent']);
    expect(detail(refused, 'consent')).toEqual({ en: 'No consent to marketing calls', zh: '客户未同意接收营销电话' });
    expect(decide({ customer: noCalls, channel: 'sms', at: sh('2026-03-02T10:00') }).allowed).toBe(true);
    const service = decide({ customer: { timeZone: SH, consentSms: false, consentCall: false }, purpose: 'service', at: sh('2026-03-02T10:00') });
    expect(service.allowed).toBe(true);
    expect(detail(service, 'consent')?.en).toBe('Service contact needs no marketing consent');
  });

  const entry = (channel: DncFact['channel'], scope: DncFact['scope'] = 'marketing', until: Date | null = null): DncFact => ({ channel, scope, until, reason: '客户来电拒绝营销' });
  const at = sh('2026-03-02T10:00');

  it("closes a channel per entry: 'sms' leaves calls open, 'call' closes both call channels, 'all' everything", () => {
    const allowedOn = (dnc: DncFact) => (['sms', 'ai_call', 'agent_call'] as const).map((channel) => decide({ channel, at, doNotContact: [dnc] }).allowed);
    expect(allowedOn(entry('sms'))).toEqual([false, true, true]);
    expect(allowedOn(entry('ai_call'))).toEqual([true, false, true]);
    expect(allowedOn(entry('call'))).toEqual([true, false, false]);
    expect(allowedOn(entry('all'))).toEqual([false, false, false]);
    const d = decide({ channel: 'agent_call', at, doNotContact: [entry('call')] });
    expect(d).toMatchObject({ nextAllowedAt: null });
    expect(failing(d)).toEqual(['do_not_contact']);
    expect(detail(d, 'do_not_contact')).toEqual({ en: 'On the do-not-contact list (calls, marketing) with no end date: 客户来电拒绝营销', zh: '已列入免打扰名单（电话，营销类），无截止日期：客户来电拒绝营销' });
  });

  it("lets service contact through a marketing-only entry, not through scope 'all'", () => {
    const marketingOnly = decide({ purpose: 'service', at, doNotContact: [entry('all', 'marketing')] });
    expect(marketingOnly.allowed).toBe(true);
    expect(detail(marketingOnly, 'do_not_contact')?.en).toBe('On the do-not-contact list for marketing AI calls only: service contact is allowed');
    const all = decide({ purpose: 'service', at, doNotContact: [entry('all', 'all')] });
    expect(all).toMatchObject({ allowed: false, nextAllowedAt: null });
    expect(failing(all)).toEqual(['do_not_contact']);
  });

  it('ignores an expired entry and waits for one with an end, then for the next window', () => {
    expect(decide({ at, doNotContact: [entry('all', 'all', sh('2026-03-01T12:00'))] }).allowed).toBe(true);
    const midday = decide({ at, doNotContact: [entry('call', 'marketing', sh('2026-03-10T12:00'))] });
    expect(midday).toMatchObject({ allowed: false, nextAllowedAt: iso('2026-03-10T12:00') });
    expect(detail(midday, 'do_not_contact')?.en).toBe('On the do-not-contact list (calls, marketing) until 2026-03-10 12:00 (Asia/Shanghai): 客户来电拒绝营销');
    // ends on a Friday evening: the Monday morning window
    const friday = decide({ at, doNotContact: [entry('ai_call', 'marketing', sh('2026-03-06T21:00')), entry('all', 'marketing', sh('2026-03-04T00:00'))] });
    expect(friday.nextAllowedAt).toBe(iso('2026-03-09T09:00'));
  });
});

describe('evaluatePolicy: frequency caps', () => {
  it('allows one marketing call in 7 days: the next one 7 days after the last, in a window', () => {
    const d = decide({ at: sh('2026-03-02T10:00'), contacts: [sh('2026-02-27T10:00')] });
    expect(d).toMatchObject({ allowed: false, nextAllowedAt: iso('2026-03-06T10:00') });
    expect(failing(d)).toEqual(['frequency_cap']);
    expect(detail(d, 'frequency_cap')).toEqual({
      en: '1 of 1 marketing calls in 7 days: free again 2026-03-06 10:00 (Asia/Shanghai)',
      zh: '7 天内营销电话 1 次，上限 1 次：2026-03-06 10:00（Asia/Shanghai）起可再联系',
    });
    // called on the make-up Saturday 2026-02-28: free on an ordinary Saturday, so Monday 09:00
    const aligned = decide({ at: sh('2026-03-03T10:00'), contacts: [sh('2026-02-28T10:00')] });
    expect(aligned).toMatchObject({ allowed: false, nextAllowedAt: iso('2026-03-09T09:00') });
  });

  it('counts SMS of every campaign, planned ones too: two in 7 days', () => {
    const at = sh('2026-03-02T10:00');
    const campaignA = sh('2026-02-27T10:00');
    const campaignB = sh('2026-03-01T15:00');
    expect(detail(decide({ channel: 'sms', at, contacts: [campaignA] }), 'frequency_cap')?.en).toBe('1 of 2 marketing SMS in 7 days');
    const d = decide({ channel: 'sms', at, contacts: [campaignA, campaignB] });
    expect(d).toMatchObject({ allowed: false, nextAllowedAt: iso('2026-03-06T10:00') });
    expect(detail(d, 'frequency_cap')?.en).toBe('2 of 2 marketing SMS in 7 days: free again 2026-03-06 10:00 (Asia/Shanghai)');
    const planned = decide({ channel: 'sms', at, contacts: [campaignA, sh('2026-03-04T10:00')] });
    expect(planned).toMatchObject({ allowed: false, nextAllowedAt: iso('2026-03-06T10:00') });
  });

  it('says a stored plan was under the cap, not a count it did not keep (a trace replayed later)', () => {
    const d = decide({ channel: 'sms', at: sh('2026-03-02T10:00'), contacts: null });
    expect(d.allowed).toBe(true);
    expect(detail(d, 'frequency_cap')).toEqual({ en: 'under the cap of 2 marketing SMS in 7 days', zh: '未达频次上限（7 天内营销短信最多 2 次）' });
  });

  it('does not cap service contact', () => {
    const d = decide({ purpose: 'service', at: sh('2026-03-02T10:00'), contacts: [sh('2026-03-01T10:00'), sh('2026-03-02T09:00')] });
    expect(d.allowed).toBe(true);
    expect(detail(d, 'frequency_cap')).toEqual({ en: 'Service contact is not capped', zh: '服务类联系不受频次限制' });
  });

  it('capFreeAt counts contacts after at − days and frees at the max-th latest + days', () => {
    const at = sh('2026-03-09T10:00');
    expect(capFreeAt({ max: 1, days: 7 }, [sh('2026-03-02T10:00')], at)).toBeNull(); // exactly 7 days ago
    expect(capFreeAt({ max: 1, days: 7 }, [sh('2026-03-02T10:01')], at)?.toISOString()).toBe(iso('2026-03-09T10:01'));
    expect(capFreeAt({ max: 2, days: 7 }, [sh('2026-03-08T10:00'), sh('2026-03-04T10:00'), sh('2026-03-03T10:00')], at)?.toISOString()).toBe(iso('2026-03-11T10:00'));
  });
});

describe('evaluatePolicy: attempts, campaign, holdout', () => {
  const at = sh('2026-03-02T10:00');

  it('stops at the attempt limit', () => {
    expect(detail(decide({ at, attemptsSoFar: 2 }), 'attempt_limit')?.en).toBe('Attempt 3 of at most 3');
    const d = decide({ at, attemptsSoFar: 3 });
    expect(d).toMatchObject({ allowed: false, nextAllowedAt: null });
    expect(failing(d)).toEqual(['attempt_limit']);
    expect(detail(d, 'attempt_limit')).toEqual({ en: '3 of at most 3 attempts already made', zh: '已尝试 3 次，已达上限 3 次' });
  });

  it('waits for the campaign to start and gives up once it has ended', () => {
    const before = decide({ at, campaignWindow: { startsAt: sh('2026-03-07T00:00'), endsAt: null } });
    expect(before).toMatchObject({ allowed: false, nextAllowedAt: iso('2026-03-09T09:00') });
    expect(failing(before)).toEqual(['campaign_window']);
    const ended = decide({ at, campaignWindow: { startsAt: sh('2026-02-01T00:00'), endsAt: sh('2026-03-02T00:00') } });
    expect(ended).toMatchObject({ allowed: false, nextAllowedAt: null });
    expect(detail(ended, 'campaign_window')?.en).toBe('The campaign ended 2026-03-02 00:00 (Asia/Shanghai)');
    // Friday evening, and the campaign ends before Monday's window
    const noWindowLeft = decide({ at: sh('2026-03-06T20:30'), campaignWindow: { startsAt: sh('2026-03-01T00:00'), endsAt: sh('2026-03-09T00:00') } });
    expect(noWindowLeft).toMatchObject({ allowed: false, nextAllowedAt: null });
    expect(failing(noWindowLeft)).toEqual(['hours']);
  });

  it('keeps the control group out', () => {
    expect(detail(decide({ at }), 'holdout')?.en).toBe('Not in the control group');
    const d = decide({ at, holdout: true });
    expect(d).toMatchObject({ allowed: false, nextAllowedAt: null });
    expect(failing(d)).toEqual(['holdout']);
  });

  it('evaluates every rule, in order, even after the first refusal', () => {
    const d = decide({ at: sh('2026-03-07T22:00'), holdout: true, customer: { timeZone: SH, consentSms: true, consentCall: false } });
    expect(d.trace.map((e) => e.rule)).toEqual(['holdout', 'do_not_contact', 'consent', 'attempt_limit', 'campaign_window', 'calendar', 'hours', 'frequency_cap']);
    expect(failing(d)).toEqual(['holdout', 'consent', 'calendar', 'hours']);
    expect(d.nextAllowedAt).toBeNull();
  });
});

describe('contact windows', () => {
  it('lists the allowed windows around Spring Festival as UTC instants', () => {
    const windows = contactWindows(DEFAULT_POLICY, calendar, 'call', SH, sh('2026-02-13T12:00'), sh('2026-02-25T00:00'));
    expect(windows.map((w) => [w.start.toISOString(), w.end.toISOString()])).toEqual([
      [iso('2026-02-13T09:00'), iso('2026-02-13T20:00')],
      [iso('2026-02-14T09:00'), iso('2026-02-14T20:00')],
      [iso('2026-02-24T09:00'), iso('2026-02-24T20:00')],
    ]);
  });

  it('follows a zone across its clock change', () => {
    const everyDay: ContactPolicySettings = { ...DEFAULT_POLICY, hours: { ...DEFAULT_POLICY.hours, call: { start: '09:00', end: '20:00', days: 'every_day' } } };
    const starts = contactWindows(everyDay, calendar, 'call', 'Europe/Berlin', new Date('2026-03-28T00:00:00Z'), new Date('2026-03-30T00:00:00Z')).map((w) => w.start.toISOString());
    expect(starts).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z']);
  });

  it('answers `from` inside a window, the next start outside, null past the horizon', () => {
    expect(nextWindowStart(DEFAULT_POLICY, calendar, 'call', SH, sh('2026-03-02T10:15'))?.toISOString()).toBe(iso('2026-03-02T10:15'));
    expect(nextWindowStart(DEFAULT_POLICY, calendar, 'call', SH, sh('2026-03-06T20:00'))?.toISOString()).toBe(iso('2026-03-09T09:00'));
    expect(nextWindowStart(DEFAULT_POLICY, calendar, 'call', SH, sh('2026-03-06T20:00'), 2)).toBeNull();
  });
});

describe('retryDelayMinutes', () => {
  it('waits per outcome, never retries a null outcome, stops at the attempt limit', () => {
    expect(retryDelayMinutes(DEFAULT_POLICY, 'busy', 1)).toBe(30);
    expect(retryDelayMinutes(DEFAULT_POLICY, 'no_answer', 2)).toBe(120);
    expect(retryDelayMinutes(DEFAULT_POLICY, 'failed', 1)).toBeNull();
    expect(retryDelayMinutes(DEFAULT_POLICY, 'undelivered', 1)).toBeNull();
    expect(retryDelayMinutes(DEFAULT_POLICY, 'busy', 3)).toBeNull();
  });
});

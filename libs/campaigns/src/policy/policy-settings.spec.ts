import { describe, expect, it } from '@jest/globals';
import type { ContactPolicySettings } from '@app/contracts';
import { contactWindows, evaluatePolicy } from './contact-policy';
import { DEFAULT_POLICY, effectivePolicy, validateOverrides, validateSettings } from './policy-settings';
import { WorkCalendar } from './work-calendar';

const copy = (): ContactPolicySettings => structuredClone(DEFAULT_POLICY);

function settingsErrors(input: unknown) {
  const check = validateSettings(input);
  return check.ok ? [] : check.errors;
}

function overrideErrors(input: unknown, global: ContactPolicySettings = DEFAULT_POLICY) {
  const check = validateOverrides(input, global);
  return check.ok ? [] : check.errors;
}

describe('DEFAULT_POLICY', () => {
  it('is valid and cannot be changed in place', () => {
    expect(validateSettings(DEFAULT_POLICY)).toEqual({ ok: true, settings: DEFAULT_POLICY });
    expect(() => {
      (DEFAULT_POLICY.hours.call as { start: string }).start = '07:00';
    }).toThrow(TypeError);
  });
});

describe('validateSettings', () => {
  it('names the JSON path of each bad value', () => {
    const s = copy();
    const bad = {
      hours: { call: { ...s.hours.call, start: '9:00' }, sms: { ...s.hours.sms, end: '24:30', days: 'weekdays' } },
      caps: { call: { max: 0, days: 7 }, sms: { max: 2, days: 91 } },
      maxAttempts: 11,
      retryMinutes: { ...s.retryMinutes, busy: 0, failed: 10_081 },
    };
    expect(settingsErrors(bad)).toEqual([
      { field: 'settings.hours.call.start', message: 'must be a time HH:mm from 00:00 to 24:00' },
      { field: 'settings.hours.sms.end', message: 'must be a time HH:mm from 00:00 to 24:00' },
      { field: 'settings.hours.sms.days', message: 'must be one of workdays, all_but_holidays, every_day' },
      { field: 'settings.caps.call.max', message: 'must be a whole number from 1 to 100' },
      { field: 'settings.caps.sms.days', message: 'must be a whole number of days from 1 to 90' },
      { field: 'settings.maxAttempts', message: 'must be a whole number from 1 to 10' },
      { field: 'settings.retryMinutes.busy', message: 'must be a whole number of minutes from 1 to 10080, or null (never retry)' },
      { field: 'settings.retryMinutes.failed', message: 'must be a whole number of minutes from 1 to 10080, or null (never retry)' },
    ]);
  });

  it('wants the start before the end, 24:00 allowed as an end', () => {
    const s = copy();
    s.hours.call = { start: '20:00', end: '09:00', days: 'workdays' };
    expect(settingsErrors(s)).toEqual([{ field: 'settings.hours.call.end', message: 'must be after the start (20:00)' }]);
    s.hours.call = { start: '00:00', end: '24:00', days: 'every_day' };
    expect(settingsErrors(s)).toEqual([]);
  });

  it('refuses unknown and missing keys: the settings are complete', () => {
    const s = copy() as unknown as Record<string, unknown>;
    delete s.maxAttempts;
    s.quietHours = true;
    delete (s.hours as Record<string, unknown>).sms;
    delete (s.retryMinutes as Record<string, unknown>).undelivered;
    (s.caps as Record<string, Record<string, unknown>>).call.perDay = 1;
    expect(settingsErrors(s)).toEqual([
      { field: 'settings.quietHours', message: 'is not a setting (hours, caps, maxAttempts, retryMinutes)' },
      { field: 'settings.maxAttempts', message: 'is required' },
      { field: 'settings.hours.sms', message: 'is required' },
      { field: 'settings.caps.call.perDay', message: 'is not a setting (max, days)' },
      { field: 'settings.retryMinutes.undelivered', message: 'is required' },
    ]);
    expect(settingsErrors(null)).toEqual([{ field: 'settings', message: 'must be an object' }]);
    expect(validateSettings([], 'body')).toEqual({ ok: false, errors: [{ field: 'body', message: 'must be an object' }] });
  });
});

describe('validateOverrides', () => {
  it('accepts a partial narrowing and returns only what was given', () => {
    const input = { hours: { call: { start: '10:00' } }, caps: { sms: { max: 1 } }, retryMinutes: { busy: 60, no_answer: null } };
    expect(validateOverrides(input, DEFAULT_POLICY)).toEqual({ ok: true, overrides: input });
    expect(validateOverrides({}, DEFAULT_POLICY)).toEqual({ ok: true, overrides: {} });
  });

  it("refuses every widening with its path and the bank's value", () => {
    const wide = {
      hours: { call: { start: '08:00', end: '21:00', days: 'all_but_holidays' }, sms: { days: 'every_day' } },
      caps: { call: { max: 2, days: 3 } },
      maxAttempts: 5,
      retryMinutes: { busy: 10, failed: 60 },
    };
    expect(overrideErrors(wide)).toEqual([
      { field: 'policy.hours.call.start', message: "would widen the bank's policy, whose calls start at 09:00" },
      { field: 'policy.hours.call.end', message: "would widen the bank's policy, whose calls end at 20:00" },
      { field: 'policy.hours.call.days', message: "would widen the bank's policy, whose calls are allowed on workdays" },
      { field: 'policy.hours.sms.days', message: "would widen the bank's policy, whose SMS are allowed on all_but_holidays" },
      { field: 'policy.caps.call.max', message: "would widen the bank's policy, which allows at most 1 marketing calls in 7 days" },
      { field: 'policy.caps.call.days', message: "would widen the bank's policy, which counts marketing calls over 7 days" },
      { field: 'policy.maxAttempts', message: "would widen the bank's policy, which allows at most 3 attempts" },
      { field: 'policy.retryMinutes.busy', message: "would widen the bank's policy, which waits 30 minutes after busy" },
      { field: 'policy.retryMinutes.failed', message: "would widen the bank's policy, which never retries after failed" },
    ]);
  });

  it('checks formats, unknown keys and an empty window against the bank’s hours', () => {
    expect(validateOverrides({ caps: { sms: { max: 1.5 } }, hours: { fax: {} } }, DEFAULT_POLICY, 'campaign.policy')).toEqual({
      ok: false,
      errors: [
        { field: 'campaign.policy.hours.fax', message: 'is not a setting (call, sms)' },
        { field: 'campaign.policy.caps.sms.max', message: 'must be a whole number from 1 to 100' },
      ],
    });
    expect(overrideErrors({ hours: { call: { start: '20:00' } } })).toEqual([{ field: 'policy.hours.call.start', message: 'must be before the end (20:00)' }]);
    expect(overrideErrors({ hours: { sms: { start: '12:00', end: '11:00' } } })).toEqual([{ field: 'policy.hours.sms.end', message: 'must be after the start (12:00)' }]);
    expect(overrideErrors('strict')).toEqual([{ field: 'policy', message: 'must be an object' }]);
  });
});

describe('effectivePolicy', () => {
  it('intersects the bank policy and the campaign overrides', () => {
    const effective = effectivePolicy(DEFAULT_POLICY, { hours: { call: { start: '10:00', days: 'workdays' }, sms: { end: '18:00', days: 'workdays' } }, caps: { sms: { max: 1, days: 14 } }, maxAttempts: 2, retryMinutes: { busy: 60, no_answer: null } });
    expect(effective).toEqual({
      hours: { call: { start: '10:00', end: '20:00', days: 'workdays' }, sms: { start: '08:00', end: '18:00', days: 'workdays' } },
      caps: { call: { max: 1, days: 7 }, sms: { max: 1, days: 14 } },
      maxAttempts: 2,
      retryMinutes: { busy: 60, no_answer: null, failed: null, undelivered: null },
    });
  });

  it('never ends up wider after the bank narrows its policy later', () => {
    const overrides = { hours: { call: { start: '09:30', end: '19:00' }, sms: { days: 'workdays' as const } }, caps: { call: { days: 10 } }, maxAttempts: 3, retryMinutes: { busy: 45, no_answer: 180 } };
    expect(validateOverrides(overrides, DEFAULT_POLICY).ok).toBe(true);
    const narrowed = copy();
    narrowed.hours.call = { start: '10:00', end: '18:00', days: 'workdays' };
    narrowed.caps.call = { max: 1, days: 14 };
    narrowed.maxAttempts = 2;
    narrowed.retryMinutes = { busy: 60, no_answer: null, failed: null, undelivered: null };
    expect(effectivePolicy(narrowed, overrides)).toEqual({
      hours: { call: { start: '10:00', end: '18:00', days: 'workdays' }, sms: { start: '08:00', end: '21:00', days: 'workdays' } },
      caps: { call: { max: 1, days: 14 }, sms: { max: 2, days: 7 } },
      maxAttempts: 2,
      retryMinutes: { busy: 60, no_answer: null, failed: null, undelivered: null },
    });
  });

  it('leaves no hours at all when the narrowed bank hours and the campaign hours no longer meet', () => {
    const narrowed = copy();
    narrowed.hours.call = { start: '09:00', end: '18:00', days: 'workdays' };
    const effective = effectivePolicy(narrowed, { hours: { call: { start: '19:00' } } });
    expect(effective.hours.call).toEqual({ start: '19:00', end: '18:00', days: 'workdays' });
    const calendar = new WorkCalendar();
    const at = new Date('2026-03-02T11:30:00Z'); // Monday 19:30 in Shanghai
    expect(contactWindows(effective, calendar, 'call', 'Asia/Shanghai', at, new Date('2026-03-30T00:00:00Z'))).toEqual([]);
    const d = evaluatePolicy({ settings: effective, calendar, channel: 'agent_call', purpose: 'service', at, customer: { timeZone: 'Asia/Shanghai', consentSms: false, consentCall: false }, doNotContact: [], contacts: [] });
    expect(d).toMatchObject({ allowed: false, nextAllowedAt: null });
    expect(d.trace.find((e) => e.rule === 'hours')?.passed).toBe(false);
  });
});

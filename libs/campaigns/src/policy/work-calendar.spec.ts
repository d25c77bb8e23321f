import { describe, expect, it } from '@jest/globals';
import { WorkCalendar } from './work-calendar';

// These facts are chinese-days 1.5.7's data; a newer release that publishes 2027 moves knownThrough.
describe('WorkCalendar', () => {
  const calendar = new WorkCalendar();

  it('knows the official data through the end of its last published year', () => {
    expect(WorkCalendar.knownThrough).toBe('2026-12-31');
    expect(calendar.day('2026-12-31').source).toBe('official');
    expect(calendar.day('2027-01-01')).toEqual({ date: '2027-01-01', workday: true, publicHoliday: false, name: null, source: 'weekday_rule' });
  });

  it('names a public holiday and its make-up workdays (调休), and tells a weekend from a holiday', () => {
    expect(calendar.day('2026-02-17')).toEqual({ date: '2026-02-17', workday: false, publicHoliday: true, name: '春节', source: 'official' });
    // a Saturday inside the Spring Festival break is part of the holiday, not a mere weekend
    expect(calendar.day('2026-02-21')).toMatchObject({ workday: false, publicHoliday: true, name: '春节' });
    expect(calendar.day('2026-02-14')).toEqual({ date: '2026-02-14', workday: true, publicHoliday: false, name: '春节', source: 'official' });
    expect(calendar.day('2026-09-20')).toMatchObject({ workday: true, publicHoliday: false, name: '国庆节' });
    expect(calendar.day('2026-03-07')).toEqual({ date: '2026-03-07', workday: false, publicHoliday: false, name: null, source: 'official' });
    expect(calendar.day('2026-03-02')).toEqual({ date: '2026-03-02', workday: true, publicHoliday: false, name: null, source: 'official' });
  });

  it('decides each kind of contact days', () => {
    const allowed = (date: string) => (['workdays', 'all_but_holidays', 'every_day'] as const).map((days) => calendar.allows(days, date).allowed);
    expect(allowed('2026-03-02')).toEqual([true, true, true]); // an ordinary Monday
    expect(allowed('2026-03-07')).toEqual([false, true, true]); // an ordinary Saturday
    expect(allowed('2026-02-14')).toEqual([true, true, true]); // a make-up Saturday
    expect(allowed('2026-02-17')).toEqual([false, false, true]); // Spring Festival
    expect(allowed('2027-02-06')).toEqual([false, true, true]); // past the data: a Saturday like any other
  });

  it("lets the bank's own entries win over the official data and the weekday rule", () => {
    const bank = new WorkCalendar([
      { date: '2026-03-04', kind: 'holiday', note: '系统升级' },
      { date: '2026-03-07', kind: 'workday', note: '' },
      { date: '2026-10-05', kind: 'workday', note: '季末冲刺' },
      { date: '2027-02-08', kind: 'holiday', note: '春节' },
    ]);
    expect(bank.day('2026-03-04')).toEqual({ date: '2026-03-04', workday: false, publicHoliday: true, name: '系统升级', source: 'bank' });
    expect(bank.day('2026-03-07')).toEqual({ date: '2026-03-07', workday: true, publicHoliday: false, name: null, source: 'bank' });
    expect(bank.allows('all_but_holidays', '2026-10-05').allowed).toBe(true);
    expect(bank.allows('workdays', '2027-02-08')).toMatchObject({ allowed: false, info: { source: 'bank', publicHoliday: true } });
  });
});

import { describe, expect, it } from '@jest/globals';
import { detailPairs, detailValue, formatAddress, formatAuditTime, policyChange, shanghaiDayRange } from '../../apps/console/src/pages/audit/auditFormat';

describe('audit entries as an admin reads them', () => {
  it('shows the time to the second in Shanghai', () => {
    expect(formatAuditTime('2026-11-24T02:30:05.123Z')).toBe('2026-11-24 10:30:05');
    expect(formatAuditTime('2026-11-24T16:00:00Z')).toBe('2026-11-25 00:00:00');
    expect(formatAuditTime(null)).toBe('—');
  });

  it('turns picked Shanghai days into from (inclusive) and to (the next midnight)', () => {
    expect(shanghaiDayRange('2026-11-24', '2026-11-24')).toEqual({ from: '2026-11-24T00:00:00+08:00', to: '2026-11-25T00:00:00+08:00' });
    expect(shanghaiDayRange('2026-11-30', '2026-12-31')).toEqual({ from: '2026-11-30T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' });
  });

  it('reduces a contact policy change to what changed, before and after', () => {
    const policy = {
      hours: { call: { start: '09:00', end: '20:00', days: 'workdays' }, sms: { start: '08:00', end: '21:00', days: 'all_but_holidays' } },
      caps: { call: { max: 1, days: 7 }, sms: { max: 2, days: 7 } },
      maxAttempts: 3,
      retryMinutes: { busy: 30, no_answer: 120, failed: null },
    };
    const after = { ...policy, hours: { ...policy.hours, call: { start: '09:00', end: '21:00', days: 'every_day' } }, maxAttempts: 4, retryMinutes: { ...policy.retryMinutes, busy: 60 } };
    expect(policyChange({ before: policy, after })).toEqual({
      before: { hours: { call: policy.hours.call }, maxAttempts: 3, retryMinutes: { busy: 30 } },
      after: { hours: { call: after.hours.call }, maxAttempts: 4, retryMinutes: { busy: 60 } },
    });
    expect(policyChange({ before: policy, after: policy })).toEqual({ before: {}, after: {} });
    expect(policyChange({ name: '积分提醒' })).toBeNull();
    expect(policyChange(null)).toBeNull();
  });

  it('writes the detail as readable key/value pairs', () => {
    const labels: Record<string, string> = { name: '名称', branchCode: '网点' };
    expect(detailPairs({ name: '积分提醒', branchCode: null, rows: 3, optOut: true, fields: ['phone', 'name'], before: { a: 1 } }, (k) => labels[k] ?? k)).toEqual([
      { key: '名称', value: '积分提醒' },
      { key: '网点', value: '—' },
      { key: 'rows', value: '3' },
      { key: 'optOut', value: '是' },
      { key: 'fields', value: 'phone、name' },
      { key: 'before', value: '{"a":1}' },
    ]);
    expect(detailPairs(null, (k) => k)).toEqual([]);
    expect(detailValue(false, ['yes', 'no'])).toBe('no');
    const statuses: Record<string, string> = { draft: '草稿', running: '进行中' };
    const word = (key: string, value: unknown) => (key === 'branchCode' && value === null ? '全部网点' : key === 'to' || key === 'from' ? statuses[String(value)] : undefined);
    expect(detailPairs({ from: 'draft', to: 'running', branchCode: null, other: 'x' }, (k) => k, undefined, word).map((p) => p.value)).toEqual(['草稿', '进行中', '全部网点', 'x']);
  });

  it('shows an IPv4 client without its IPv6 wrapping', () => {
    expect(formatAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(formatAddress('10.8.1.20')).toBe('10.8.1.20');
    expect(formatAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(formatAddress(null)).toBe('—');
  });
});

import { describe, expect, it } from '@jest/globals';
import type { SegmentRule } from '@app/contracts';
import { FIELD_CATALOG, fieldViews } from './field-catalog';
import { addDays, compileRule, type CompileContext } from './rule-compiler';
import { validateRule } from './rule-validator';
import { findTemplate, LIFECYCLE_TEMPLATES, ruleFromTemplate } from './templates';

const pg: CompileContext = { dialect: 'postgres', asOf: '2026-11-23', history: { 30: '2026-10-24' } };
const lite: CompileContext = { ...pg, dialect: 'sqlite' };

function errorsOf(input: unknown): Array<{ path: string; message: string }> {
  const check = validateRule(input);
  return check.ok ? [] : check.errors;
}

describe('validateRule', () => {
  it('accepts every template rule as it is', () => {
    for (const t of LIFECYCLE_TEMPLATES) expect(errorsOf(t.rule)).toEqual([]);
  });

  it('names the JSON path of an unknown field, a bad operator and a value of the wrong type', () => {
    const rule = {
      and: [
        { field: 'tier', op: '>=', value: 3 },
        { field: 'shoeSize', op: '=', value: 42 },
        { field: 'avgDailyBalance', op: '>=', value: '五万' },
        { field: 'onlineBankingActivated', op: '>', value: true },
      ],
    };
    expect(errorsOf(rule)).toEqual([
      { path: 'rule.and[1].field', message: 'unknown field "shoeSize"' },
      { path: 'rule.and[2].value', message: 'must be an amount in yuan' },
      { path: 'rule.and[3].op', message: 'must be one of =, != for onlineBankingActivated' },
    ]);
  });

  it('refuses money with more than two decimals, a tier out of range and a bad date', () => {
    expect(errorsOf({ field: 'avgDailyBalance', op: '>', value: 1.005 })).toEqual([{ path: 'rule.value', message: 'must have at most two decimals (yuan)' }]);
    expect(errorsOf({ field: 'tier', op: 'in', value: [1, 7] })).toEqual([{ path: 'rule.value[1]', message: 'must be a whole number from 0 to 5' }]);
    expect(errorsOf({ field: 'openedAt', op: 'between', value: ['2026-02-30', '2026-03-01'] })).toEqual([{ path: 'rule.value[0]', message: 'must be a date YYYY-MM-DD' }]);
    expect(errorsOf({ field: 'openedAt', op: 'between', value: ['2026-03-02', '2026-03-01'] })).toEqual([{ path: 'rule.value', message: 'must be in order: from is not after to' }]);
  });

  it('wants a look-back only on history fields, and "never" only on fields that can be empty', () => {
    expect(errorsOf({ field: 'balanceChangePct', op: '<=', value: -30 })[0].path).toBe('rule.days');
    expect(errorsOf({ field: 'balanceChangePct', op: '<=', value: -30, days: 120 })[0]).toEqual({ path: 'rule.days', message: 'must be a whole number of days from 1 to 90' });
    expect(errorsOf({ field: 'tier', op: '=', value: 3, days: 7 })).toEqual([{ path: 'rule.days', message: 'is not used by tier' }]);
    expect(errorsOf({ field: 'openedAt', op: 'never' })[0].path).toBe('rule.op');
    expect(errorsOf({ field: 'lastTxnAt', op: 'never', value: 3 })).toEqual([{ path: 'rule.value', message: 'takes no value with "never"' }]);
  });

  it('refuses malformed groups with their path', () => {
    expect(errorsOf({ and: [] })).toEqual([{ path: 'rule.and', message: 'must be a non-empty list of rules' }]);
    expect(errorsOf({ and: [{ field: 'tier', op: '=', value: 1 }], or: [] })[0].path).toBe('rule');
    expect(errorsOf({ not: [{ field: 'tier', op: '=', value: 1 }] })).toEqual([{ path: 'rule.not', message: 'must be an object: a condition or an and / or / not group' }]);
    expect(errorsOf({ field: 'tier', op: '=', value: 1, extra: 1 })).toEqual([{ path: 'rule.extra', message: 'is not part of a condition (field, op, value, days)' }]);
    expect(errorsOf(null)[0].path).toBe('rule');
    let deep: unknown = { field: 'tier', op: '=', value: 1 };
    for (let i = 0; i < 9; i++) deep = { not: deep };
    expect(errorsOf(deep)[0].message).toBe('nests deeper than 8 groups');
  });
});

describe('compileRule', () => {
  it('never splices a value into the SQL text', () => {
    const rule: SegmentRule = {
      and: [
        { field: 'companyName', op: '=', value: "x'; DROP TABLE customers; --" },
        { field: 'branchCode', op: 'in', value: ['310101', '310102'] },
        { field: 'avgDailyBalance', op: '>=', value: 123456.78 },
      ],
    };
    const compiled = compileRule(rule, pg);
    expect(compiled.where).not.toContain('DROP');
    expect(compiled.where).not.toContain('310101');
    expect(compiled.where).not.toContain('12345678');
    expect(Object.values(compiled.params)).toEqual(expect.arrayContaining(["x'; DROP TABLE customers; --", ['310101', '310102'], 12345678]));
  });

  it('turns "days since" into a comparison of the date column itself', () => {
    const compiled = compileRule({ field: 'daysSinceLastTxn', op: '>=', value: 180 }, pg);
    expect(compiled.where).toBe('(c.last_txn_at IS NOT NULL AND c.last_txn_at <= :r0)');
    expect(compiled.params.r0).toBe('2026-05-27');
    const until = compileRule({ field: 'daysUntilPointsExpire', op: 'between', value: [0, 30] }, lite);
    expect(until.where).toBe('(c.points_expire_at IS NOT NULL AND c.points_expire_at BETWEEN :r0 AND :r1)');
    expect([until.params.r0, until.params.r1]).toEqual(['2026-11-23', '2026-12-23']);
  });

  it('compares percentages by multiplication and joins the history snapshot it needs', () => {
    const compiled = compileRule(findTemplate('key_slipping')!.rule, pg);
    expect(compiled.joins).toEqual(['LEFT JOIN customer_daily h30 ON h30.customer_id = c.id AND h30.feed_date = :r3']);
    expect(compiled.params.r3).toBe('2026-10-24');
    expect(compiled.where).toContain('(c.avg_daily_balance_fen - h30.avg_daily_balance_fen) * 100 <= CAST(:r2 AS numeric) * h30.avg_daily_balance_fen');
    expect(compileRule(findTemplate('key_slipping')!.rule, lite).where).toContain('* 100 <= :r2 * h30.avg_daily_balance_fen');
  });

  it('puts a whole-number bigint test before each numeric percentage test on PostgreSQL, one the exact test implies', () => {
    const share = compileRule({ field: 'balanceShareOfNextTier', op: 'between', value: [80.5, 99.5] }, pg);
    const num = 'c.avg_daily_balance_fen * 100';
    const den = 'c.next_tier_threshold_fen';
    expect(share.where).toBe(
      `(${den} IS NOT NULL AND ${den} > 0 AND ${num} >= CAST(:r0w AS bigint) * ${den} AND ${num} >= CAST(:r0 AS numeric) * ${den} AND ${num} <= CAST(:r1w AS bigint) * ${den} AND ${num} <= CAST(:r1 AS numeric) * ${den})`,
    );
    // rounded away from the bound: down for >=, up for <=
    expect([share.params.r0w, share.params.r1w]).toEqual([80, 100]);
    expect(compileRule({ field: 'balanceShareOfNextTier', op: '<', value: -30.5 }, pg).params.r0w).toBe(-30);
    // beyond ±9000 % the product could leave bigint: the numeric test stands alone, as on SQLite
    expect(compileRule({ field: 'balanceShareOfNextTier', op: '>', value: 20000 }, pg).where).not.toContain('bigint');
    expect(compileRule({ field: 'balanceShareOfNextTier', op: '>', value: 80 }, lite).where).toBe(`(${den} IS NOT NULL AND ${den} > 0 AND ${num} > :r0 * ${den})`);
  });

  it('shows each used field once, with an expression per database', () => {
    const compiled = compileRule(findTemplate('dormant')!.rule, lite);
    expect(compiled.select.map((s) => s.key)).toEqual(['daysSinceLastTxn', 'lastTxnAt', 'daysSinceOpening']);
    expect(compiled.select[0].sql).toBe('CAST(julianday(:rAsOf) - julianday(c.last_txn_at) AS INTEGER)');
  });

  it('makes "not" the exact complement even for fields that can be empty', () => {
    expect(compileRule({ not: { field: 'lastTxnAt', op: '!=', value: '2026-01-01' } }, pg).where).toBe('NOT ((c.last_txn_at IS NOT NULL AND c.last_txn_at <> :r0))');
  });

  it('counts calendar days across month and leap-year ends', () => {
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('templates', () => {
  it('has the six lifecycle keys, each parameter pointing at a number in its rule', () => {
    expect(LIFECYCLE_TEMPLATES.map((t) => t.key)).toEqual(['new_account', 'dormant', 'points_expiring', 'near_upgrade', 'key_slipping', 'online_banking_inactive']);
    for (const t of LIFECYCLE_TEMPLATES) {
      for (const p of t.parameters) {
        const { rule, errors } = ruleFromTemplate(t, { [p.key]: p.default === p.max ? p.min : p.default + 1 });
        expect(errors).toEqual([]);
        expect(JSON.stringify(rule)).not.toBe(JSON.stringify(t.rule));
      }
    }
  });

  it('applies a changed parameter and refuses a bad one by name', () => {
    expect(ruleFromTemplate(findTemplate('new_account')!, { days: 45 }).rule).toEqual({ field: 'openedAt', op: 'within_last_days', value: 45 });
    expect(ruleFromTemplate(findTemplate('new_account')!, { days: -1, colour: 1 }).errors.map((e) => e.path)).toEqual(['parameters.colour', 'parameters.days']);
  });
});

describe('field catalog', () => {
  it('labels every field in Chinese and English and hides its SQL from the API view', () => {
    for (const f of FIELD_CATALOG) expect(f.label.zh && f.label.en).toBeTruthy();
    expect(JSON.stringify(fieldViews())).not.toContain('c.');
  });
});

import type { RuleCondition, RuleValue, SegmentOperator, SegmentRule } from '@app/contracts';
import { type FieldDefinition, findField } from './field-catalog';

export interface RuleError {
  /** Where the fault is, as a JSON path from the request body: `rule.and[2].value`. */
  path: string;
  message: string;
}

export type RuleCheck = { ok: true; rule: SegmentRule } | { ok: false; errors: RuleError[] };

export const RULE_LIMITS = { depth: 8, conditions: 100, groupSize: 50, listSize: 1000, days: 36_500, textLength: 200 } as const;

const CONDITION_KEYS = new Set(['field', 'op', 'value', 'days']);
const GROUP_KEYS = ['and', 'or', 'not'] as const;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_FEN = 1e15;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isValidDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

type ScalarCheck = (value: unknown) => string | null;

function wholeNumber(min: number, max: number): ScalarCheck {
  return (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `must be a whole number from ${min} to ${max}`);
}

/** Checks one scalar value of a field; answers the problem or null. */
function scalarCheck(field: FieldDefinition): ScalarCheck {
  switch (field.type) {
    case 'string':
    case 'branch':
      return (v) => (typeof v === 'string' && v.trim() !== '' && v.length <= RULE_LIMITS.textLength ? null : `must be text of 1 to ${RULE_LIMITS.textLength} characters`);
    case 'integer':
      return field.range ? wholeNumber(field.range.min, field.range.max) : wholeNumber(-1e12, 1e12);
    case 'money':
      return (v) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be an amount in yuan';
        if (Math.abs(Math.round(v * 100) - v * 100) > 1e-6) return 'must have at most two decimals (yuan)';
        return Math.abs(v * 100) < MAX_FEN ? null : 'is too large';
      };
    case 'date':
      return (v) => (typeof v === 'string' && isValidDate(v) ? null : 'must be a date YYYY-MM-DD');
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? null : 'must be true or false');
    case 'days':
      return wholeNumber(0, RULE_LIMITS.days);
    case 'percent':
      return (v) => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e6 ? null : 'must be a percentage (a number)');
  }
}

function checkValue(field: FieldDefinition, op: SegmentOperator, value: unknown, path: string, errors: RuleError[]): void {
  const check = scalarCheck(field);
  switch (op) {
    case 'is_empty':
    case 'never':
      if (value !== undefined) errors.push({ path, message: `takes no value with "${op}"` });
      return;
    case 'within_last_days':
    case 'within_next_days':
    case 'more_than_days_ago': {
      const problem = wholeNumber(0, RULE_LIMITS.days)(value);
      if (value === undefined) errors.push({ path, message: 'is required: a number of days' });
      else if (problem) errors.push({ path, message: `${problem} (days)` });
      return;
    }
    case 'in': {
      if (!Array.isArray(value) || value.length === 0) {
        errors.push({ path, message: 'must be a non-empty list' });
        return;
      }
      if (value.length > RULE_LIMITS.listSize) {
        errors.push({ path, message: `must list at most ${RULE_LIMITS.listSize} values` });
        return;
      }
      value.forEach((item, i) => {
        const problem = check(item);
        if (problem) errors.push({ path: `${path}[${i}]`, message: problem });
      });
      return;
    }
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) {
        errors.push({ path, message: 'must be a list of two values [from, to]' });
        return;
      }
      const problems = value.map((item, i) => ({ i, problem: check(item) })).filter((p) => p.problem);
      for (const p of problems) errors.push({ path: `${path}[${p.i}]`, message: p.problem as string });
      if (!problems.length && (value[0] as number | string) > (value[1] as number | string)) errors.push({ path, message: 'must be in order: from is not after to' });
      return;
    }
    default: {
      if (value === undefined) {
        errors.push({ path, message: 'is required' });
        return;
      }
      const problem = check(value);
      if (problem) errors.push({ path, message: problem });
    }
  }
}

function checkCondition(node: Record<string, unknown>, path: string, errors: RuleError[]): RuleCondition | undefined {
  for (const key of Object.keys(node)) {
    if (!CONDITION_KEYS.has(key)) errors.push({ path: `${path}.${key}`, message: 'is not part of a condition (field, op, value, days)' });
  }
  if (typeof node.field !== 'string') {
    errors.push({ path: `${path}.field`, message: 'is required: a field of the catalog' });
    return undefined;
  }
  const field = findField(node.field);
  if (!field) {
    errors.push({ path: `${path}.field`, message: `unknown field "${node.field}"` });
    return undefined;
  }
  if (typeof node.op !== 'string' || !field.operators.includes(node.op as SegmentOperator)) {
    errors.push({ path: `${path}.op`, message: `must be one of ${field.operators.join(', ')} for ${field.key}` });
    return undefined;
  }
  const op = node.op as SegmentOperator;
  const before = errors.length;
  checkValue(field, op, node.value, `${path}.value`, errors);
  if (field.lookBack) {
    const { min, max } = field.lookBack;
    if (node.days === undefined) errors.push({ path: `${path}.days`, message: `is required for ${field.key}: the look-back in days (${min}–${max})` });
    else if (wholeNumber(min, max)(node.days)) errors.push({ path: `${path}.days`, message: `must be a whole number of days from ${min} to ${max}` });
  } else if (node.days !== undefined) {
    errors.push({ path: `${path}.days`, message: `is not used by ${field.key}` });
  }
  if (errors.length > before) return undefined;
  const condition: RuleCondition = { field: field.key, op };
  if (node.value !== undefined) condition.value = (op === 'in' || op === 'between' ? [...(node.value as Array<string | number>)] : node.value) as RuleValue;
  if (field.lookBack) condition.days = node.days as number;
  return condition;
}

/**
 * Checks a rule as it comes from a request and answers a normalized copy, or every fault with
 * its JSON path. A rule that passes always compiles.
 */
export function validateRule(input: unknown, path = 'rule'): RuleCheck {
  const errors: RuleError[] = [];
  let conditions = 0;

  const visit = (node: unknown, at: string, depth: number): SegmentRule | undefined => {
    if (!isObject(node)) {
      errors.push({ path: at, message: 'must be an object: a condition or an and / or / not group' });
      return undefined;
    }
    if (depth > RULE_LIMITS.depth) {
      errors.push({ path: at, message: `nests deeper than ${RULE_LIMITS.depth} groups` });
      return undefined;
    }
    const groups = GROUP_KEYS.filter((k) => k in node);
    if (groups.length === 0) {
      conditions += 1;
      return checkCondition(node, at, errors);
    }
    if (groups.length > 1 || Object.keys(node).length > 1) {
      errors.push({ path: at, message: 'a group has exactly one key: and, or or not' });
      return undefined;
    }
    const key = groups[0];
    if (key === 'not') {
      const inner = visit(node.not, `${at}.not`, depth + 1);
      return inner && { not: inner };
    }
    const children = node[key];
    if (!Array.isArray(children) || children.length === 0) {
      errors.push({ path: `${at}.${key}`, message: 'must be a non-empty list of rules' });
      return undefined;
    }
    if (children.length > RULE_LIMITS.groupSize) {
      errors.push({ path: `${at}.${key}`, message: `must hold at most ${RULE_LIMITS.groupSize} rules` });
      return undefined;
    }
    const out = children.map((child, i) => visit(child, `${at}.${key}[${i}]`, depth + 1));
    if (out.some((r) => r === undefined)) return undefined;
    return key === 'and' ? { and: out as SegmentRule[] } : { or: out as SegmentRule[] };
  };

  const rule = visit(input, path, 1);
  if (conditions > RULE_LIMITS.conditions) errors.unshift({ path, message: `has ${conditions} conditions; at most ${RULE_LIMITS.conditions}` });
  return errors.length || !rule ? { ok: false, errors } : { ok: true, rule };
}

/** Every condition of a rule, depth first. */
export function conditionsOf(rule: SegmentRule): RuleCondition[] {
  if ('and' in rule) return rule.and.flatMap(conditionsOf);
  if ('or' in rule) return rule.or.flatMap(conditionsOf);
  if ('not' in rule) return conditionsOf(rule.not);
  return [rule];
}

/** The catalog keys a rule uses, each once, in order of appearance. */
export function fieldsOf(rule: SegmentRule): string[] {
  return [...new Set(conditionsOf(rule).map((c) => c.field))];
}

/** The history look-backs (days) a rule needs, each once, ascending. */
export function lookBacksOf(rule: SegmentRule): number[] {
  const days = conditionsOf(rule).flatMap((c) => (c.days === undefined ? [] : [c.days]));
  return [...new Set(days)].sort((a, b) => a - b);
}

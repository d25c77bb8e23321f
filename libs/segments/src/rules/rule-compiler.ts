import type { RuleCondition, SegmentFieldType, SegmentRule } from '@app/contracts';
import { type FieldDefinition, type FieldSql, findField } from './field-catalog';
import { conditionsOf, lookBacksOf } from './rule-validator';

export type SqlDialect = 'postgres' | 'sqlite';

export interface CompileContext {
  dialect: SqlDialect;
  /** The bank's calendar day that relative dates count from (YYYY-MM-DD). */
  asOf: string;
  /** For each look-back in days, the daily-history feed date to compare with (null: no history). */
  history: Readonly<Record<number, string | null>>;
  /** Prefix of the named parameters, so a compiled rule can sit beside other parameters. */
  paramPrefix?: string;
}

export interface CompiledRule {
  /** One boolean SQL predicate over the customers row `c` (and the joins), `:name` parameters. */
  where: string;
  /** LEFT JOINs of the daily history the predicate reads; none for most rules. */
  joins: string[];
  params: Record<string, unknown>;
  /** The fields the rule uses, with an expression that shows each one's value. */
  select: Array<{ key: string; type: SegmentFieldType; sql: string }>;
}

/** A calendar date N days from another (UTC arithmetic on YYYY-MM-DD, no zone surprises). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const historyAlias = (days: number): string => `h${days}`;

/**
 * Turns a validated rule into one parameterized SQL predicate. Every value travels as a named
 * parameter; only catalog SQL and operators appear in the text. Each condition is two-valued
 * (a NULL reads as false), so `not` is the exact complement on both databases.
 */
export function compileRule(rule: SegmentRule, ctx: CompileContext): CompiledRule {
  const prefix = ctx.paramPrefix ?? 'r';
  const params: Record<string, unknown> = {};
  let next = 0;
  const param = (value: unknown): string => {
    const name = `${prefix}${next++}`;
    params[name] = value;
    return `:${name}`;
  };
  const list = (values: unknown[]): string => {
    const name = `${prefix}${next++}`;
    params[name] = values;
    return `:...${name}`;
  };
  const asOfName = `${prefix}AsOf`;
  params[asOfName] = ctx.asOf;
  const numeric = (placeholder: string): string => (ctx.dialect === 'postgres' ? `CAST(${placeholder} AS numeric)` : placeholder);
  const resolve = (sql: string, days?: number): string => (days === undefined ? sql : sql.replaceAll('{h}', historyAlias(days)));

  const columnCondition = (field: FieldDefinition, column: string, c: RuleCondition): string => {
    const scale = (v: unknown): unknown => (field.type === 'money' ? Math.round((v as number) * 100) : v);
    const v = c.value;
    switch (c.op) {
      case '=':
        return `${column} = ${param(scale(v))}`;
      case '!=':
        return `${column} <> ${param(scale(v))}`;
      case '<':
      case '<=':
      case '>':
      case '>=':
        return `${column} ${c.op} ${param(scale(v))}`;
      case 'in':
        return `${column} IN (${list((v as unknown[]).map(scale))})`;
      case 'between': {
        const [from, to] = v as unknown[];
        return `${column} BETWEEN ${param(scale(from))} AND ${param(scale(to))}`;
      }
      case 'is_empty':
        return field.type === 'string' ? `(${column} IS NULL OR ${column} = '')` : `${column} IS NULL`;
      case 'never':
        return `${column} IS NULL`;
      case 'within_last_days':
        return `${column} BETWEEN ${param(addDays(ctx.asOf, -(v as number)))} AND :${asOfName}`;
      case 'within_next_days':
        return `${column} BETWEEN :${asOfName} AND ${param(addDays(ctx.asOf, v as number))}`;
      case 'more_than_days_ago':
        return `${column} < ${param(addDays(ctx.asOf, -(v as number)))}`;
    }
  };

  /** "days since X op n" compares X itself with the date n days away, so an index on X serves it. */
  const daysCondition = (column: string, direction: 'since' | 'until', c: RuleCondition): string => {
    const sign = direction === 'since' ? -1 : 1;
    const at = (n: unknown): string => param(addDays(ctx.asOf, sign * (n as number)));
    // Counting back in time turns "more days" into "an earlier date".
    const flip: Record<string, string> = direction === 'since' ? { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } : { '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
    switch (c.op) {
      case '=':
        return `${column} = ${at(c.value)}`;
      case '!=':
        return `${column} <> ${at(c.value)}`;
      case '<':
      case '<=':
      case '>':
      case '>=':
        return `${column} ${flip[c.op]} ${at(c.value)}`;
      case 'between': {
        const [from, to] = c.value as number[];
        return direction === 'since' ? `${column} BETWEEN ${at(to)} AND ${at(from)}` : `${column} BETWEEN ${at(from)} AND ${at(to)}`;
      }
      case 'is_empty':
        return `${column} IS NULL`;
      default:
        throw new Error(`Operator ${c.op} does not apply to a day count`);
    }
  };

  /** A percentage num/den compared by multiplication: no division, no rounding, den > 0 required. */
  const ratioCondition = (numerator: string, denominator: string, c: RuleCondition): string => {
    const defined = `${denominator} IS NOT NULL AND ${denominator} > 0`;
    const cmp = (op: string, v: unknown): string => {
      const placeholder = param(v);
      const exact = `${numerator} * 100 ${op} ${numeric(placeholder)} * ${denominator}`;
      const bound = wholeBound(placeholder, op, v as number);
      return bound ? `${numerator} * 100 ${op} ${bound} * ${denominator} AND ${exact}` : exact;
    };
    switch (c.op) {
      case '<':
      case '<=':
      case '>':
      case '>=':
        return `(${defined} AND ${cmp(c.op, c.value)})`;
      case 'between': {
        const [from, to] = c.value as number[];
        return `(${defined} AND ${cmp('>=', from)} AND ${cmp('<=', to)})`;
      }
      case 'is_empty':
        return `NOT (${defined})`;
      default:
        throw new Error(`Operator ${c.op} does not apply to a percentage`);
    }
  };

  /**
   * PostgreSQL multiplies numeric several times slower than bigint. With den > 0, `x op v·den`
   * implies `x op w·den` for w = v rounded away from the bound (down for > and >=, up for < and
   * <=), so that bigint test goes first and the exact numeric one runs only on the rows it lets
   * through. |w| ≤ 9000 keeps w·den in bigint: the feed caps amounts below 10^15 fen.
   */
  const wholeBound = (placeholder: string, op: string, v: number): string | undefined => {
    if (ctx.dialect !== 'postgres' || Math.abs(v) > 9000) return undefined;
    const name = `${placeholder.slice(1)}w`;
    params[name] = op.startsWith('>') ? Math.floor(v) : Math.ceil(v);
    return `CAST(:${name} AS bigint)`;
  };

  const condition = (c: RuleCondition): string => {
    const field = findField(c.field);
    if (!field) throw new Error(`Unknown field ${c.field}: validate the rule before compiling it`);
    const sql = field.sql;
    const emptyTest = c.op === 'is_empty' || c.op === 'never';
    let text: string;
    let guardColumn: string | undefined;
    switch (sql.kind) {
      case 'column':
        text = columnCondition(field, sql.column, c);
        guardColumn = sql.column;
        break;
      case 'days':
        text = daysCondition(sql.column, sql.direction, c);
        guardColumn = sql.column;
        break;
      case 'ratio':
        return ratioCondition(resolve(sql.numerator, c.days), resolve(sql.denominator, c.days), c);
    }
    // `x <> 5` is NULL, not true, when x is NULL; the guard makes it false so NOT flips it cleanly.
    return field.nullable && !emptyTest ? `(${guardColumn} IS NOT NULL AND ${text})` : text;
  };

  const node = (r: SegmentRule): string => {
    if ('and' in r) return r.and.length === 1 ? node(r.and[0]) : `(${r.and.map(node).join(' AND ')})`;
    if ('or' in r) return r.or.length === 1 ? node(r.or[0]) : `(${r.or.map(node).join(' OR ')})`;
    if ('not' in r) return `NOT (${node(r.not)})`;
    return condition(r);
  };

  const where = node(rule);
  const joins = lookBacksOf(rule).map((days) => {
    const alias = historyAlias(days);
    return `LEFT JOIN customer_daily ${alias} ON ${alias}.customer_id = c.id AND ${alias}.feed_date = ${param(ctx.history[days] ?? null)}`;
  });
  return { where, joins, params, select: displayColumns(rule, ctx.dialect, `:${asOfName}`) };
}

/**
 * One display column per field the rule uses; a history field used with several look-backs
 * shows each, keyed `balanceChangePct(7)`.
 */
function displayColumns(rule: SegmentRule, dialect: SqlDialect, asOf: string): CompiledRule['select'] {
  const seen = new Map<string, Set<number | undefined>>();
  for (const c of conditionsOf(rule)) {
    const days = seen.get(c.field) ?? new Set();
    days.add(c.days);
    seen.set(c.field, days);
  }
  return [...seen].flatMap(([key, lookBacks]) => {
    const field = findField(key) as FieldDefinition;
    return [...lookBacks].map((days) => ({
      key: lookBacks.size > 1 ? `${key}(${days})` : key,
      type: field.type,
      sql: displaySql(field.sql, dialect, asOf, days),
    }));
  });
}

/** The expression that shows a field's value in a sample row. */
function displaySql(sql: FieldSql, dialect: SqlDialect, asOf: string, days: number | undefined): string {
  switch (sql.kind) {
    case 'column':
      return sql.column;
    case 'days': {
      const [later, earlier] = sql.direction === 'since' ? [asOf, sql.column] : [sql.column, asOf];
      return dialect === 'postgres'
        ? `(CAST(${later} AS date) - CAST(${earlier} AS date))`
        : `CAST(julianday(${later}) - julianday(${earlier}) AS INTEGER)`;
    }
    case 'ratio': {
      const resolve = (s: string): string => (days === undefined ? s : s.replaceAll('{h}', historyAlias(days)));
      return `ROUND(${resolve(sql.numerator)} * 100.0 / NULLIF(${resolve(sql.denominator)}, 0), 1)`;
    }
  }
}

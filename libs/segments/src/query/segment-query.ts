import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SegmentFieldType, SegmentRule } from '@app/contracts';
import { AppConfig, Clock, isPostgres, localDate, query, toDateOnly } from '@app/core';
import { addDays, compileRule, type CompiledRule } from '../rules/rule-compiler';
import { lookBacksOf, validateRule } from '../rules/rule-validator';
import { SegmentsException } from '../segments.exception';

export interface SegmentSql extends CompiledRule {
  asOf: string;
  /** `customers c` with the history joins the rule needs. */
  from: string;
}

/** A value as a sample row shows it, the same on both databases. */
export function displayValue(type: SegmentFieldType, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'boolean':
      return value === true || value === 1 || value === '1' || value === 't';
    case 'date':
      return toDateOnly(value);
    case 'string':
    case 'branch':
      return String(value);
    default:
      return Number(value);
  }
}

/**
 * Turns rules into SQL against the live database: checks the rule, finds the bank's calendar day
 * and the history snapshot each look-back compares with, and compiles.
 */
@Injectable()
export class SegmentQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The bank's calendar day, which relative rules count from. */
  today(): string {
    return localDate(this.clock.now(), this.config.DEFAULT_TIME_ZONE);
  }

  /** A rule from a request, normalized; 400 naming each fault's path otherwise. */
  parse(input: unknown, path = 'rule'): SegmentRule {
    const check = validateRule(input, path);
    if (!check.ok) throw SegmentsException.invalidRule(check.errors.map((e) => ({ field: e.path, message: e.message })));
    return check.rule;
  }

  async compile(rule: SegmentRule, runner: DataSource | EntityManager = this.dataSource): Promise<SegmentSql> {
    const asOf = this.today();
    const history: Record<number, string | null> = {};
    for (const days of lookBacksOf(rule)) {
      // the last feed on or before that day: feeds skip weekends and holidays
      const [row] = await query<{ d: unknown }>(runner, 'SELECT max(feed_date) AS d FROM customer_daily WHERE feed_date <= :d', { d: addDays(asOf, -days) });
      history[days] = toDateOnly(row?.d);
    }
    const compiled = compileRule(rule, { dialect: isPostgres(runner) ? 'postgres' : 'sqlite', asOf, history });
    return { ...compiled, asOf, from: ['customers c', ...compiled.joins].join(' ') };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SegmentPreview } from '@app/contracts';
import { type BranchScope, branchCondition, EVERY_BRANCH, query } from '@app/core';
import { displayValue, SegmentQuery } from './segment-query';

export const PREVIEW_SAMPLE_SIZE = 20;
/** How many of the lowest customer ids the first look at the sample reads, at most. */
const SAMPLE_WINDOW = 20_000;

/**
 * How many customers a rule picks right now, and a few of them: fast enough to follow typing.
 * A user of one branch counts and sees that branch's customers only.
 */
@Injectable()
export class SegmentPreviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly segmentQuery: SegmentQuery,
  ) {}

  async preview(input: unknown, scope: BranchScope = EVERY_BRANCH): Promise<SegmentPreview> {
    const started = performance.now();
    const rule = this.segmentQuery.parse(input);
    const compiled = await this.segmentQuery.compile(rule);
    const inScope = branchCondition(scope, 'c.branch_code');
    const sql = scope.branchCode === null ? compiled : { ...compiled, where: `(${compiled.where}) AND ${inScope.sql}`, params: { ...compiled.params, ...inScope.params } };
    const shown = sql.select.map((s, i) => `, ${s.sql} AS f${i}`).join('');
    const columns = `c.id, c.customer_no, c.company_name${shown}`;
    const lowest = `(SELECT * FROM customers ORDER BY id LIMIT ${SAMPLE_WINDOW}) c`;
    // The sample is the first matches by id. Read in id order over the whole table it costs a full
    // scan when matches are few or only among later ids (new accounts), so the first look stops
    // after the lowest ids; it runs beside the count (two pool connections on PostgreSQL).
    const [counted, early] = await Promise.all([
      query<{ n: number }>(this.dataSource, `SELECT count(*) AS n FROM ${sql.from} WHERE ${sql.where}`, sql.params),
      query<Record<string, unknown>>(this.dataSource, `SELECT ${columns} FROM ${[lowest, ...sql.joins].join(' ')} WHERE ${sql.where} ORDER BY c.id LIMIT ${PREVIEW_SAMPLE_SIZE}`, sql.params),
    ]);
    const count = Number(counted[0]?.n ?? 0);
    // Otherwise the rule runs by its best plan and the lowest ids are kept (`+ 0`: not in id order)
    const rows =
      early.length === PREVIEW_SAMPLE_SIZE || early.length === count
        ? early
        : await query<Record<string, unknown>>(this.dataSource, `SELECT ${columns} FROM ${sql.from} WHERE ${sql.where} ORDER BY c.id + 0 LIMIT ${PREVIEW_SAMPLE_SIZE}`, sql.params);
    return {
      count,
      sample: rows.map((r) => ({
        id: Number(r.id),
        customerNo: String(r.customer_no),
        companyName: String(r.company_name),
        fields: Object.fromEntries(sql.select.map((s, i) => [s.key, displayValue(s.type, r[`f${i}`])])),
      })),
      asOf: sql.asOf,
      ms: Math.round(performance.now() - started),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SegmentPreview } from '@app/contracts';
import { query } from '@app/core';
import { displayValue, SegmentQuery } from './segment-query';

export const PREVIEW_SAMPLE_SIZE = 20;

/** How many customers a rule picks right now, and a few of them: fast enough to follow typing. */
@Injectable()
export class SegmentPreviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly segmentQuery: SegmentQuery,
  ) {}

  async preview(input: unknown): Promise<SegmentPreview> {
    const started = performance.now();
    const rule = this.segmentQuery.parse(input);
    const sql = await this.segmentQuery.compile(rule);
    const shown = sql.select.map((s, i) => `, ${s.sql} AS f${i}`).join('');
    // count and sample run side by side (two pool connections on PostgreSQL)
    const [counted, rows] = await Promise.all([
      query<{ n: number }>(this.dataSource, `SELECT count(*) AS n FROM ${sql.from} WHERE ${sql.where}`, sql.params),
      query<Record<string, unknown>>(this.dataSource, `SELECT c.id, c.customer_no, c.company_name${shown} FROM ${sql.from} WHERE ${sql.where} ORDER BY c.id LIMIT ${PREVIEW_SAMPLE_SIZE}`, sql.params),
    ]);
    return {
      count: Number(counted[0]?.n ?? 0),
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

import { type CallEndings, type Channel, CONVERSATION_OUTCOME_ZH, type ConversationOutcome, type Disposition, DISPOSITIONS, type GroupConversion } from '@app/contracts';

/** part / whole to four decimals (0.1234 = 12.34%); nothing of nothing is 0, not NaN. */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

export function conversion(customers: number, converted: number): GroupConversion {
  return { customers, converted, rate: ratio(converted, customers) };
}

/** The treated rate minus the control rate, in percentage points to two decimals. */
export function upliftPts(treated: GroupConversion, holdout: GroupConversion): number {
  return Math.round((treated.rate - holdout.rate) * 10_000) / 100;
}

/** A rate as a CSV cell Excel reads as a percentage: 0.1234 → 12.3%; no denominator → empty. */
export function percentCell(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '';
}

export type EndingKind = 'ai' | 'agent';

/** One grouped count of how a step's answered calls ended: a code of the kind, or null when nothing is recorded yet. */
export interface EndingCount {
  kind: EndingKind;
  code: string | null;
  /** As the driver gives it (PostgreSQL's bigint count arrives as a string). */
  customers: number | string;
}

/** A step's endings from its grouped counts (none for an SMS step). */
export function endingsOf(counts: readonly EndingCount[]): CallEndings {
  const endings: CallEndings = { ai: {}, agent: {}, open: 0 };
  for (const { kind, code, customers } of counts) {
    const n = Number(customers);
    if (code === null) endings.open += n;
    else if (kind === 'ai') endings.ai[code as ConversationOutcome] = (endings.ai[code as ConversationOutcome] ?? 0) + n;
    else endings.agent[code as Disposition] = (endings.agent[code as Disposition] ?? 0) + n;
  }
  return endings;
}

/** What a results row is grouped by: its step, channel and (grouped by branch) branch. */
export interface ResultRowKey {
  branch_code?: string;
  step_no: number;
  channel: string;
}

/** Each row's endings, found by its step, channel and (when grouped by branch) branch. */
export function endingsByRow(rows: ReadonlyArray<ResultRowKey & EndingCount>): (row: ResultRowKey) => CallEndings {
  const key = (r: ResultRowKey) => `${r.branch_code ?? ''}:${Number(r.step_no)}:${r.channel}`;
  const grouped = new Map<string, EndingCount[]>();
  for (const r of rows) grouped.set(key(r), [...(grouped.get(key(r)) ?? []), r]);
  return (row) => endingsOf(grouped.get(key(row)) ?? []);
}

/** The order of the results CSV's endings columns: the AI's outcomes, then the agents' dispositions. */
export const ENDING_ORDER = { ai: Object.keys(CONVERSATION_OUTCOME_ZH) as ConversationOutcome[], agent: DISPOSITIONS };

/** An endings column of the CSV: an AI outcome, an agent's disposition, or the answered with nothing recorded. */
export type EndingColumn = { kind: 'ai'; code: ConversationOutcome } | { kind: 'agent'; code: Disposition } | { kind: 'open' };

/**
 * The endings columns a CSV needs: those some row counts, the AI's outcomes first, then the
 * agents' dispositions, each in the order given, then the answered with nothing recorded (an SMS
 * campaign gets none).
 */
export function endingColumns(rows: readonly CallEndings[], order: { ai: readonly ConversationOutcome[]; agent: readonly Disposition[] }): EndingColumn[] {
  return [
    ...order.ai.filter((code) => rows.some((e) => (e.ai[code] ?? 0) > 0)).map((code): EndingColumn => ({ kind: 'ai', code })),
    ...order.agent.filter((code) => rows.some((e) => (e.agent[code] ?? 0) > 0)).map((code): EndingColumn => ({ kind: 'agent', code })),
    ...(rows.some((e) => e.open > 0) ? [{ kind: 'open' } as const] : []),
  ];
}

/**
 * A row's endings cells: its counts (0 where it could have one), empty where the column cannot
 * apply (an SMS step; the AI's outcome on an agent call).
 */
export function endingCells(columns: readonly EndingColumn[], channel: Channel, endings: CallEndings): Array<number | ''> {
  return columns.map((column) => {
    if (channel === 'sms' || (column.kind === 'ai' && channel !== 'ai_call')) return '';
    if (column.kind === 'open') return endings.open;
    return (column.kind === 'ai' ? endings.ai[column.code] : endings.agent[column.code]) ?? 0;
  });
}

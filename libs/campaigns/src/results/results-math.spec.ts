import { describe, expect, it } from '@jest/globals';
import { conversion, ENDING_ORDER, endingCells, endingColumns, endingsOf, percentCell, ratio, upliftPts } from './results-math';

describe('results math', () => {
  it('rounds a ratio to four decimals and answers 0 for an empty group', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(5, 0)).toBe(0);
  });

  it('gives the uplift in percentage points, negative when the control group did better', () => {
    expect(upliftPts(conversion(200, 30), conversion(50, 5))).toBe(5); // 15% against 10%
    expect(upliftPts(conversion(3, 1), conversion(3, 2))).toBe(-33.34); // 33.33% against 66.67%
    expect(upliftPts(conversion(10, 1), conversion(0, 0))).toBe(10);
  });

  it('writes a percentage cell with one decimal, empty when there is nobody to divide by', () => {
    expect(percentCell(1, 3)).toBe('33.3%');
    expect(percentCell(0, 7)).toBe('0.0%');
    expect(percentCell(7, 7)).toBe('100.0%');
    expect(percentCell(0, 0)).toBe('');
  });

  it("folds a step's grouped endings: the AI's outcomes, the agents' dispositions, the answered with nothing recorded", () => {
    const endings = endingsOf([
      { kind: 'ai', code: 'handed_off', customers: '2' }, // PostgreSQL's count is a string
      { kind: 'ai', code: 'not_interested', customers: 3 },
      { kind: 'ai', code: null, customers: 1 },
      { kind: 'agent', code: 'callback', customers: 1 },
      { kind: 'agent', code: 'interested', customers: 1 },
    ]);
    expect(endings).toEqual({ ai: { handed_off: 2, not_interested: 3 }, agent: { callback: 1, interested: 1 }, open: 1 });
    expect(endingsOf([])).toEqual({ ai: {}, agent: {}, open: 0 });
  });

  it("gives the CSV a column for each ending some row counts, the AI's first, in the labels' order, then the unrecorded", () => {
    const ai = endingsOf([
      { kind: 'ai', code: 'not_interested', customers: 1 },
      { kind: 'ai', code: 'completed', customers: 2 },
      { kind: 'agent', code: 'callback', customers: 1 },
    ]);
    const agent = endingsOf([
      { kind: 'agent', code: 'interested', customers: 1 },
      { kind: 'agent', code: null, customers: 1 },
    ]);
    const columns = endingColumns([ai, agent, endingsOf([])], ENDING_ORDER);
    expect(columns).toEqual([
      { kind: 'ai', code: 'completed' },
      { kind: 'ai', code: 'not_interested' },
      { kind: 'agent', code: 'interested' },
      { kind: 'agent', code: 'callback' },
      { kind: 'open' },
    ]);
    expect(endingColumns([endingsOf([])], ENDING_ORDER)).toEqual([]); // an SMS campaign: none

    // a count where the row could have one, 0 where it has none, empty where the column cannot apply
    expect(endingCells(columns, 'ai_call', ai)).toEqual([2, 1, 0, 1, 0]);
    expect(endingCells(columns, 'agent_call', agent)).toEqual(['', '', 1, 0, 1]);
    expect(endingCells(columns, 'sms', endingsOf([]))).toEqual(['', '', '', '', '']);
  });
});

import { describe, expect, it } from '@jest/globals';
import { seeded } from '../../../../test/support/seeded-random';
import { type CallOutcome, parseCallOdds, pickOutcome } from './simulator-odds';

describe('simulator call odds', () => {
  it('parses the setting into weights in the order written', () => {
    expect(parseCallOdds('answered:60,no_answer:20,busy:12,failed:8')).toEqual([
      { name: 'answered', weight: 60 },
      { name: 'no_answer', weight: 20 },
      { name: 'busy', weight: 12 },
      { name: 'failed', weight: 8 },
    ]);
  });

  it('adds up a repeated outcome and keeps zero weights', () => {
    expect(parseCallOdds('busy:1,answered:0,busy:2')).toEqual([
      { name: 'busy', weight: 3 },
      { name: 'answered', weight: 0 },
    ]);
  });

  it('refuses an unknown outcome, a missing weight and odds with no weight at all', () => {
    expect(() => parseCallOdds('picked_up:5')).toThrow(/bad call odds/);
    expect(() => parseCallOdds('answered:')).toThrow(/bad call odds/);
    expect(() => parseCallOdds('answered:0,busy:0')).toThrow(/give nothing any weight/);
  });

  it('maps the random number onto shares as wide as the weights', () => {
    const odds = parseCallOdds('answered:60,no_answer:20,busy:12,failed:8');
    expect(pickOutcome(odds, 0)).toBe('answered');
    expect(pickOutcome(odds, 0.5999)).toBe('answered');
    expect(pickOutcome(odds, 0.6)).toBe('no_answer');
    expect(pickOutcome(odds, 0.85)).toBe('busy');
    expect(pickOutcome(odds, 0.92)).toBe('failed');
    expect(pickOutcome(odds, 0.9999999999)).toBe('failed');
  });

  it('never picks an outcome with no weight', () => {
    const odds = parseCallOdds('answered:0,busy:1,failed:0');
    for (const r of [0, 0.3, 0.9999999999]) expect(pickOutcome(odds, r)).toBe('busy');
  });

  it('follows the weights over many draws', () => {
    const odds = parseCallOdds('answered:60,no_answer:20,busy:12,failed:8');
    const random = seeded(42);
    const draws = 100_000;
    const counts: Record<CallOutcome, number> = { answered: 0, no_answer: 0, busy: 0, failed: 0 };
    for (let i = 0; i < draws; i++) counts[pickOutcome(odds, random())]++;
    // binomial standard deviation at 100k draws is under 0.16 points; 0.6 points is ~4 sigma
    expect(Math.abs(counts.answered / draws - 0.6)).toBeLessThan(0.006);
    expect(Math.abs(counts.no_answer / draws - 0.2)).toBeLessThan(0.006);
    expect(Math.abs(counts.busy / draws - 0.12)).toBeLessThan(0.006);
    expect(Math.abs(counts.failed / draws - 0.08)).toBeLessThan(0.006);
  });
});

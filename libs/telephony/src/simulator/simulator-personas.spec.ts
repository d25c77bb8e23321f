import { describe, expect, it } from '@jest/globals';
import { seeded } from '../../../../test/support/seeded-random';
import { customerTurn, MAX_TURNS, parsePersonaOdds, type Persona, pickPersona } from './simulator-personas';

const DEFAULT_ODDS = 'interested:25,not_interested:20,human:15,stop:10,later:15,silent:5,off_script:10';

/** Everything a persona says until it hangs up. */
function conversation(persona: Persona): string[] {
  const lines: string[] = [];
  for (let turn = 0; ; turn++) {
    const next = customerTurn(persona, turn);
    if (next.kind === 'hang_up') return lines;
    lines.push(next.kind === 'say' ? next.line : '(silence)');
  }
}

describe('simulator AI-call personas', () => {
  it('parses the setting into weights in the order written', () => {
    expect(parsePersonaOdds(DEFAULT_ODDS)).toEqual([
      { name: 'interested', weight: 25 },
      { name: 'not_interested', weight: 20 },
      { name: 'human', weight: 15 },
      { name: 'stop', weight: 10 },
      { name: 'later', weight: 15 },
      { name: 'silent', weight: 5 },
      { name: 'off_script', weight: 10 },
    ]);
    expect(parsePersonaOdds('stop:1,silent:0,stop:2')).toEqual([
      { name: 'stop', weight: 3 },
      { name: 'silent', weight: 0 },
    ]);
  });

  it('refuses an unknown persona, a bad weight and odds with no weight at all', () => {
    expect(() => parsePersonaOdds('angry:5')).toThrow(/bad persona odds/);
    expect(() => parsePersonaOdds('interested:')).toThrow(/bad persona odds/);
    expect(() => parsePersonaOdds('interested:-1')).toThrow(/bad persona odds/);
    expect(() => parsePersonaOdds('interested:0,silent:0')).toThrow(/give nothing any weight/);
  });

  it('picks by weight and never a persona without weight', () => {
    const odds = parsePersonaOdds('human:0,silent:1,stop:3');
    expect(pickPersona(odds, 0)).toBe('silent');
    expect(pickPersona(odds, 0.2499)).toBe('silent');
    expect(pickPersona(odds, 0.25)).toBe('stop');
    expect(pickPersona(odds, 0.9999999999)).toBe('stop');

    const all = parsePersonaOdds(DEFAULT_ODDS);
    const random = seeded(7);
    const draws = 50_000;
    let interested = 0;
    for (let i = 0; i < draws; i++) if (pickPersona(all, random()) === 'interested') interested++;
    // binomial standard deviation at 50k draws is under 0.2 points; 1 point is ~5 sigma
    expect(Math.abs(interested / draws - 0.25)).toBeLessThan(0.01);
  });

  it('says its lines in order, then agrees, and hangs up after 12 turns', () => {
    const agreeing = (n: number) => Array<string>(n).fill('好的');
    expect(conversation('interested')).toEqual(['是的，是我', '听清楚了', '我想了解一下怎么办理', ...agreeing(9)]);
    expect(conversation('not_interested')).toEqual(['是我', '不需要，谢谢', ...agreeing(10)]);
    expect(conversation('human')).toEqual(['帮我转人工', ...agreeing(11)]);
    expect(conversation('stop')).toEqual(['别再打了，不要再给我打电话', ...agreeing(11)]);
    expect(conversation('later')).toEqual(['我在开会，明天下午三点再打吧', ...agreeing(11)]);
    expect(conversation('off_script')).toEqual(['今天天气怎么样', '你们食堂好吃吗', '啊', ...agreeing(9)]);
    expect(MAX_TURNS).toBe(12);
  });

  it('keeps the silent customer silent every turn', () => {
    expect(conversation('silent')).toEqual(Array<string>(12).fill('(silence)'));
  });
});

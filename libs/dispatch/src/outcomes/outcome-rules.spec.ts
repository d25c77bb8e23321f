import { describe, expect, it } from '@jest/globals';
import { durationZh, outcomeOf, outcomeSummary } from './outcome-rules';

describe('attempt outcomes from carrier statuses', () => {
  it('a call ends answered, busy, unanswered, failed or canceled; before that it has no outcome', () => {
    expect(['queued', 'initiated', 'ringing', 'answered'].map((s) => outcomeOf('call', s))).toEqual([null, null, null, null]);
    expect(['completed', 'busy', 'no_answer', 'failed', 'canceled'].map((s) => outcomeOf('call', s))).toEqual(['answered', 'busy', 'no_answer', 'failed', 'canceled']);
  });

  it('an SMS is done once sent; delivery reports refine it', () => {
    expect(['queued', 'sending'].map((s) => outcomeOf('sms', s))).toEqual([null, null]);
    expect(['sent', 'delivered', 'undelivered', 'failed'].map((s) => outcomeOf('sms', s))).toEqual(['sent', 'delivered', 'undelivered', 'failed']);
  });

  it('reads on the timeline as a banker says it', () => {
    expect(outcomeSummary('sms', 'delivered', null)).toBe('短信已送达');
    expect(outcomeSummary('ai_call', 'answered', 35)).toBe('智能外呼：已接通，通话 35 秒');
    expect(outcomeSummary('agent_call', 'no_answer', null)).toBe('人工外呼：无人接听');
    expect(outcomeSummary('sms', 'failed', null, '运营商拒绝（21211）')).toBe('短信失败（运营商拒绝（21211））');
    expect(durationZh(125)).toBe('2 分 05 秒');
  });
});

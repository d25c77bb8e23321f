import { describe, expect, it } from '@jest/globals';
import { callbackTime, chineseNumber } from './callback-time';
import { classify, type Intent } from './intents';

// Monday 2026-11-23 10:00 in Beijing
const NOW = new Date('2026-11-23T02:00:00Z');
const beijing = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : null);

describe('classify', () => {
  const cases: Array<[string, Intent]> = [
    ['是的，是我', 'yes'],
    ['嗯', 'yes'],
    ['好的', 'yes'],
    ['Yes, speaking', 'yes'],
    ['不是', 'no'],
    ['No', 'no'],
    ['不是本人，你打错了', 'wrong_person'],
    ['我不认识他', 'wrong_person'],
    ['Wrong number', 'wrong_person'],
    ['别再打了，烦不烦', 'stop'],
    ['不要再给我打电话了', 'stop'],
    ['退订', 'stop'],
    ['ＳＴＯＰ ＣＡＬＬＩＮＧ me', 'stop'],
    ['帮我转人工', 'human'],
    ['我要找客户经理', 'human'],
    ['Can I talk to a real person?', 'human'],
    ['我现在在开会', 'busy'],
    ["I'm driving", 'busy'],
    ['晚点再说吧', 'later'],
    ['明天下午三点打给我', 'later'],
    ['call me back tomorrow at 3', 'later'],
    ['U盾我已经激活了', 'already_done'],
    ['积分已经兑换过了', 'already_done'],
    ['不需要，谢谢', 'not_interested'],
    ['没兴趣', 'not_interested'],
    ['not interested', 'not_interested'],
    ['这个贷款怎么申请', 'interested'],
    ['听起来不错，想了解一下', 'interested'],
    ['Tell me more', 'interested'],
    ['利率是多少？', 'question'],
    ['手续费怎么收', 'question'],
    ['What is the limit?', 'question'],
    ['你说什么？再说一遍', 'repeat'],
    ['', 'silence'],
    ['   ', 'silence'],
    ['今天天气', 'unclear'],
  ];
  it.each(cases)('%s → %s', (text, intent) => {
    expect(classify(text, NOW).intent).toBe(intent);
  });

  it('puts a time on "call me later" when the customer names one', () => {
    const c = classify('我在忙，明天下午三点再打吧', NOW);
    expect(c.intent).toBe('later');
    expect(beijing(c.callbackAt)).toBe('2026-11-24 15:00');
    expect(classify('晚点再说', NOW).callbackAt).toBeNull();
  });

  it('is surer of a short answer than of one word in a long sentence', () => {
    expect(classify('是的', NOW).confidence).toBeGreaterThan(classify('嗯我想想这个事情是的吧', NOW).confidence);
  });
});

describe('callbackTime (Beijing, Monday 10:00)', () => {
  const cases: Array<[string, string | null]> = [
    ['明天下午三点', '2026-11-24 15:00'],
    ['明天上午十点半', '2026-11-24 10:30'],
    ['后天上午', '2026-11-25 10:00'],
    ['下午两点', '2026-11-23 14:00'],
    ['三点', '2026-11-23 15:00'],
    ['9点', '2026-11-24 09:00'],
    ['今晚七点', '2026-11-23 19:00'],
    ['周五 10:30', '2026-11-27 10:30'],
    ['下周一上午', '2026-11-30 10:00'],
    ['一个小时后', '2026-11-23 11:00'],
    ['半小时后', '2026-11-23 10:30'],
    ['两个半小时以后', '2026-11-23 12:30'],
    ['tomorrow at 3', '2026-11-24 15:00'],
    ['tomorrow at 9:30 am', '2026-11-24 09:30'],
    ['in 2 hours', '2026-11-23 12:00'],
    ['friday afternoon', '2026-11-27 15:00'],
    ['晚点', null],
    ['later', null],
  ];
  it.each(cases)('%s → %s', (text, at) => {
    expect(beijing(callbackTime(text, NOW))).toBe(at);
  });

  it('reads Chinese numbers', () => {
    expect([chineseNumber('三'), chineseNumber('十'), chineseNumber('十五'), chineseNumber('二十三'), chineseNumber('两'), chineseNumber('12'), chineseNumber('很')]).toEqual([3, 10, 15, 23, 2, 12, null]);
  });
});

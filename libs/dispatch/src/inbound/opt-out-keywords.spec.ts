import { describe, expect, it } from '@jest/globals';
import { optOutKeyword } from './opt-out-keywords';

describe('SMS opt-out keywords', () => {
  it.each([
    ['TD', 'TD'],
    ['td', 'TD'],
    ['ＴＤ', 'TD'],
    ['ｔｄ。', 'TD'],
    [' t ', 'T'],
    ['退订', '退订'],
    ['退订！', '退订'],
    ['取消', '取消'],
    ['Stop', 'STOP'],
    ['unsubscribe.', 'UNSUBSCRIBE'],
  ])('%j is an opt-out (%s)', (body, keyword) => {
    expect(optOutKeyword(body)).toBe(keyword);
  });

  it.each(['请问积分怎么兑换', 'TDD', '不要退订', 'stop calling', '', '好的'])('%j is not', (body) => {
    expect(optOutKeyword(body)).toBeNull();
  });
});

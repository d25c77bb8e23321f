import { describe, expect, it } from '@jest/globals';
import { smsLength } from '@app/contracts';
import { smsTemplateLength } from './sms-length';

const zh = (n: number) => '积'.repeat(n);

describe('smsLength', () => {
  it('counts Chinese text as UCS-2: 70 in one message, 67 per part once split', () => {
    expect(smsLength(zh(70))).toEqual({ characters: 70, parts: 1, encoding: 'ucs2' });
    expect(smsLength(zh(71))).toEqual({ characters: 71, parts: 2, encoding: 'ucs2' });
    expect(smsLength(zh(134))).toEqual({ characters: 134, parts: 2, encoding: 'ucs2' });
    expect(smsLength(zh(135))).toEqual({ characters: 135, parts: 3, encoding: 'ucs2' });
  });

  it('counts GSM-7 text as 160 / 153, extension characters as two', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ characters: 160, parts: 1, encoding: 'gsm7' });
    expect(smsLength('a'.repeat(161))).toEqual({ characters: 161, parts: 2, encoding: 'gsm7' });
    expect(smsLength('a'.repeat(306)).parts).toBe(2);
    expect(smsLength('a'.repeat(307)).parts).toBe(3);
    expect(smsLength('€'.repeat(80))).toEqual({ characters: 80, parts: 1, encoding: 'gsm7' });
    expect(smsLength('€'.repeat(81))).toEqual({ characters: 81, parts: 2, encoding: 'gsm7' });
    // an escape and its character are never split: after 152 septets a two-septet character starts part 2,
    // so 306 septets take three parts here, where 151 + 2 + 153 fill two exactly
    expect(smsLength('a'.repeat(152) + '{' + 'a'.repeat(152)).parts).toBe(3);
    expect(smsLength('a'.repeat(151) + '{' + 'a'.repeat(153)).parts).toBe(2);
  });

  it('one character outside GSM-7 makes the whole message UCS-2; emoji take two units', () => {
    expect(smsLength('Hello 张').encoding).toBe('ucs2');
    expect(smsLength('😀'.repeat(35))).toEqual({ characters: 35, parts: 1, encoding: 'ucs2' });
    expect(smsLength('😀'.repeat(36))).toEqual({ characters: 36, parts: 2, encoding: 'ucs2' });
    expect(smsLength('')).toEqual({ characters: 0, parts: 0, encoding: 'gsm7' });
  });
});

describe('smsTemplateLength', () => {
  it('measures a template with variables at typical length (a company name of 16 characters)', () => {
    // 【示例银行】(6) + 16 + ：(1) + 1,234,567.89 (12) = 35
    expect(smsTemplateLength('【{{bankName}}】{{companyName}}：{{yuan avgDailyBalance}}')).toEqual({ characters: 35, parts: 1, encoding: 'ucs2' });
    expect(smsTemplateLength(`{{companyName}}${zh(54)}`).parts).toBe(1);
    expect(smsTemplateLength(`{{companyName}}${zh(55)}`).parts).toBe(2);
  });
});

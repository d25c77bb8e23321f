import { describe, expect, it } from '@jest/globals';
import Handlebars from 'handlebars';
import { COMPILE_OPTIONS, formatChineseDate, formatYuan, renderTemplate, RUNTIME_OPTIONS, TemplateRejectedError } from './renderer';
import { maskPhone, scriptContext, type ScriptCustomer } from './script-variables';

const CUSTOMER: ScriptCustomer = {
  customerNo: 'C0000000007',
  companyName: '杭州<星辰>&商贸有限公司',
  legalRepName: '张伟',
  phone: '+8613912345678',
  branchCode: 'BR001',
  timeZone: 'Asia/Shanghai',
  tier: 2,
  avgDailyBalanceFen: 12_345_678,
  nextTierThresholdFen: null,
  pointsBalance: 1200,
  pointsExpireAt: '2026-12-31',
  openedAt: '2024-03-15',
  lastTxnAt: null,
  onlineBankingActivated: false,
  mobileBankingActive: true,
};
const context = scriptContext(CUSTOMER, { agentName: '王晓丽', bankName: '示例银行', hotline: '400-000-0000' });
const sms = { mode: 'plain', timeZone: 'Asia/Shanghai' } as const;
const web = { mode: 'html', timeZone: 'Asia/Shanghai' } as const;

describe('helpers', () => {
  it('yuan shows fen as yuan with thousands separators', () => {
    expect([formatYuan(12_345_678), formatYuan(5), formatYuan(0), formatYuan(100_000_000_00), formatYuan(-150), formatYuan(null), formatYuan('250')]).toEqual([
      '123,456.78',
      '0.05',
      '0.00',
      '100,000,000.00',
      '-1.50',
      '',
      '2.50',
    ]);
  });

  it('date shows a calendar date as it is and an instant as the date in the customer zone', () => {
    expect(formatChineseDate('2026-11-23', 'America/New_York')).toBe('2026年11月23日');
    expect(formatChineseDate('2026-03-05', 'Asia/Shanghai')).toBe('2026年3月5日');
    // 2026-11-22 17:30 UTC is already the 23rd in Shanghai, still the 22nd in Urumqi's UTC+6
    expect(formatChineseDate('2026-11-22T17:30:00Z', 'Asia/Shanghai')).toBe('2026年11月23日');
    expect(formatChineseDate(new Date('2026-11-22T17:30:00Z'), 'Asia/Urumqi')).toBe('2026年11月22日');
    expect(formatChineseDate(null, 'Asia/Shanghai')).toBe('');
    expect(formatChineseDate('not a date', 'Asia/Shanghai')).toBe('');
  });

  it('maskPhone keeps the first three and last four digits', () => {
    expect(maskPhone('+8613912345678')).toBe('139****5678');
    expect(maskPhone('139****5678')).toBe('139****5678');
    expect(maskPhone('')).toBe('');
  });
});

describe('renderTemplate', () => {
  it('renders a customer with the helpers, the masked phone only', () => {
    const text = '尊敬的{{companyName}}（{{legalRepName}}）：日均{{yuan avgDailyBalance}}元，积分{{pointsBalance}}于{{date pointsExpireAt}}到期，电话{{maskPhone phone}}。{{#if onlineBankingActivated}}已激活{{else}}未激活{{/if}}{{#unless lastTxnAt}}，从未交易{{/unless}}';
    const out = renderTemplate(text, context, sms);
    expect(out).toBe('尊敬的杭州<星辰>&商贸有限公司（张伟）：日均123,456.78元，积分1200于2026年12月31日到期，电话139****5678。未激活，从未交易');
    expect(JSON.stringify(context)).not.toContain('13912345678');
  });

  it('leaves SMS text unescaped and escapes text for the console', () => {
    expect(renderTemplate('{{companyName}}', context, sms)).toBe('杭州<星辰>&商贸有限公司');
    expect(renderTemplate('{{companyName}}', context, web)).toBe('杭州&lt;星辰&gt;&amp;商贸有限公司');
  });

  it('escapes the script text itself for the console, keeping blocks and whitespace control', () => {
    const text = '<b>{{companyName}}</b>\n{{#if tier}}  余额<5万 & "VIP"{{else}}无{{/if}}\n{{~hotline}}';
    expect(renderTemplate(text, context, web)).toBe('&lt;b&gt;杭州&lt;星辰&gt;&amp;商贸有限公司&lt;/b&gt;\n  余额&lt;5万 &amp; &quot;VIP&quot;400-000-0000');
    expect(renderTemplate(text, context, sms)).toBe('<b>杭州<星辰>&商贸有限公司</b>\n  余额<5万 & "VIP"400-000-0000');
  });

  it('shows nothing for a value the bank does not have', () => {
    expect(renderTemplate('门槛{{yuan nextTierThreshold}}|{{date lastTxnAt}}|', context, sms)).toBe('门槛||');
  });

  it('refuses to render a template that does not pass the check', () => {
    expect(() => renderTemplate('{{> footer}}', context, sms)).toThrow(TemplateRejectedError);
    expect(() => renderTemplate('{{compnayName}}', context, sms)).toThrow(/unknown variable "compnayName"/);
  });

  it('compiles with options under which no prototype property is reached, even past the check', () => {
    // handlebars itself, with our options, on templates the check would have refused
    const env = Handlebars.create();
    const proto = env.compile('[{{constructor.name}}][{{__proto__.constructor}}]', { strict: false });
    expect(proto({ a: 1 }, RUNTIME_OPTIONS)).toBe('[][]');
    const strict = env.compile('{{missing}}', COMPILE_OPTIONS);
    expect(() => strict({}, RUNTIME_OPTIONS)).toThrow(/"missing" not defined/);
    for (const builtin of ['{{lookup a "b"}}', '{{#each a}}x{{/each}}', '{{#with a}}x{{/with}}', '{{log a}}']) {
      expect(() => env.compile(builtin, COMPILE_OPTIONS)({ a: { b: 1 } }, RUNTIME_OPTIONS)).toThrow(/knownHelpersOnly/);
    }
  });
});

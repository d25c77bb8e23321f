import { describe, expect, it } from '@jest/globals';
import { checkTemplate, describeProblem, nearest } from './template-check';

function problems(text: string, kind?: 'sms' | 'voice' | 'agent'): string[] {
  const check = checkTemplate(text, kind);
  return check.ok ? [] : check.problems.map(describeProblem);
}

describe('checkTemplate', () => {
  it('answers the variables of text, plain variables, the three helpers and if/unless/else', () => {
    const check = checkTemplate(
      '{{! 开场 }}尊敬的{{companyName}}：日均{{yuan avgDailyBalance}}元，积分{{pointsBalance}}于{{date pointsExpireAt}}到期，电话{{maskPhone phone}}。' +
        '{{#if onlineBankingActivated}}网银已激活{{else if mobileBankingActive}}手机银行在用{{else}}未激活{{/if}}{{#unless lastTxnAt}}从未交易{{/unless}}{{~hotline~}}',
    );
    expect(check).toEqual({ ok: true, variables: ['avgDailyBalance', 'companyName', 'hotline', 'lastTxnAt', 'mobileBankingActive', 'onlineBankingActivated', 'phone', 'pointsBalance', 'pointsExpireAt'] });
  });

  it('names an unknown variable with its place and the nearest known one', () => {
    expect(problems('尊敬的{{compnayName}}：')).toEqual(['unknown variable "compnayName" (did you mean "companyName"?) (line 1, column 6)']);
    expect(problems('第一行\n  {{#if onlineBankingActivted}}x{{/if}}')).toEqual(['unknown variable "onlineBankingActivted" (did you mean "onlineBankingActivated"?) (line 2, column 9)']);
    expect(problems('{{shoeSize}}')).toEqual(['unknown variable "shoeSize" (line 1, column 3)']);
  });

  it('refuses money, dates and the phone without their helper, and a helper on the wrong type', () => {
    expect(problems('{{avgDailyBalance}}')).toEqual(['"avgDailyBalance" is an amount in fen; write {{yuan avgDailyBalance}} (line 1, column 1)']);
    expect(problems('{{phone}}')).toEqual(['"phone" may only be shown masked; write {{maskPhone phone}} (line 1, column 1)']);
    expect(problems('{{openedAt}}')).toEqual(['"openedAt" is a date; write {{date openedAt}} (line 1, column 1)']);
    expect(problems('{{yuan companyName}}')).toEqual(['yuan cannot show "companyName" (string); write {{companyName}} (line 1, column 1)']);
    expect(problems('{{date phone}}')).toEqual(['date cannot show "phone" (phone); write {{maskPhone phone}} (line 1, column 1)']);
    expect(problems('{{yuan}}')).toEqual(['yuan takes one variable: {{yuan avgDailyBalance}} (line 1, column 1)']);
    expect(problems('{{yuan 100}}')).toEqual(['{{yuan}} takes a variable, not a literal (line 1, column 8)']);
  });

  it('refuses helpers outside the set, block helpers other than if/unless, partials and decorators', () => {
    expect(problems('{{yaun avgDailyBalance}}')).toEqual(['unknown helper "yaun" (did you mean "yuan"?); the helpers are yuan, date, maskPhone (line 1, column 1)']);
    expect(problems('{{lookup companyName 0}}')).toEqual(['unknown helper "lookup"; the helpers are yuan, date, maskPhone (line 1, column 1)']);
    expect(problems('{{#each companyName}}x{{/each}}')).toEqual(['block "{{#each}}" is not allowed; only {{#if name}} and {{#unless name}} (line 1, column 1)']);
    expect(problems('{{#with companyName}}x{{/with}}')[0]).toMatch(/block "\{\{#with\}\}" is not allowed/);
    expect(problems('{{#companyName}}x{{/companyName}}')[0]).toMatch(/block "\{\{#companyName\}\}" is not allowed/);
    expect(problems('{{> footer}}')).toEqual(['partials ({{> name}}) are not allowed (line 1, column 1)']);
    expect(problems('{{#> layout}}x{{/layout}}')).toEqual(['partials ({{> name}}) are not allowed (line 1, column 1)']);
    expect(problems('{{* decorate}}')).toEqual(['decorators ({{* name}}) are not allowed (line 1, column 1)']);
  });

  it('refuses prototype names, paths, this, parent and data variables', () => {
    expect(problems('{{__proto__}}')).toEqual(['"__proto__" is not allowed (prototype access) (line 1, column 3)']);
    expect(problems('{{constructor.name}}')).toEqual(['"constructor.name" is not allowed (prototype access) (line 1, column 3)']);
    expect(problems('{{companyName.constructor}}')).toEqual(['"companyName.constructor" is not allowed (prototype access) (line 1, column 3)']);
    expect(problems('{{#if constructor}}x{{/if}}')).toEqual(['"constructor" is not allowed (prototype access) (line 1, column 7)']);
    expect(problems('{{companyName.length}}')).toEqual(['paths ("companyName.length") are not allowed; name a variable directly (line 1, column 3)']);
    expect(problems('{{this.companyName}}')).toEqual(['paths ("this.companyName") are not allowed; name a variable directly (line 1, column 3)']);
    expect(problems('{{./companyName}}')).toEqual(['paths ("./companyName") are not allowed; name a variable directly (line 1, column 3)']);
    expect(problems('{{this}}')).toEqual(['"this" is not allowed; name a variable (line 1, column 3)']);
    expect(problems('{{../companyName}}')).toEqual(['parent paths ("../companyName") are not allowed (line 1, column 3)']);
    expect(problems('{{@root.companyName}}')).toEqual(['data variables ("@root.companyName") are not allowed (line 1, column 3)']);
  });

  it('refuses subexpressions, hashes, literals, raw blocks and triple braces', () => {
    expect(problems('{{yuan (avgDailyBalance)}}')).toEqual(['subexpressions ( … ) are not allowed (line 1, column 8)']);
    expect(problems('{{companyName short=true}}')).toEqual(['{{companyName}} takes no key=value arguments (line 1, column 1)']);
    expect(problems('{{"text"}}')).toEqual(['a literal in braces is not allowed; write the text itself (line 1, column 1)']);
    expect(problems('前文\n{{{{raw}}}}{{companyName}}{{{{/raw}}}}')).toEqual(['raw blocks ({{{{ }}}}) are not allowed (line 2, column 1)']);
    expect(problems('{{{companyName}}}', 'agent')).toEqual(['triple braces would show customer data unescaped in the console; write {{name}} (line 1, column 1)']);
    expect(problems('{{{companyName}}}', 'sms')).toEqual(['triple braces are not needed: an SMS is sent unescaped anyway; write {{name}} (line 1, column 1)']);
  });

  it('refuses the agent name in an SMS, where no agent is known', () => {
    expect(problems('我是{{agentName}}', 'sms')).toEqual(['"agentName" is not known when an SMS is sent (line 1, column 5)']);
    expect(problems('我是{{agentName}}', 'agent')).toEqual([]);
  });

  it('answers syntax errors with their line and column', () => {
    expect(problems('第一行\n{{#if onlineBankingActivated}}已激活')).toEqual(['the template ends before a tag or block is closed (line 2, column 34)']);
    expect(problems('第一行\n尊敬的{{companyName')).toEqual(['unexpected text inside {{ }} (is a }} missing?) (line 2, column 6)']);
    expect(problems('{{#if tier}}x{{/unless}}')).toEqual(['{{#if}} is closed by {{/unless}} (line 1, column 4)']);
    expect(problems('{{/if}}')).toEqual(['syntax error (unexpected OPEN_ENDBLOCK) (line 1, column 1)']);
  });

  it('suggests only names close enough to be a typo', () => {
    expect(nearest('compnayName', ['companyName', 'customerNo'])).toBe('companyName');
    expect(nearest('COMPANYNAME', ['companyName'])).toBe('companyName');
    expect(nearest('weather', ['companyName', 'tier'])).toBeNull();
  });
});

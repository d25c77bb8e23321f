import { describe, expect, it } from '@jest/globals';
import type { GraphScriptBody } from '@app/contracts';
import { DEMO_SCRIPTS } from './demo-scripts';
import { bodySmsLength, checkScriptBody, isGraphBody } from './script-body';
import { canEnd } from './script-graph';

describe('the demo scripts', () => {
  it.each(DEMO_SCRIPTS.map((s) => [s.name, s] as const))('%s passes the checks it would meet when saved', (_name, script) => {
    const check = checkScriptBody(script.kind, script.body);
    expect(check.ok ? [] : check.errors).toEqual([]);
    if (check.ok) expect(check.body).toEqual(isGraphBody(script.body) ? { ...script.body, steps: script.body.steps.map((s) => ({ ...s, compliance: s.compliance ?? false })) } : script.body);
  });

  it('the SMS carry the opt-out and fit in two parts for a typical customer', () => {
    for (const s of DEMO_SCRIPTS.filter((x) => x.kind === 'sms')) {
      expect(isGraphBody(s.body) ? '' : s.body.text).toContain('回复TD退订');
      expect(bodySmsLength(s.kind, s.body)!.parts).toBeLessThanOrEqual(2);
    }
  });

  it('the new-account call cannot end in success before the fraud and account-renting warning', () => {
    const body = DEMO_SCRIPTS.find((s) => s.name === '新开户回访（坐席）')!.body as GraphScriptBody;
    const warning = body.steps.find((s) => s.compliance)!;
    expect(warning.text).toContain('出租、出借');
    expect(canEnd(body, [], 'completed', { at: 'closing' })).toEqual({ ok: false, missing: ['fraud_warning'] });
    expect(canEnd(body, ['fraud_warning'], 'completed', { at: 'closing' })).toEqual({ ok: true });
    expect(canEnd(body, [], 'wrong_number', { at: 'wrong_person' })).toEqual({ ok: true });
  });
});

describe('the near-upgrade AI call (升级礼遇与经营贷邀约)', () => {
  const body = DEMO_SCRIPTS.find((s) => s.name === '升级礼遇与经营贷邀约（AI语音）')!.body as GraphScriptBody;
  const at = (id: string) => body.steps.find((s) => s.id === id)!;
  const leadsTo = (id: string, intent: string) => at(id).options.find((o) => o.intent === intent)?.next;

  it('walks identity → the tier’s benefits → the operating-funds loan on plain yeses', () => {
    expect(body.start).toBe('greeting');
    expect(leadsTo('greeting', 'yes')).toBe('tier_benefits');
    expect(leadsTo('tier_benefits', 'yes')).toBe('loan_offer');
    expect(at('loan_offer').text).toMatch(/经营贷[\s\S]*您有兴趣了解吗？$/);
  });

  it('listens for no yes or interest on the loan step, so an interested customer is handed to a person as interested', () => {
    const intents = at('loan_offer').options.map((o) => o.intent);
    expect(intents).not.toContain('yes');
    expect(intents).not.toContain('interested');
  });

  it('ends politely on a no, hands over on request, stops calling on request and says the offer again', () => {
    for (const intent of ['no', 'not_interested']) expect(at(leadsTo('loan_offer', intent)!).dispositions).toEqual(['not_interested']);
    expect(at(leadsTo('loan_offer', 'human')!).dispositions).toEqual(['handoff']);
    expect(at(leadsTo('loan_offer', 'stop')!).dispositions).toEqual(['do_not_call']);
    expect(leadsTo('loan_offer', 'repeat')).toBe('loan_offer');
  });
});

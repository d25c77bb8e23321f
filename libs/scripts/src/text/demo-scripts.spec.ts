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

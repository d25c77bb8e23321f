import { describe, expect, it } from '@jest/globals';
import type { GraphScriptBody } from '@app/contracts';
import { resumeAfterAi } from './resume-after-ai';

const step = (id: string, next: string[], extra: { compliance?: boolean } = {}) => ({
  id,
  title: id,
  text: id,
  options: next.map((n) => ({ label: n, next: n })),
  dispositions: next.length ? [] : ['completed' as const],
  ...extra,
});

/** The near-upgrade agent script's shape: greeting → tier → loan → its disclosure → the credit officer. */
const AGENT: GraphScriptBody = {
  start: 'greeting',
  steps: [
    step('greeting', ['tier_offer', 'wrong_person']),
    step('tier_offer', ['loan_offer', 'closing']),
    step('loan_offer', ['loan_disclosure', 'closing']),
    step('loan_disclosure', ['handoff'], { compliance: true }),
    step('handoff', []),
    step('closing', []),
    step('wrong_person', []),
  ],
};

describe('where an agent picks up an AI call', () => {
  it('at the last step the AI reached that the agent script has, past identity, the AI’s own handover step left out', () => {
    // the AI: greeting (identity) → its own tier step → the loan offer → its handover step
    expect(resumeAfterAi(AGENT, ['greeting', 'tier_benefits', 'loan_offer', 'handoff'])).toEqual({ step: 'loan_offer', visited: ['greeting', 'loan_offer'], acknowledged: [] });
  });

  it('at the start when the AI went through no step of the agent script, or only its start', () => {
    const start = { step: 'greeting', visited: ['greeting'], acknowledged: [] };
    expect(resumeAfterAi(AGENT, ['hello', 'benefits', 'handoff'])).toEqual(start);
    expect(resumeAfterAi(AGENT, ['greeting', 'greeting', 'handoff'])).toEqual(start);
    expect(resumeAfterAi(AGENT, [])).toEqual(start);
  });

  it('counts a compliance step the AI read and went past, never the one it stopped at', () => {
    expect(resumeAfterAi(AGENT, ['greeting', 'loan_offer', 'loan_disclosure', 'handoff'])).toEqual({ step: 'loan_disclosure', visited: ['greeting', 'loan_offer', 'loan_disclosure'], acknowledged: [] });
    const readPast: GraphScriptBody = { start: 'greeting', steps: [step('greeting', ['warning']), step('warning', ['needs'], { compliance: true }), step('needs', ['close']), step('close', [])] };
    expect(resumeAfterAi(readPast, ['greeting', 'warning', 'needs', 'handoff'])).toEqual({ step: 'needs', visited: ['greeting', 'warning', 'needs'], acknowledged: ['warning'] });
  });

  it('a step the AI repeated (没听清) is on the path once', () => {
    expect(resumeAfterAi(AGENT, ['greeting', 'greeting', 'tier_offer', 'tier_offer', 'handoff'])).toEqual({ step: 'tier_offer', visited: ['greeting', 'tier_offer'], acknowledged: [] });
  });
});

import { describe, expect, it } from '@jest/globals';
import type { GraphScriptBody } from '@app/contracts';
import { canEnd, checkScriptGraph } from './script-graph';

/** greeting → fraud warning (compliance) → offer → closing; greeting can also end as a wrong number. */
const GRAPH: GraphScriptBody = {
  start: 'greeting',
  steps: [
    { id: 'greeting', title: '开场', text: '您好，请问是{{companyName}}吗？', options: [{ label: '是', intent: 'yes', next: 'fraud' }, { label: '打错了', intent: 'no' }], dispositions: ['wrong_number'] },
    { id: 'fraud', title: '防诈骗提示', text: '请勿出租、出借账户。', compliance: true, options: [{ label: '已知晓', intent: 'yes', next: 'offer' }], dispositions: ['callback'] },
    { id: 'offer', title: '产品', text: '日均{{yuan avgDailyBalance}}元', options: [{ label: '有兴趣', intent: 'yes', next: 'closing' }, { label: '没兴趣', intent: 'no', next: 'declined' }], dispositions: [] },
    { id: 'closing', title: '结束', text: '再见', options: [], dispositions: ['interested', 'completed'] },
    { id: 'declined', title: '结束', text: '再见', options: [], dispositions: ['not_interested'] },
  ],
};

const clone = (): GraphScriptBody => JSON.parse(JSON.stringify(GRAPH));

function errorsOf(body: unknown, kind: 'voice' | 'agent' = 'voice') {
  const check = checkScriptGraph(kind, body);
  return check.ok ? [] : check.errors;
}

describe('checkScriptGraph', () => {
  it('accepts a good graph and answers it as stored with its variables', () => {
    const check = checkScriptGraph('voice', GRAPH);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.variables).toEqual(['avgDailyBalance', 'companyName']);
    expect(check.body.steps.map((s) => s.compliance)).toEqual([false, true, false, false, false]);
  });

  it('names the path of a dangling next, a missing start and a duplicate id', () => {
    const body = clone();
    body.steps[2].options[0].next = 'closng';
    expect(errorsOf(body)).toEqual([{ path: 'body.steps[2].options[0].next', message: 'unknown step "closng"' }]);
    const noStart = { ...clone(), start: 'hello' };
    expect(errorsOf(noStart)).toEqual([{ path: 'body.start', message: 'unknown step "hello"' }]);
    const dup = clone();
    dup.steps[4].id = 'closing';
    expect(errorsOf(dup)).toEqual([
      { path: 'body.steps[4].id', message: '"closing" is already the id of steps[3]' },
      { path: 'body.steps[2].options[1].next', message: 'unknown step "declined"' },
    ]);
  });

  it('refuses bad ids, empty labels and texts, unknown dispositions and unknown properties', () => {
    const body = clone() as unknown as { steps: Array<Record<string, unknown>> };
    body.steps[0].id = 'Greeting!';
    body.steps[1].text = '  ';
    (body.steps[2].options as Array<Record<string, unknown>>)[1].label = '';
    body.steps[3].dispositions = ['completed', 'sold'];
    body.steps[4].colour = 'red';
    expect(errorsOf({ ...body, start: 'fraud' })).toEqual([
      { path: 'body.steps[0].id', message: 'must be 1–40 lowercase letters, digits or _ and start with a letter' },
      { path: 'body.steps[1].text', message: 'is required: text' },
      { path: 'body.steps[2].options[1].label', message: 'is required: text' },
      { path: 'body.steps[3].dispositions[1]', message: 'must be one of interested, completed, activated, redeemed, not_interested, callback, wrong_number, do_not_call, no_decision, handoff' },
      { path: 'body.steps[4].colour', message: 'is not a known property' },
    ]);
  });

  it('checks each step text as a template', () => {
    const body = clone();
    body.steps[2].text = '日均{{avgDailyBalance}}元，{{> footer}}';
    expect(errorsOf(body)).toEqual([
      { path: 'body.steps[2].text', message: '"avgDailyBalance" is an amount in fen; write {{yuan avgDailyBalance}} (line 1, column 3)' },
      { path: 'body.steps[2].text', message: 'partials ({{> name}}) are not allowed (line 1, column 24)' },
    ]);
  });

  it('needs intents from the known list in voice scripts, one option per intent', () => {
    const body = clone();
    delete body.steps[0].options[0].intent;
    body.steps[2].options[1].intent = 'maybe';
    body.steps[1].options.push({ label: '好的', intent: 'yes', next: 'closing' });
    expect(errorsOf(body)).toEqual([
      { path: 'body.steps[0].options[0].intent', message: 'is required in a voice script: one of yes, no, interested, not_interested, busy, later, human, stop, wrong_person, already_done, question, repeat' },
      { path: 'body.steps[1].options[1].intent', message: '"yes" already leads from options[0]' },
      { path: 'body.steps[2].options[1].intent', message: 'must be one of yes, no, interested, not_interested, busy, later, human, stop, wrong_person, already_done, question, repeat' },
    ]);
    const agent = clone();
    agent.steps.forEach((s) => s.options.forEach((o) => delete o.intent));
    expect(errorsOf(agent, 'agent')).toEqual([]);
  });

  it('refuses unreachable steps, dead ends and graphs where no call can end', () => {
    const unreachable = clone();
    unreachable.steps.push({ id: 'orphan', title: '孤立', text: '…', options: [], dispositions: ['completed'] });
    expect(errorsOf(unreachable)).toEqual([{ path: 'body.steps[5]', message: 'cannot be reached from the start step "greeting"' }]);

    const deadEnd = clone();
    deadEnd.steps[4].dispositions = [];
    expect(errorsOf(deadEnd)).toEqual([{ path: 'body.steps[4]', message: 'leads nowhere: give it options to go on, or dispositions to end with' }]);

    const loop = clone();
    loop.steps[2].options = [{ label: '再说一遍', intent: 'repeat', next: 'offer' }];
    loop.steps[1].dispositions = [];
    loop.steps[0].dispositions = [];
    loop.steps[0].options = [{ label: '是', intent: 'yes', next: 'fraud' }];
    // closing and declined are no longer reachable, and offer loops forever
    expect(errorsOf(loop).map((e) => e.path + ': ' + e.message)).toEqual([
      'body.steps[3]: cannot be reached from the start step "greeting"',
      'body.steps[4]: cannot be reached from the start step "greeting"',
      'body.steps[0]: never leads to a step where the call can end',
      'body.steps[1]: never leads to a step where the call can end',
      'body.steps[2]: never leads to a step where the call can end',
    ]);

    const endless = clone();
    endless.steps[2].options[0].next = undefined;
    expect(errorsOf(endless)).toEqual([{ path: 'body.steps[2].options[0].next', message: 'is required: this step allows no disposition, so the call cannot end here' }]);
  });

  it('refuses a body that is not a graph', () => {
    expect(errorsOf(null)).toEqual([{ path: 'body', message: 'must be an object with start and steps' }]);
    expect(errorsOf({ start: 'a', steps: [] })).toEqual([{ path: 'body.steps', message: 'must be a non-empty list of steps' }]);
    expect(errorsOf({ text: 'hello' })).toEqual([
      { path: 'body.text', message: 'is not a known property' },
      { path: 'body.steps', message: 'must be a non-empty list of steps' },
    ]);
  });
});

describe('canEnd', () => {
  it('refuses a success disposition until the fraud warning is acknowledged; anything else may end at once', () => {
    expect(canEnd(GRAPH, [], 'completed')).toEqual({ ok: false, missing: ['fraud'] });
    expect(canEnd(GRAPH, [], 'interested')).toEqual({ ok: false, missing: ['fraud'] });
    expect(canEnd(GRAPH, ['fraud'], 'completed')).toEqual({ ok: true });
    expect(canEnd(GRAPH, [], 'not_interested')).toEqual({ ok: true });
    expect(canEnd(GRAPH, [], 'wrong_number')).toEqual({ ok: true });
  });

  it('told where the call ends, needs the compliance steps on every way there and those it visited', () => {
    const branching = clone();
    // a second way to the offer that skips the warning
    branching.steps[0].options.push({ label: '直接介绍', intent: 'human', next: 'offer' });
    expect(canEnd(branching, [], 'completed', { at: 'closing', visited: ['greeting', 'offer', 'closing'] })).toEqual({ ok: true });
    expect(canEnd(branching, [], 'completed', { at: 'closing', visited: ['greeting', 'fraud', 'offer', 'closing'] })).toEqual({ ok: false, missing: ['fraud'] });
    // without the shortcut every way to closing passes the warning
    expect(canEnd(GRAPH, [], 'completed', { at: 'closing', visited: [] })).toEqual({ ok: false, missing: ['fraud'] });
    expect(canEnd(GRAPH, [], 'completed', { at: 'fraud' })).toEqual({ ok: false, missing: ['fraud'] });
    // told nothing, every compliance step of the script counts
    expect(canEnd(branching, [], 'completed')).toEqual({ ok: false, missing: ['fraud'] });
  });
});

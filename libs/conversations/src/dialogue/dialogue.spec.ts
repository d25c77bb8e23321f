import { describe, expect, it } from '@jest/globals';
import type { GraphScriptBody } from '@app/contracts';
import { Dialogue, LINES } from './dialogue';
import { classify } from './intents';

const NOW = new Date('2026-11-23T02:00:00Z');

/** The shape of the demo's new-account AI call: identity, fraud warning, online banking, and its endings. */
const SCRIPT: GraphScriptBody = {
  start: 'greeting',
  steps: [
    {
      id: 'greeting',
      title: '开场',
      text: '请问您是星河贸易的法定代表人吗？',
      options: [
        { label: '是本人', intent: 'yes', next: 'fraud' },
        { label: '不是本人', intent: 'no', next: 'wrong' },
        { label: '现在不方便', intent: 'later', next: 'later' },
        { label: '转人工', intent: 'human', next: 'handoff' },
        { label: '不要再打了', intent: 'stop', next: 'stop' },
      ],
      dispositions: [],
    },
    { id: 'fraud', title: '防诈提示', text: '请勿出租出借账户，听清楚了吗？', compliance: true, options: [{ label: '清楚', intent: 'yes', next: 'banking' }], dispositions: [] },
    {
      id: 'banking',
      title: '网银',
      text: '企业网银激活顺利吗？',
      options: [
        { label: '顺利', intent: 'yes', next: 'closing' },
        { label: '需要帮助', intent: 'no', next: 'help' },
      ],
      dispositions: [],
    },
    { id: 'help', title: '激活指引', text: '明天客户经理回访可以吗？', options: [{ label: '可以', intent: 'yes', next: 'callback' }], dispositions: [] },
    { id: 'callback', title: '已预约', text: '好的，明天再联系您。', options: [], dispositions: ['callback'] },
    { id: 'closing', title: '结束', text: '感谢配合，再见！', options: [], dispositions: ['completed'] },
    { id: 'later', title: '改约', text: '好的，换个时间再联系您。', options: [], dispositions: ['callback'] },
    { id: 'wrong', title: '非本人', text: '抱歉打扰了，再见。', options: [], dispositions: ['wrong_number'] },
    { id: 'handoff', title: '转人工', text: '正在为您转接人工客服。', options: [], dispositions: ['handoff'] },
    { id: 'stop', title: '不再来电', text: '以后不再致电打扰您，再见。', options: [], dispositions: ['do_not_call'] },
  ],
};

function talk(lines: string[], elderly = false) {
  const d = new Dialogue(SCRIPT, { elderly });
  return { dialogue: d, decisions: lines.map((l) => d.respond(classify(l, NOW))) };
}

describe('Dialogue', () => {
  it('walks the script to its end on yes after yes', () => {
    const { decisions } = talk(['是的，是我', '听清楚了', '挺顺利的']);
    expect(decisions.map((d) => d.step)).toEqual(['fraud', 'banking', 'closing']);
    expect(decisions.at(-1)).toEqual({ say: '感谢配合，再见！', step: 'closing', action: { kind: 'end', outcome: 'completed' } });
  });

  it('ends a branch as its last step says: help leads to a callback', () => {
    const { decisions } = talk(['是我', '清楚', '不太顺利', '可以']);
    expect(decisions.at(-1)?.action).toEqual({ kind: 'callback', at: null });
  });

  it('puts the customer on do-not-contact for "stop calling me", in the script\'s words, at any step', () => {
    expect(talk(['别再打了']).decisions[0]).toEqual({ say: '以后不再致电打扰您，再见。', step: 'stop', action: { kind: 'opt_out' } });
    // a step without a stop option still opts out, in the platform's words
    expect(talk(['是我', '不要再给我打电话了']).decisions[1]).toEqual({ say: LINES.optOut, step: 'fraud', action: { kind: 'opt_out' } });
  });

  it('hands over when the customer asks for a person or shows interest', () => {
    expect(talk(['转人工']).decisions[0].action).toEqual({ kind: 'handoff', reason: 'asked_for_human' });
    expect(talk(['是我', '清楚', '我想了解一下怎么办理']).decisions[2].action).toEqual({ kind: 'handoff', reason: 'interested' });
  });

  it('takes a plain yes to an offer that listens only for a refusal as interest, and hands over', () => {
    const offer: GraphScriptBody = {
      start: 'loan',
      steps: [
        {
          id: 'loan',
          title: '经营贷邀约',
          text: '我行的线上经营贷随借随还，您有兴趣了解吗？',
          options: [
            { label: '暂时不需要', intent: 'no', next: 'declined' },
            { label: '转人工', intent: 'human', next: 'handoff' },
          ],
          dispositions: [],
        },
        { id: 'declined', title: '结束语', text: '好的，再见。', options: [], dispositions: ['not_interested'] },
        { id: 'handoff', title: '转人工', text: '正在为您转接。', options: [], dispositions: ['handoff'] },
      ],
    };
    for (const said of ['好的', '可以啊', '嗯', '有的']) {
      expect({ said, decision: new Dialogue(offer, { elderly: false }).respond(classify(said, NOW)) }).toEqual({ said, decision: { say: LINES.handoffInterested, step: 'loan', action: { kind: 'handoff', reason: 'interested' } } });
    }
    expect(new Dialogue(offer, { elderly: false }).respond(classify('暂时不需要', NOW)).action).toEqual({ kind: 'end', outcome: 'not_interested' });
    // a yes where the step listens for one still follows it (the fraud warning's 清楚)
    expect(talk(['是我', '好的']).decisions[1].step).toBe('banking');
  });

  it('plans a callback at the time the customer names, and says it', () => {
    const d = talk(['我在开会，明天下午三点再打吧']).decisions[0];
    expect(d.action).toEqual({ kind: 'callback', at: new Date('2026-11-24T07:00:00Z') });
    expect(d.say).toBe('好的，我们会在11月24日 15:00再给您来电，再见。');
    expect(talk(['我在开车']).decisions[0]).toEqual({ say: '好的，换个时间再联系您。', step: 'later', action: { kind: 'callback', at: null } });
  });

  it('ends politely for the wrong person, the not interested and the already done', () => {
    expect(talk(['你打错了，不是本人']).decisions[0].action).toEqual({ kind: 'end', outcome: 'wrong_person' });
    expect(talk(['是我', '清楚', '不需要']).decisions[2]).toMatchObject({ action: { kind: 'end', outcome: 'not_interested' } });
    expect(talk(['是我', '清楚', 'U盾已经激活了']).decisions[2]).toMatchObject({ step: 'closing', action: { kind: 'end', outcome: 'completed' } });
  });

  it('offers a person for a question it cannot answer, and a yes takes it', () => {
    const { decisions } = talk(['是我', '清楚', '手续费是多少？', '好的']);
    expect(decisions[2]).toEqual({ say: LINES.offerHuman, step: 'banking', action: { kind: 'continue' } });
    expect(decisions[3].action).toEqual({ kind: 'handoff', reason: 'question' });
    // a second question in a row goes to a person without asking again
    expect(talk(['利率是多少？', '额度有多少？']).decisions[1].action).toEqual({ kind: 'handoff', reason: 'question' });
  });

  it('asks again after silence, and gives up after the third', () => {
    const { decisions } = talk(['', '', '']);
    expect(decisions.map((d) => d.action.kind)).toEqual(['continue', 'continue', 'end']);
    expect(decisions[0].say).toBe(`${LINES.stillThere}请问您是星河贸易的法定代表人吗？`);
    expect(decisions[2].action).toEqual({ kind: 'end', outcome: 'no_response' });
  });

  it('repeats the step when not understood, then hands over; the elderly-friendly sooner, and are offered a person first', () => {
    expect(talk(['今天天气', '今天天气', '今天天气']).decisions.map((d) => d.action.kind)).toEqual(['continue', 'continue', 'handoff']);
    const elderly = talk(['今天天气', '今天天气'], true);
    expect(elderly.decisions.map((d) => d.action.kind)).toEqual(['continue', 'handoff']);
    expect(elderly.dialogue.greeting()).toBe(`${LINES.humanFirst}请问您是星河贸易的法定代表人吗？`);
  });

  it('picks up where it was from a saved state', () => {
    const first = talk(['是我']).dialogue;
    const resumed = new Dialogue(SCRIPT, { elderly: false }, first.state);
    expect(resumed.respond(classify('清楚', NOW)).step).toBe('banking');
  });
});

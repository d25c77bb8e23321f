import { parseWeights, pickWeighted, type Weight } from './simulator-odds';

/** Who answers a simulated AI call (SIMULATOR_AI_PERSONAS names these). */
export type Persona = 'interested' | 'not_interested' | 'human' | 'stop' | 'later' | 'silent' | 'off_script';

export type PersonaWeight = Weight<Persona>;

/** What each persona says, in order, one line a turn; the silent one never speaks. */
export const PERSONA_LINES: Readonly<Record<Persona, readonly string[]>> = {
  interested: ['是的，是我', '听清楚了', '我想了解一下怎么办理'],
  not_interested: ['是我', '不需要，谢谢'],
  human: ['帮我转人工'],
  stop: ['别再打了，不要再给我打电话'],
  later: ['我在开会，明天下午三点再打吧'],
  silent: [],
  off_script: ['今天天气怎么样', '你们食堂好吃吗', '啊'],
};

/** Past its lines a customer goes along with whatever the AI says. */
const AGREEING_LINE = '好的';
/** A dialogue that never ends (an AI looping, a silent customer re-asked) is cut off here, as a real person would. */
export const MAX_TURNS = 12;

const PERSONAS = Object.keys(PERSONA_LINES) as Persona[];

/** What the customer does when the AI stops talking. */
export type CustomerTurn = { kind: 'say'; line: string } | { kind: 'keep_silent' } | { kind: 'hang_up' };

/** `interested:25,not_interested:20,...` as relative weights, in the order written; throws when nothing has weight. */
export function parsePersonaOdds(spec: string): PersonaWeight[] {
  return parseWeights(spec, PERSONAS, 'persona odds');
}

export function pickPersona(odds: readonly PersonaWeight[], random: number): Persona {
  return pickWeighted(odds, random);
}

/** The customer's turn number `turn` (0 for the answer to the welcome greeting). */
export function customerTurn(persona: Persona, turn: number): CustomerTurn {
  if (turn >= MAX_TURNS) return { kind: 'hang_up' };
  if (persona === 'silent') return { kind: 'keep_silent' };
  return { kind: 'say', line: PERSONA_LINES[persona][turn] ?? AGREEING_LINE };
}

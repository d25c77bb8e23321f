/** How a simulated call ends (SIMULATOR_CALL_ODDS names these). */
export type CallOutcome = 'answered' | 'no_answer' | 'busy' | 'failed';

/** One choice and its relative weight. */
export interface Weight<T extends string> {
  name: T;
  weight: number;
}

export type OutcomeWeight = Weight<CallOutcome>;

const OUTCOMES: readonly CallOutcome[] = ['answered', 'no_answer', 'busy', 'failed'];

/**
 * `a:60,b:20` as relative weights over the given names, in the order written; a repeated name adds
 * up. Throws when nothing has weight, so a bad setting fails at boot.
 */
export function parseWeights<T extends string>(spec: string, names: readonly T[], what: string): Weight<T>[] {
  const isName = (value: string): value is T => (names as readonly string[]).includes(value);
  const weights: Weight<T>[] = [];
  for (const part of spec.split(',')) {
    const [name = '', raw = ''] = part.trim().split(':');
    const weight = Number(raw);
    if (!isName(name) || raw.trim() === '' || !Number.isFinite(weight) || weight < 0) throw new Error(`bad ${what} "${part}" in "${spec}"`);
    const seen = weights.find((w) => w.name === name);
    if (seen) seen.weight += weight;
    else weights.push({ name, weight });
  }
  if (!weights.some((w) => w.weight > 0)) throw new Error(`${what} "${spec}" give nothing any weight`);
  return weights;
}

/** The name a random number in [0,1) falls on, each taking a share of the line as wide as its weight. */
export function pickWeighted<T extends string>(weights: readonly Weight<T>[], random: number): T {
  const total = weights.reduce((sum, w) => sum + w.weight, 0);
  const target = random * total;
  let reached = 0;
  for (const w of weights) {
    reached += w.weight;
    if (w.weight > 0 && target < reached) return w.name;
  }
  // float rounding at the very top of the line: the last name that has weight
  const last = [...weights].reverse().find((w) => w.weight > 0);
  if (!last) throw new Error('the weights give nothing any weight');
  return last.name;
}

/** `answered:60,no_answer:20,busy:12,failed:8`. */
export function parseCallOdds(spec: string): OutcomeWeight[] {
  return parseWeights(spec, OUTCOMES, 'call odds');
}

export function pickOutcome(odds: readonly OutcomeWeight[], random: number): CallOutcome {
  return pickWeighted(odds, random);
}

/** How a simulated call ends (SIMULATOR_CALL_ODDS names these). */
export type CallOutcome = 'answered' | 'no_answer' | 'busy' | 'failed';

export interface OutcomeWeight {
  outcome: CallOutcome;
  weight: number;
}

const OUTCOMES: readonly CallOutcome[] = ['answered', 'no_answer', 'busy', 'failed'];

function isOutcome(value: string): value is CallOutcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

/**
 * `answered:60,no_answer:20,busy:12,failed:8` as relative weights, in the order written; a
 * repeated outcome adds up. Throws when nothing has weight, so a bad setting fails at boot.
 */
export function parseCallOdds(spec: string): OutcomeWeight[] {
  const weights: OutcomeWeight[] = [];
  for (const part of spec.split(',')) {
    const [name = '', raw = ''] = part.trim().split(':');
    const weight = Number(raw);
    if (!isOutcome(name) || raw.trim() === '' || !Number.isFinite(weight) || weight < 0) throw new Error(`bad call odds "${part}" in "${spec}"`);
    const seen = weights.find((w) => w.outcome === name);
    if (seen) seen.weight += weight;
    else weights.push({ outcome: name, weight });
  }
  if (!weights.some((w) => w.weight > 0)) throw new Error(`call odds "${spec}" give no outcome any weight`);
  return weights;
}

/** The outcome a random number in [0,1) falls on, each taking a share of the line as wide as its weight. */
export function pickOutcome(odds: readonly OutcomeWeight[], random: number): CallOutcome {
  const total = odds.reduce((sum, w) => sum + w.weight, 0);
  const target = random * total;
  let reached = 0;
  for (const w of odds) {
    reached += w.weight;
    if (w.weight > 0 && target < reached) return w.outcome;
  }
  // float rounding at the very top of the line: the last outcome that has weight
  const last = [...odds].reverse().find((w) => w.weight > 0);
  if (!last) throw new Error('call odds give no outcome any weight');
  return last.outcome;
}

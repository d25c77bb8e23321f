import type { GraphScriptBody } from '@app/contracts';

export interface ScriptPosition {
  step: string;
  visited: string[];
  acknowledged: string[];
}

/**
 * Where an agent picks up an AI call, from the steps the AI went through (in order, as its turns
 * were spoken): at the last of them the agent script also has and the call can go on from (a step
 * with options: the AI's own handover step, or an ending, is not where a person starts), so an
 * agent does not greet and confirm identity again after the AI has. The agent script's steps the
 * AI went through up to there make the path (the AI's own steps are in its transcript); a
 * compliance step among them that the AI went past counts as read (it spoke the text in full, and
 * the customer answered it). Without a shared step, the script's start, as for any call.
 */
export function resumeAfterAi(script: GraphScriptBody, aiSteps: readonly string[]): ScriptPosition {
  const steps = new Map(script.steps.map((s) => [s.id, s]));
  const shared = aiSteps.filter((id, i) => steps.has(id) && aiSteps.indexOf(id) === i);
  const resumable = shared.filter((id) => (steps.get(id)?.options.length ?? 0) > 0);
  const at = resumable.at(-1);
  if (!at || at === script.start) return { step: script.start, visited: [script.start], acknowledged: [] };
  const visited = shared.slice(0, shared.indexOf(at) + 1);
  return { step: at, visited, acknowledged: visited.filter((id) => id !== at && steps.get(id)?.compliance === true) };
}

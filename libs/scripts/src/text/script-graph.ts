import { DISPOSITIONS, SUCCESS_DISPOSITIONS, type Disposition, type GraphScriptBody, type ScriptOption, type ScriptStep } from '@app/contracts';
import { checkTemplate, describeProblem } from './template-check';

export interface ScriptError {
  /** Where the fault is, as a JSON path from the request body: `body.steps[2].options[0].next`. */
  path: string;
  message: string;
}

export type GraphCheck = { ok: true; body: GraphScriptBody; variables: string[] } | { ok: false; errors: ScriptError[] };

/**
 * What a voice script's options may listen for: the AI call's intent classifier's answers (all but
 * silence and unclear, which the dialogue handles itself). A step's option for an intent is taken
 * when the customer's turn reads as it; stop, human, later and busy are done at any step, in the
 * words of the step their option leads to when there is one.
 */
export const VOICE_INTENTS = ['yes', 'no', 'interested', 'not_interested', 'busy', 'later', 'human', 'stop', 'wrong_person', 'already_done', 'question', 'repeat'] as const;
export type VoiceIntent = (typeof VOICE_INTENTS)[number];

export const GRAPH_LIMITS = { steps: 50, options: 10, title: 60, label: 60, text: { agent: 2000, voice: 600 } } as const;

const STEP_ID = /^[a-z][a-z0-9_]{0,39}$/;
const BODY_KEYS = new Set(['start', 'steps']);
const STEP_KEYS = new Set(['id', 'title', 'text', 'compliance', 'options', 'dispositions']);
const OPTION_KEYS = new Set(['label', 'intent', 'next']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, max: number): { value: string } | { problem: string } {
  if (typeof value !== 'string' || value.trim() === '') return { problem: 'is required: text' };
  const trimmed = value.trim();
  return [...trimmed].length > max ? { problem: `must be at most ${max} characters` } : { value: trimmed };
}

class GraphChecker {
  readonly errors: ScriptError[] = [];
  readonly variables = new Set<string>();

  constructor(
    private readonly kind: 'voice' | 'agent',
    private readonly path: string,
  ) {}

  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  unknownKeys(value: Record<string, unknown>, allowed: Set<string>, path: string): void {
    for (const key of Object.keys(value)) if (!allowed.has(key)) this.error(`${path}.${key}`, 'is not a known property');
  }

  check(body: unknown): GraphScriptBody | null {
    if (!isObject(body)) {
      this.error(this.path, 'must be an object with start and steps');
      return null;
    }
    this.unknownKeys(body, BODY_KEYS, this.path);
    if (!Array.isArray(body.steps) || body.steps.length === 0) {
      this.error(`${this.path}.steps`, 'must be a non-empty list of steps');
      return null;
    }
    if (body.steps.length > GRAPH_LIMITS.steps) this.error(`${this.path}.steps`, `must have at most ${GRAPH_LIMITS.steps} steps`);
    const steps = body.steps.map((step, i) => this.step(step, `${this.path}.steps[${i}]`));
    const ids = new Map<string, number>();
    steps.forEach((step, i) => {
      if (!step?.id) return;
      const first = ids.get(step.id);
      if (first === undefined) ids.set(step.id, i);
      else this.error(`${this.path}.steps[${i}].id`, `"${step.id}" is already the id of steps[${first}]`);
    });
    steps.forEach((step, i) =>
      step?.options.forEach((option, j) => {
        if (option.next !== undefined && !ids.has(option.next)) this.error(`${this.path}.steps[${i}].options[${j}].next`, `unknown step "${option.next}"`);
      }),
    );
    let start: string | null = null;
    if (typeof body.start !== 'string' || body.start === '') this.error(`${this.path}.start`, 'is required: the id of the first step');
    else if (!ids.has(body.start)) this.error(`${this.path}.start`, `unknown step "${body.start}"`);
    else start = body.start;
    if (this.errors.length || start === null) return null;
    const graph: GraphScriptBody = { start, steps: steps as ScriptStep[] };
    this.paths(graph);
    return this.errors.length ? null : graph;
  }

  private step(value: unknown, path: string): ScriptStep | null {
    if (!isObject(value)) {
      this.error(path, 'must be a step object');
      return null;
    }
    this.unknownKeys(value, STEP_KEYS, path);
    const id = typeof value.id === 'string' && STEP_ID.test(value.id) ? value.id : null;
    if (id === null) this.error(`${path}.id`, 'must be 1–40 lowercase letters, digits or _ and start with a letter');
    const title = text(value.title, GRAPH_LIMITS.title);
    if ('problem' in title) this.error(`${path}.title`, title.problem);
    const body = text(value.text, GRAPH_LIMITS.text[this.kind]);
    if ('problem' in body) this.error(`${path}.text`, body.problem);
    else {
      const check = checkTemplate(body.value, this.kind);
      if (check.ok) check.variables.forEach((v) => this.variables.add(v));
      else for (const problem of check.problems) this.error(`${path}.text`, describeProblem(problem));
    }
    if (value.compliance !== undefined && typeof value.compliance !== 'boolean') this.error(`${path}.compliance`, 'must be true or false');
    const dispositions = this.dispositions(value.dispositions, `${path}.dispositions`);
    const options = this.options(value.options, `${path}.options`, dispositions !== null && dispositions.length > 0);
    if (options?.length === 0 && dispositions?.length === 0) this.error(path, 'leads nowhere: give it options to go on, or dispositions to end with');
    // a step with faults still names its id, so options leading to it are not reported as well
    if (id === null) return null;
    return { id, title: 'value' in title ? title.value : '', text: 'value' in body ? body.value : '', compliance: value.compliance === true, options: options ?? [], dispositions: dispositions ?? [] };
  }

  private dispositions(value: unknown, path: string): Disposition[] | null {
    if (!Array.isArray(value)) {
      this.error(path, 'must be a list of dispositions (empty: the call cannot end here)');
      return null;
    }
    const seen = new Set<Disposition>();
    value.forEach((d, i) => {
      if (!(DISPOSITIONS as readonly unknown[]).includes(d)) this.error(`${path}[${i}]`, `must be one of ${DISPOSITIONS.join(', ')}`);
      else if (seen.has(d as Disposition)) this.error(`${path}[${i}]`, `"${d}" is listed twice`);
      else seen.add(d as Disposition);
    });
    return [...seen];
  }

  private options(value: unknown, path: string, canEndHere: boolean): ScriptOption[] | null {
    if (!Array.isArray(value)) {
      this.error(path, 'must be a list of options (empty: the call ends at this step)');
      return null;
    }
    if (value.length > GRAPH_LIMITS.options) this.error(path, `must have at most ${GRAPH_LIMITS.options} options`);
    const intents = new Map<string, number>();
    return value.map((option, j): ScriptOption => {
      const p = `${path}[${j}]`;
      if (!isObject(option)) {
        this.error(p, 'must be an option object with a label');
        return { label: '' };
      }
      this.unknownKeys(option, OPTION_KEYS, p);
      const label = text(option.label, GRAPH_LIMITS.label);
      if ('problem' in label) this.error(`${p}.label`, label.problem);
      const result: ScriptOption = { label: 'value' in label ? label.value : '' };
      if (option.intent === undefined) {
        if (this.kind === 'voice') this.error(`${p}.intent`, `is required in a voice script: one of ${VOICE_INTENTS.join(', ')}`);
      } else if (!(VOICE_INTENTS as readonly unknown[]).includes(option.intent)) {
        this.error(`${p}.intent`, `must be one of ${VOICE_INTENTS.join(', ')}`);
      } else {
        const other = intents.get(option.intent as string);
        if (other !== undefined) this.error(`${p}.intent`, `"${option.intent}" already leads from options[${other}]`);
        else intents.set(option.intent as string, j);
        result.intent = option.intent as string;
      }
      if (option.next === undefined || option.next === null) {
        if (!canEndHere) this.error(`${p}.next`, 'is required: this step allows no disposition, so the call cannot end here');
      } else if (typeof option.next !== 'string') this.error(`${p}.next`, 'must be a step id');
      else result.next = option.next;
      return result;
    });
  }

  /** Every step reachable from the start, and from every step a way to a step where the call can end. */
  private paths(graph: GraphScriptBody): void {
    const index = new Map(graph.steps.map((s, i) => [s.id, i]));
    const reachable = reach([graph.start], (id) => nextOf(graph, id));
    graph.steps.forEach((s, i) => {
      if (!reachable.has(s.id)) this.error(`${this.path}.steps[${i}]`, `cannot be reached from the start step "${graph.start}"`);
    });
    const endings = graph.steps.filter((s) => s.dispositions.length > 0).map((s) => s.id);
    if (endings.length === 0) {
      this.error(`${this.path}.steps`, 'no step allows the call to end: give at least one step its dispositions');
      return;
    }
    const previous = new Map<string, string[]>();
    for (const s of graph.steps) for (const next of nextOf(graph, s.id)) previous.set(next, [...(previous.get(next) ?? []), s.id]);
    const canFinish = reach(endings, (id) => previous.get(id) ?? []);
    for (const s of graph.steps) {
      if (reachable.has(s.id) && !canFinish.has(s.id)) this.error(`${this.path}.steps[${index.get(s.id)}]`, 'never leads to a step where the call can end');
    }
  }
}

function nextOf(graph: GraphScriptBody, id: string): string[] {
  return (graph.steps.find((s) => s.id === id)?.options ?? []).flatMap((o) => (o.next ? [o.next] : []));
}

function reach(from: string[], next: (id: string) => string[], skip?: string): Set<string> {
  const seen = new Set<string>();
  const queue = from.filter((id) => id !== skip);
  while (queue.length) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const n of next(id)) if (n !== skip && !seen.has(n)) queue.push(n);
  }
  return seen;
}

/**
 * Checks a voice or agent script's graph of steps: the body as stored (texts trimmed, `compliance`
 * always present) and the variables its texts use, or every fault with its JSON path.
 */
export function checkScriptGraph(kind: 'voice' | 'agent', body: unknown, path = 'body'): GraphCheck {
  const checker = new GraphChecker(kind, path);
  const graph = checker.check(body);
  if (!graph) return { ok: false, errors: checker.errors };
  return { ok: true, body: graph, variables: [...checker.variables].sort() };
}

export type EndCheck = { ok: true } | { ok: false; missing: string[] };

export interface CallProgress {
  /** The step the call is ending at. */
  at: string;
  /** The steps the call went through. */
  visited?: readonly string[];
}

/**
 * May a call end with this disposition? Anything but a success disposition may end a call at any
 * time (a wrong number, a customer who hangs up). A success disposition (`SUCCESS_DISPOSITIONS`)
 * needs the compliance steps acknowledged:
 * - told where the call ends (`progress.at`): every compliance step that lies on every path from
 *   the start to that step (the call cannot have got there without it), and every compliance step
 *   the call visited;
 * - told nothing more: every compliance step of the script.
 * `missing` lists the unacknowledged ones in script order.
 */
export function canEnd(body: GraphScriptBody, acknowledgedStepIds: readonly string[], disposition: Disposition, progress?: CallProgress): EndCheck {
  if (!SUCCESS_DISPOSITIONS.includes(disposition)) return { ok: true };
  const acknowledged = new Set(acknowledgedStepIds);
  const compliance = body.steps.filter((s) => s.compliance).map((s) => s.id);
  const required = progress ? compliance.filter((id) => id === progress.at || progress.visited?.includes(id) || !reach([body.start], (s) => nextOf(body, s), id).has(progress.at)) : compliance;
  const missing = required.filter((id) => !acknowledged.has(id));
  return missing.length ? { ok: false, missing } : { ok: true };
}

/** Puts the server's faults in a script (`body.steps[2].options[0].next`) under the inputs they name. */
import type { FieldError } from '../../api';
import type { Lang, Translate } from '../../i18n';
import { pathToName, type NamePath } from '../policy/fieldPath';
import { scriptMessage } from './scriptServerMessages';

const STEP_LEAVES = new Set(['id', 'title', 'text', 'compliance', 'dispositions']);
const OPTION_LEAVES = new Set(['label', 'intent', 'next']);

export interface PlacedErrors {
  form: Array<{ name: NamePath; errors: string[] }>;
  /** Faults of a whole step (`body.steps[2]`, its options list), by step index. */
  steps: Map<number, string[]>;
  /** Anything else, shown above the editor with its path. */
  loose: string[];
}

/** The form input a path names, if the editor has one. */
function formName(name: NamePath): NamePath | null {
  const [root, part, i, leaf, j, optionLeaf] = name;
  if (name.length === 1 && (root === 'name' || root === 'description')) return name;
  if (root !== 'body') return null;
  if (name.length === 2 && (part === 'text' || part === 'start')) return name;
  if (part !== 'steps' || typeof i !== 'number' || typeof leaf !== 'string') return null;
  if (name.length === 4 && STEP_LEAVES.has(leaf)) return name;
  if (leaf === 'dispositions' && name.length === 5) return name.slice(0, 4);
  if (leaf === 'options' && typeof j === 'number' && name.length === 6 && typeof optionLeaf === 'string' && OPTION_LEAVES.has(optionLeaf)) return name;
  return null;
}

export function placeScriptErrors(fields: readonly FieldError[], lang: Lang, t: Translate): PlacedErrors {
  const byName = new Map<string, { name: NamePath; errors: string[] }>();
  const steps = new Map<number, string[]>();
  const loose: string[] = [];
  for (const f of fields) {
    const text = scriptMessage(f.message, lang, t);
    const name = pathToName(f.field);
    const target = formName(name);
    if (target) {
      const key = JSON.stringify(target);
      const entry = byName.get(key) ?? { name: target, errors: [] };
      if (!entry.errors.includes(text)) entry.errors.push(text);
      byName.set(key, entry);
    } else if (name[0] === 'body' && name[1] === 'steps' && typeof name[2] === 'number') {
      steps.set(name[2], [...(steps.get(name[2]) ?? []), text]);
    } else loose.push(`${f.field}: ${text}`);
  }
  return { form: [...byName.values()], steps, loose };
}

/**
 * The rule builder's working copy of a segment rule: a tree whose nodes carry ids (React keys, and
 * the anchor for errors and template parameters) and may hold half-filled values while the user
 * types. `toRule` turns it back into the API's DSL and says at which JSON path each node landed, so
 * a 400's `rule.and[2].value` finds its condition.
 */
import type { RuleCondition, RuleValue, SegmentFieldView, SegmentOperator, SegmentRule, SegmentTemplateView } from '../../types';
import type { MessageKey } from '../../i18n';

export type Scalar = string | number | boolean | null;
export type EditValue = Scalar | Scalar[];

export interface ConditionNode {
  kind: 'condition';
  id: string;
  negated: boolean;
  field: string;
  op: SegmentOperator | null;
  value: EditValue;
  days: number | null;
}

export interface GroupNode {
  kind: 'group';
  id: string;
  negated: boolean;
  op: 'and' | 'or';
  children: RuleNode[];
}

export type RuleNode = ConditionNode | GroupNode;

let lastId = 0;
export function newId(): string {
  lastId += 1;
  return `n${lastId}`;
}

export function emptyGroup(op: 'and' | 'or' = 'and'): GroupNode {
  return { kind: 'group', id: newId(), negated: false, op, children: [] };
}

// ---------------------------------------------------------------------------------------------
// operators and values

/** What an operator takes: nothing, a number of days, a list, a [from, to] pair, or one value. */
export type ValueShape = 'none' | 'days' | 'list' | 'pair' | 'scalar';

export function valueShape(op: SegmentOperator | null): ValueShape {
  switch (op) {
    case 'is_empty':
    case 'never':
    case null:
      return 'none';
    case 'within_last_days':
    case 'within_next_days':
    case 'more_than_days_ago':
      return 'days';
    case 'in':
      return 'list';
    case 'between':
      return 'pair';
    default:
      return 'scalar';
  }
}

function initialValue(field: SegmentFieldView | undefined, op: SegmentOperator | null): EditValue {
  switch (valueShape(op)) {
    case 'days':
      return 30;
    case 'list':
      return [];
    case 'pair':
      return [null, null];
    case 'scalar':
      return field?.type === 'boolean' ? false : null;
    default:
      return null;
  }
}

/** A new condition on `field` with its first operator (a boolean starts at "否", the usual question). */
export function newCondition(field?: SegmentFieldView): ConditionNode {
  const op = field?.operators[0] ?? null;
  return { kind: 'condition', id: newId(), negated: false, field: field?.key ?? '', op, value: initialValue(field, op), days: field?.lookBack?.default ?? null };
}

/** Another field: its first operator, unless the current one also applies; the value if still meaningful. */
export function withField(node: ConditionNode, field: SegmentFieldView, previous: SegmentFieldView | undefined): ConditionNode {
  const op = node.op && field.operators.includes(node.op) ? node.op : field.operators[0];
  const sameKind = previous && previous.type === field.type && previous.unit === field.unit;
  return { ...node, field: field.key, op, value: sameKind && op === node.op ? node.value : initialValue(field, op), days: field.lookBack ? (node.days ?? field.lookBack.default) : null };
}

/** Another operator: the value stays when it has the same shape (a number stays a number). */
export function withOperator(node: ConditionNode, op: SegmentOperator, field: SegmentFieldView | undefined): ConditionNode {
  const keep = valueShape(op) === valueShape(node.op) && valueShape(op) !== 'none';
  return { ...node, op, value: keep ? node.value : initialValue(field, op) };
}

// ---------------------------------------------------------------------------------------------
// rule ⇄ tree

function conditionFrom(c: RuleCondition): ConditionNode {
  const value: EditValue = c.value === undefined ? null : Array.isArray(c.value) ? [...c.value] : c.value;
  return { kind: 'condition', id: newId(), negated: false, field: c.field, op: c.op, value, days: c.days ?? null };
}

function nodeFrom(rule: SegmentRule): RuleNode {
  if ('and' in rule) return { kind: 'group', id: newId(), negated: false, op: 'and', children: rule.and.map(nodeFrom) };
  if ('or' in rule) return { kind: 'group', id: newId(), negated: false, op: 'or', children: rule.or.map(nodeFrom) };
  if ('not' in rule) {
    const inner = nodeFrom(rule.not);
    return { ...inner, negated: !inner.negated };
  }
  return conditionFrom(rule);
}

/** The builder always shows a group at the top; a one-condition rule becomes a group of one. */
export function treeFromRule(rule: SegmentRule | null | undefined): GroupNode {
  if (!rule) return emptyGroup();
  const node = nodeFrom(rule);
  return node.kind === 'group' && !node.negated ? node : { ...emptyGroup(), children: [node] };
}

/** JSON path (from the request body: `rule…`) of every node, both outside and inside its `not`. */
export type PathIndex = Map<string, string>;

function valueFor(node: ConditionNode, field: SegmentFieldView | undefined): RuleValue | undefined {
  const shape = valueShape(node.op);
  if (shape === 'none') return undefined;
  const numeric = field ? field.type !== 'string' && field.type !== 'branch' : false;
  if (shape === 'list') {
    const items = (Array.isArray(node.value) ? node.value : []).filter((v): v is string | number => v !== null && v !== '');
    return numeric ? items.map((v) => (typeof v === 'number' ? v : Number(String(v).trim()))) : items.map((v) => String(v).trim());
  }
  if (shape === 'pair') {
    const [from, to] = Array.isArray(node.value) ? node.value : [null, null];
    return [from, to] as Array<string | number>;
  }
  return (Array.isArray(node.value) ? node.value[0] : node.value) as RuleValue;
}

/**
 * The tree as a rule. A top group of exactly one child is that child, so a template's
 * one-condition rule comes back as it was (its parameter paths still point into it).
 */
export function toRule(root: GroupNode, fields: Map<string, SegmentFieldView>): { rule: SegmentRule | null; paths: PathIndex } {
  const paths: PathIndex = new Map();
  const build = (node: RuleNode, path: string): SegmentRule => {
    paths.set(path, node.id);
    const at = node.negated ? `${path}.not` : path;
    if (node.negated) paths.set(at, node.id);
    let rule: SegmentRule;
    if (node.kind === 'group') {
      const children = node.children.map((child, i) => build(child, `${at}.${node.op}[${i}]`));
      rule = node.op === 'and' ? { and: children } : { or: children };
    } else {
      const field = fields.get(node.field);
      const condition: RuleCondition = { field: node.field, op: node.op as SegmentOperator };
      const value = valueFor(node, field);
      if (value !== undefined) condition.value = value;
      if (field?.lookBack) condition.days = node.days as number;
      rule = condition;
    }
    return node.negated ? { not: rule } : rule;
  };
  if (root.children.length === 0) return { rule: null, paths };
  if (root.children.length === 1 && !root.negated) {
    paths.set('rule', root.id);
    return { rule: build(root.children[0], 'rule'), paths };
  }
  return { rule: build(root, 'rule'), paths };
}

/** The node a server error is about: the longest path of the index that starts the error's path. */
export function nodeForErrorPath(path: string, paths: PathIndex): string | undefined {
  for (let p = path; p; ) {
    const id = paths.get(p);
    if (id) return id;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// edits (immutable)

export function updateNode(root: GroupNode, id: string, change: (node: RuleNode) => RuleNode): GroupNode {
  const visit = (node: RuleNode): RuleNode => {
    if (node.id === id) return change(node);
    if (node.kind === 'group') return { ...node, children: node.children.map(visit) };
    return node;
  };
  return visit(root) as GroupNode;
}

export function removeNode(root: GroupNode, id: string): GroupNode {
  const visit = (node: GroupNode): GroupNode => ({
    ...node,
    children: node.children.filter((c) => c.id !== id).map((c) => (c.kind === 'group' ? visit(c) : c)),
  });
  return visit(root);
}

export function findNode(root: RuleNode, id: string): RuleNode | undefined {
  if (root.id === id) return root;
  if (root.kind === 'group') {
    for (const child of root.children) {
      const found = findNode(child, id);
      if (found) return found;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// template parameters

/** A template parameter bound to the condition it edits (`value` or `days`). */
export interface ParameterBinding {
  nodeId: string;
  prop: 'value' | 'days';
}

/** Binds each parameter's path (relative to the rule) to a condition of the tree built from that rule. */
export function bindParameters(template: SegmentTemplateView, root: GroupNode, fields: Map<string, SegmentFieldView>): Record<string, ParameterBinding> {
  const { paths } = toRule(root, fields);
  const bound: Record<string, ParameterBinding> = {};
  for (const p of template.parameters) {
    const full = `rule.${p.path}`;
    const cut = full.lastIndexOf('.');
    const prop = full.slice(cut + 1);
    if (prop !== 'value' && prop !== 'days') continue;
    const nodeId = paths.get(full.slice(0, cut));
    const node = nodeId ? findNode(root, nodeId) : undefined;
    if (node?.kind === 'condition' && typeof node[prop] === 'number') bound[p.key] = { nodeId: node.id, prop };
  }
  return bound;
}

export function parameterValue(root: GroupNode, binding: ParameterBinding | undefined): number | null {
  const node = binding ? findNode(root, binding.nodeId) : undefined;
  if (node?.kind !== 'condition') return null;
  const value = node[binding!.prop];
  return typeof value === 'number' ? value : null;
}

// ---------------------------------------------------------------------------------------------
// what the builder checks itself before asking the server

export type LocalProblems = Map<string, MessageKey[]>;

function blank(v: Scalar | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function conditionProblems(node: ConditionNode, field: SegmentFieldView | undefined): MessageKey[] {
  if (!node.field || !field) return ['segments.err.pickField'];
  if (!node.op) return ['segments.err.pickOp'];
  const problems: MessageKey[] = [];
  const value = node.value;
  switch (valueShape(node.op)) {
    case 'days':
      if (typeof value !== 'number') problems.push('segments.err.days');
      break;
    case 'list':
      if (!Array.isArray(value) || value.filter((v) => !blank(v)).length === 0) problems.push('segments.err.list');
      else if (field.type !== 'string' && field.type !== 'branch' && value.some((v) => !blank(v) && !Number.isFinite(Number(v)))) problems.push('segments.err.listNumbers');
      break;
    case 'pair': {
      const [from, to] = Array.isArray(value) ? value : [null, null];
      if (blank(from) || blank(to)) problems.push('segments.err.pair');
      else if ((from as number | string) > (to as number | string)) problems.push('segments.err.order');
      break;
    }
    case 'scalar':
      if (blank(Array.isArray(value) ? value[0] : value)) problems.push('segments.err.value');
      break;
    default:
      break;
  }
  if (field.lookBack && typeof node.days !== 'number') problems.push('segments.err.lookBack');
  return problems;
}

/** Unfinished conditions and empty groups, by node id: no point asking the server yet. */
export function localProblems(root: GroupNode, fields: Map<string, SegmentFieldView>): LocalProblems {
  const problems: LocalProblems = new Map();
  const visit = (node: RuleNode, top: boolean) => {
    if (node.kind === 'group') {
      if (node.children.length === 0 && !top) problems.set(node.id, ['segments.err.emptyGroup']);
      node.children.forEach((c) => visit(c, false));
      return;
    }
    const found = conditionProblems(node, fields.get(node.field));
    if (found.length) problems.set(node.id, found);
  };
  visit(root, true);
  return problems;
}

/** The fields a rule uses, each once, in order of appearance (the preview's sample columns). */
export function fieldsOfRule(rule: SegmentRule | null): string[] {
  const out: string[] = [];
  const visit = (r: SegmentRule) => {
    if ('and' in r) r.and.forEach(visit);
    else if ('or' in r) r.or.forEach(visit);
    else if ('not' in r) visit(r.not);
    else if (!out.includes(r.field)) out.push(r.field);
  };
  if (rule) visit(rule);
  return out;
}

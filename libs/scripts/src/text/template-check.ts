import Handlebars from 'handlebars';
import type { ScriptKind } from '@app/contracts';
import { findVariable, SCRIPT_VARIABLES, type ScriptVariableDefinition } from './script-variables';

/**
 * What a script template may contain, checked on the parsed AST when a script is saved: text,
 * comments, `{{var}}`, `{{helper var}}` for the three helpers, and `{{#if var}}` / `{{#unless var}}`
 * with `{{else}}`. Everything else (partials, other blocks, paths, data variables, literals,
 * subexpressions, hashes, raw blocks, decorators, triple braces) is refused with where it is.
 */
export const TEMPLATE_HELPERS = ['yuan', 'date', 'maskPhone'] as const;
export type TemplateHelper = (typeof TEMPLATE_HELPERS)[number];

const BLOCK_HELPERS = ['if', 'unless'];
const HELPER_EXAMPLE: Record<TemplateHelper, string> = { yuan: 'avgDailyBalance', date: 'pointsExpireAt', maskPhone: 'phone' };
/** Names that reach an object's prototype; refused by name before anything else is said. */
const PROTOTYPE_NAMES = new Set(['__proto__', 'constructor', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', 'hasOwnProperty', 'valueOf', 'toString']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_PROBLEMS = 10;

export interface TemplateProblem {
  message: string;
  /** 1-based, where the template has it; null when the fault is the template as a whole. */
  line: number | null;
  column: number | null;
}

export type TemplateCheck = { ok: true; variables: string[] } | { ok: false; problems: TemplateProblem[] };

/** `message (line 2, column 5)`: how a problem reads in a field error. */
export function describeProblem(problem: TemplateProblem): string {
  return problem.line === null ? problem.message : `${problem.message} (line ${problem.line}, column ${problem.column})`;
}

function isHelper(name: string): name is TemplateHelper {
  return (TEMPLATE_HELPERS as readonly string[]).includes(name);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The closest name, when it is close enough to be a likely typo. */
export function nearest(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

const didYouMean = (name: string, candidates: readonly string[]) => {
  const near = nearest(name, candidates);
  return near ? ` (did you mean "${near}"?)` : '';
};

const VARIABLE_KEYS = SCRIPT_VARIABLES.map((v) => v.key);
const KIND_NAMES: Record<ScriptKind, string> = { sms: 'an SMS', voice: 'an AI call', agent: 'an agent call' };

class TemplateWalker {
  readonly problems: TemplateProblem[] = [];
  readonly variables = new Set<string>();

  constructor(private readonly kind: ScriptKind | undefined) {}

  problem(node: hbs.AST.Node | null, message: string): void {
    if (this.problems.some((p) => p.message === message && p.line === (node?.loc?.start.line ?? null))) return;
    this.problems.push({ message, line: node?.loc ? node.loc.start.line : null, column: node?.loc ? node.loc.start.column + 1 : null });
  }

  program(program: hbs.AST.Program | undefined): void {
    for (const statement of program?.body ?? []) this.statement(statement);
  }

  private statement(node: hbs.AST.Statement): void {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement':
        return this.mustache(node as hbs.AST.MustacheStatement);
      case 'BlockStatement':
        return this.block(node as hbs.AST.BlockStatement);
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return this.problem(node, 'partials ({{> name}}) are not allowed');
      case 'Decorator':
      case 'DecoratorBlock':
        return this.problem(node, 'decorators ({{* name}}) are not allowed');
      default:
        return this.problem(node, `${node.type} is not allowed`);
    }
  }

  private mustache(node: hbs.AST.MustacheStatement): void {
    if (!node.escaped) {
      this.problem(node, this.kind === 'sms' ? 'triple braces are not needed: an SMS is sent unescaped anyway; write {{name}}' : 'triple braces would show customer data unescaped in the console; write {{name}}');
    }
    if (node.path.type !== 'PathExpression') return this.problem(node, 'a literal in braces is not allowed; write the text itself');
    const path = node.path as hbs.AST.PathExpression;
    const name = this.pathName(path);
    if (name === null) return;
    if (node.hash?.pairs.length) this.problem(node, `{{${name}}} takes no key=value arguments`);
    if (isHelper(name)) return this.helper(node, name);
    if (node.params.length) {
      return this.problem(node, findVariable(name) ? `"${name}" is a variable and takes no arguments` : `unknown helper "${name}"${didYouMean(name, TEMPLATE_HELPERS)}; the helpers are ${TEMPLATE_HELPERS.join(', ')}`);
    }
    const variable = this.variable(path, name);
    if (variable?.helper) this.problem(node, needsHelper(variable));
  }

  private helper(node: hbs.AST.MustacheStatement, helper: TemplateHelper): void {
    if (node.params.length !== 1) return this.problem(node, `${helper} takes one variable: {{${helper} ${HELPER_EXAMPLE[helper]}}}`);
    const param = this.param(node.params[0], helper);
    if (!param) return;
    const variable = this.variable(param, this.pathName(param));
    if (variable && variable.helper !== helper) {
      this.problem(node, variable.helper ? `${helper} cannot show "${variable.key}" (${variable.type}); write {{${variable.helper} ${variable.key}}}` : `${helper} cannot show "${variable.key}" (${variable.type}); write {{${variable.key}}}`);
    }
  }

  private block(node: hbs.AST.BlockStatement): void {
    const name = this.pathName(node.path);
    if (name === null) return;
    if (!BLOCK_HELPERS.includes(name)) return this.problem(node, `block "{{#${name}}}" is not allowed; only {{#if name}} and {{#unless name}}`);
    if (!node.program) return this.problem(node, `{{^${name}}} is not allowed; use {{#unless name}}`);
    if (node.params.length !== 1) this.problem(node, `{{#${name}}} takes one variable: {{#${name} onlineBankingActivated}}`);
    else {
      const param = this.param(node.params[0], `#${name}`);
      if (param) this.variable(param, this.pathName(param));
    }
    if (node.hash?.pairs.length) this.problem(node, `{{#${name}}} takes no key=value arguments`);
    if (node.program.blockParams?.length) this.problem(node, 'block parameters (as |x|) are not allowed');
    this.program(node.program);
    this.program(node.inverse);
  }

  private param(node: hbs.AST.Expression, owner: string): hbs.AST.PathExpression | null {
    if (node.type === 'SubExpression') this.problem(node, 'subexpressions ( … ) are not allowed');
    else if (node.type !== 'PathExpression') this.problem(node, `{{${owner}}} takes a variable, not a literal`);
    else return node as hbs.AST.PathExpression;
    return null;
  }

  /** The one plain name a path may be, or null after saying why not. */
  private pathName(path: hbs.AST.PathExpression): string | null {
    const original = String(path.original);
    if (path.parts.some((part) => PROTOTYPE_NAMES.has(part)) || PROTOTYPE_NAMES.has(original)) {
      this.problem(path, `"${original}" is not allowed (prototype access)`);
      return null;
    }
    if (path.data) this.problem(path, `data variables ("@${original.replace(/^@/, '')}") are not allowed`);
    else if (path.depth > 0 || original.includes('../')) this.problem(path, `parent paths ("${original}") are not allowed`);
    else if (path.parts.length === 0) this.problem(path, `"${original}" is not allowed; name a variable`);
    else if (path.parts.length > 1 || original !== path.parts[0]) this.problem(path, `paths ("${original}") are not allowed; name a variable directly`);
    else return path.parts[0];
    return null;
  }

  private variable(path: hbs.AST.PathExpression, name: string | null): ScriptVariableDefinition | null {
    if (name === null) return null;
    const variable = IDENTIFIER.test(name) ? findVariable(name) : undefined;
    if (!variable) {
      this.problem(path, isHelper(name) ? `${name} is a helper, not a variable` : `unknown variable "${name}"${didYouMean(name, VARIABLE_KEYS)}`);
      return null;
    }
    if (this.kind && variable.notIn.includes(this.kind)) {
      this.problem(path, `"${name}" is not known when ${KIND_NAMES[this.kind]} is sent`);
      return null;
    }
    this.variables.add(name);
    return variable;
  }
}

function needsHelper(variable: ScriptVariableDefinition): string {
  switch (variable.helper) {
    case 'yuan':
      return `"${variable.key}" is an amount in fen; write {{yuan ${variable.key}}}`;
    case 'date':
      return `"${variable.key}" is a date; write {{date ${variable.key}}}`;
    case 'maskPhone':
      return `"${variable.key}" may only be shown masked; write {{maskPhone ${variable.key}}}`;
    default:
      return '';
  }
}

/** Handlebars' jison parser keeps the failing token's place on its lexer; the error message does not. */
function parserLocation(): { line: number; column: number } | null {
  const parser = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: { first_line?: number; first_column?: number } } } }).Parser;
  const loc = parser?.lexer?.yylloc;
  return loc && typeof loc.first_line === 'number' && typeof loc.first_column === 'number' ? { line: loc.first_line, column: loc.first_column + 1 } : null;
}

function syntaxProblem(error: unknown): TemplateProblem {
  const e = error as { message?: string; lineNumber?: number; column?: number };
  const message = String(e.message ?? error);
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  if (mismatch) {
    return { message: `{{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}`, line: e.lineNumber ?? null, column: e.column === undefined ? null : e.column + 1 };
  }
  const got = /got '([^']+)'/.exec(message)?.[1];
  const where = parserLocation();
  const text =
    got === 'EOF' ? 'the template ends before a tag or block is closed' : got === 'INVALID' ? 'unexpected text inside {{ }} (is a }} missing?)' : got ? `syntax error (unexpected ${got})` : `syntax error: ${message.split('\n')[0]}`;
  return { message: text, line: where?.line ?? null, column: where?.column ?? null };
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * Checks a template for a kind of script (without a kind: for any kind) and answers the variables
 * it uses, or every problem with its line and column.
 */
export function checkTemplate(text: string, kind?: ScriptKind): TemplateCheck {
  const raw = /\{\{\{\{/.exec(text);
  if (raw) return { ok: false, problems: [{ message: 'raw blocks ({{{{ }}}}) are not allowed', ...lineAndColumn(text, raw.index) }] };
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(text);
  } catch (error) {
    return { ok: false, problems: [syntaxProblem(error)] };
  }
  const walker = new TemplateWalker(kind);
  walker.program(ast);
  if (walker.problems.length) return { ok: false, problems: walker.problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, variables: [...walker.variables].sort() };
}

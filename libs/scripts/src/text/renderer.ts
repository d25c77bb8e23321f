import Handlebars from 'handlebars';
import { maskPhone, type ScriptRenderContext } from './script-variables';
import { checkTemplate, describeProblem, TEMPLATE_HELPERS } from './template-check';

/** `plain`: SMS and what the AI speaks, unescaped; `html`: text shown in the console, all of it HTML-escaped. */
export type RenderMode = 'plain' | 'html';

export interface RenderOptions {
  mode: RenderMode;
  /** The customer's IANA zone: instants are shown as the customer's calendar date. */
  timeZone: string;
}

/** A template that does not pass the check; saved scripts never are, so this is a programming error. */
export class TemplateRejectedError extends Error {}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Integer fen → `1,234.56` (yuan, thousands separated); empty for no value. */
export function formatYuan(fen: unknown): string {
  if (fen === null || fen === undefined || fen === '') return '';
  const n = Number(fen);
  if (!Number.isFinite(n)) return '';
  const abs = Math.abs(Math.round(n));
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 && abs > 0 ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A calendar date (`YYYY-MM-DD`, shown as it is) or an instant (shown as the date it is in the
 * customer's zone) → `2026年11月23日`; empty for no value.
 */
export function formatChineseDate(value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '';
  const plain = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
  if (plain) return `${Number(plain[1])}年${Number(plain[2])}月${Number(plain[3])}日`;
  const at = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(at.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}年${part('month')}月${part('day')}日`;
}

// An environment of our own: if/unless and our three helpers (each, with, lookup, log are gone);
// helperMissing stays, as it only throws. Nothing is registered on the global instance.
const KEEP = new Set(['if', 'unless', 'helperMissing', 'blockHelperMissing']);
const env = Handlebars.create();
for (const name of Object.keys(env.helpers)) if (!KEEP.has(name)) env.unregisterHelper(name);
env.registerHelper('yuan', (fen: unknown) => formatYuan(fen));
env.registerHelper('date', (value: unknown, options: Handlebars.HelperOptions) => formatChineseDate(value, (options.data as { timeZone?: string } | undefined)?.timeZone ?? 'Asia/Shanghai'));
env.registerHelper('maskPhone', (phone: unknown) => maskPhone(typeof phone === 'string' ? phone : null));

/** Only our helpers and if/unless are known (handlebars' other built-ins are switched off); a missing field throws. */
export const COMPILE_OPTIONS = {
  knownHelpersOnly: true,
  knownHelpers: { ...Object.fromEntries(TEMPLATE_HELPERS.map((h) => [h, true])), each: false, with: false, lookup: false, log: false },
  strict: true,
} as const;

/** Handlebars 4.6+ already refuses prototype properties and methods; said here so no upgrade changes it silently. */
export const RUNTIME_OPTIONS = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
} as const;

const CACHE_LIMIT = 500;
const cache = new Map<string, Handlebars.TemplateDelegate>();

/** In `html` mode the script's own text is escaped too, so the whole answer is safe to show as HTML. */
function escapeContent(program: hbs.AST.Program | undefined): void {
  for (const node of program?.body ?? []) {
    if (node.type === 'ContentStatement') (node as hbs.AST.ContentStatement).value = Handlebars.escapeExpression((node as hbs.AST.ContentStatement).value);
    if (node.type === 'BlockStatement') {
      escapeContent((node as hbs.AST.BlockStatement).program);
      escapeContent((node as hbs.AST.BlockStatement).inverse);
    }
  }
}

function compiled(text: string, mode: RenderMode): Handlebars.TemplateDelegate {
  const key = `${mode}\u0000${text}`;
  let template = cache.get(key);
  if (!template) {
    const check = checkTemplate(text);
    if (!check.ok) throw new TemplateRejectedError(`template refused: ${check.problems.map(describeProblem).join('; ')}`);
    // the AST we compile is handlebars' own parse of checked text (compile applies whitespace control)
    const ast = env.parseWithoutProcessing(text);
    if (mode === 'html') escapeContent(ast);
    template = env.compile(ast, { ...COMPILE_OPTIONS, noEscape: mode === 'plain' });
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, template);
  }
  return template;
}

/** Renders a checked template for one customer's context. */
export function renderTemplate(text: string, context: ScriptRenderContext, options: RenderOptions): string {
  return compiled(text, options.mode)(context, { ...RUNTIME_OPTIONS, data: { timeZone: options.timeZone } });
}

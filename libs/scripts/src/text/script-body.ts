import type { GraphScriptBody, ScriptBody, ScriptKind, SmsLength, SmsScriptBody } from '@app/contracts';
import { checkScriptGraph, type ScriptError } from './script-graph';
import { smsTemplateLength } from './sms-length';
import { checkTemplate, describeProblem } from './template-check';

export type BodyCheck = { ok: true; body: ScriptBody; variables: string[] } | { ok: false; errors: ScriptError[] };

/** An SMS template of 500 characters is already 8 parts of Chinese text. */
export const SMS_TEMPLATE_MAX = 500;

function checkSms(body: unknown, path: string): BodyCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, errors: [{ path, message: 'must be an object with the text' }] };
  const errors: ScriptError[] = Object.keys(body)
    .filter((key) => key !== 'text')
    .map((key) => ({ path: `${path}.${key}`, message: 'is not a known property' }));
  const value = (body as { text?: unknown }).text;
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, errors: [...errors, { path: `${path}.text`, message: 'is required: the message template' }] };
  const text = value.trim();
  if ([...text].length > SMS_TEMPLATE_MAX) errors.push({ path: `${path}.text`, message: `must be at most ${SMS_TEMPLATE_MAX} characters` });
  const check = checkTemplate(text, 'sms');
  if (!check.ok) errors.push(...check.problems.map((p) => ({ path: `${path}.text`, message: describeProblem(p) })));
  if (errors.length || !check.ok) return { ok: false, errors };
  return { ok: true, body: { text } satisfies SmsScriptBody, variables: check.variables };
}

/**
 * Checks a script body of a kind as it is saved: an SMS `{ text }`, or a graph of steps for voice
 * and agent scripts. Answers the body to store and the variables it uses, or every fault by path.
 */
export function checkScriptBody(kind: ScriptKind, body: unknown, path = 'body'): BodyCheck {
  return kind === 'sms' ? checkSms(body, path) : checkScriptGraph(kind, body, path);
}

export function isGraphBody(body: ScriptBody): body is GraphScriptBody {
  return 'steps' in body;
}

/** SMS only: the length measured on the template with variables at typical length. */
export function bodySmsLength(kind: ScriptKind, body: ScriptBody): SmsLength | null {
  return kind === 'sms' && !isGraphBody(body) ? smsTemplateLength(body.text) : null;
}

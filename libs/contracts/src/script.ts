import type { LocalizedText } from './segment';

/**
 * Scripts: an SMS template, or a graph of steps read by the AI (`voice`) or shown to an agent
 * (`agent`). Text is handlebars over the script variables (GET /api/scripts/variables) with a
 * fixed helper set: `{{yuan x}}`, `{{date x}}`, `{{maskPhone x}}`, and `{{#if x}}…{{else}}…{{/if}}`.
 */
export type ScriptKind = 'sms' | 'voice' | 'agent';
export const SCRIPT_KINDS: readonly ScriptKind[] = ['sms', 'voice', 'agent'];

/** How a call may end. `success` ones need every compliance step acknowledged first. */
export type Disposition =
  | 'interested'
  | 'completed'
  | 'activated'
  | 'redeemed'
  | 'not_interested'
  | 'callback'
  | 'wrong_number'
  | 'do_not_call'
  | 'no_decision'
  | 'handoff';
export const SUCCESS_DISPOSITIONS: readonly Disposition[] = ['interested', 'completed', 'activated', 'redeemed'];
export const DISPOSITIONS: readonly Disposition[] = [...SUCCESS_DISPOSITIONS, 'not_interested', 'callback', 'wrong_number', 'do_not_call', 'no_decision', 'handoff'];

export interface ScriptOption {
  /** What the agent clicks, or what the AI listens for. */
  label: string;
  /** For voice scripts: the intent that takes this option (e.g. `yes`, `no`, `human`). */
  intent?: string;
  /** The next step's id; absent: the call may end here. */
  next?: string;
}

export interface ScriptStep {
  id: string;
  title: string;
  text: string;
  /** Must be read (agent) or spoken (AI) and acknowledged before a success disposition. */
  compliance?: boolean;
  options: ScriptOption[];
  /** The dispositions a call may end with at this step; empty: the call cannot end here. */
  dispositions: Disposition[];
}

export interface SmsScriptBody {
  text: string;
}

export interface GraphScriptBody {
  start: string;
  steps: ScriptStep[];
}

export type ScriptBody = SmsScriptBody | GraphScriptBody;

export interface ScriptVariableView {
  /** As written in a template: `{{companyName}}`. */
  key: string;
  label: LocalizedText;
  type: 'string' | 'integer' | 'money' | 'date' | 'boolean' | 'phone';
  /** The helper the value needs, if any: money via `yuan`, dates via `date`, phones via `maskPhone`. */
  helper: 'yuan' | 'date' | 'maskPhone' | null;
}

export interface SmsLength {
  characters: number;
  /** 70 per part in UCS-2 (any Chinese), 67 per part once split; 160/153 for GSM-7 text. */
  parts: number;
  encoding: 'gsm7' | 'ucs2';
}

export interface ScriptVersionView {
  version: number;
  body: ScriptBody;
  variables: string[];
  /** Set once a campaign uses the version; it never changes after. */
  lockedAt: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface ScriptView {
  id: string;
  name: string;
  description: string | null;
  kind: ScriptKind;
  version: number;
  current: ScriptVersionView;
  /** SMS only, measured on the template text with variables at typical length. */
  smsLength: SmsLength | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ScriptPreview {
  scriptId: string;
  version: number;
  customerId: number;
  /** SMS: the message as sent; graphs: each step's rendered text, by step id. */
  text: string | null;
  steps: Array<{ id: string; title: string; text: string }> | null;
  smsLength: SmsLength | null;
}

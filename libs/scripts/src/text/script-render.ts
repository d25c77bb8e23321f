import { type ScriptBody, type ScriptKind, type SmsLength, smsLength } from '@app/contracts';
import { renderTemplate, type RenderMode } from './renderer';
import { isGraphBody } from './script-body';
import type { ScriptRenderContext } from './script-variables';

export interface RenderedScript {
  /** SMS: the message as sent. */
  text: string | null;
  /** Graphs: each step's text, in the body's order. */
  steps: Array<{ id: string; title: string; text: string }> | null;
  smsLength: SmsLength | null;
}

/**
 * A saved body rendered for one customer. An SMS is always plain (sent as it is); a graph's texts
 * are `html` (escaped) for the console by default, `plain` for what the AI speaks.
 */
export function renderScript(kind: ScriptKind, body: ScriptBody, context: ScriptRenderContext, timeZone: string, graphMode: RenderMode = 'html'): RenderedScript {
  if (!isGraphBody(body)) {
    const text = renderTemplate(body.text, context, { mode: 'plain', timeZone });
    return { text, steps: null, smsLength: kind === 'sms' ? smsLength(text) : null };
  }
  const steps = body.steps.map((s) => ({ id: s.id, title: s.title, text: renderTemplate(s.text, context, { mode: graphMode, timeZone }) }));
  return { text: null, steps, smsLength: null };
}

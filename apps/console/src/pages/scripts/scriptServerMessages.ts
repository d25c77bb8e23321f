/** The scripts' own validation messages (libs/scripts: template check, graph check) in Chinese. */
import type { Lang, Translate } from '../../i18n';
import { serverMessage, type MessagePatterns } from '../policy/serverMessages';

export const SCRIPT_MESSAGES: MessagePatterns = [
  [/^unknown variable "([^"]+)" \(did you mean "([^"]+)"\?\)$/, 'scripts.srv.unknownVariableNear', ['name', 'near']],
  [/^unknown variable "([^"]+)"$/, 'scripts.srv.unknownVariable', ['name']],
  [/^"([^"]+)" is not known when an SMS is sent$/, 'scripts.srv.notInSms', ['name']],
  [/^"([^"]+)" is not known when an? (?:AI call|agent call) is sent$/, 'scripts.srv.notInCall', ['name']],
  [/^unknown helper "([^"]+)"/, 'scripts.srv.unknownHelper', ['name']],
  [/^([a-zA-Z]+) is a helper, not a variable$/, 'scripts.srv.helperNotVariable', ['name']],
  [/^"([^"]+)" is an amount in fen; write (\{\{yuan [^}]+\}\})$/, 'scripts.srv.needsYuan', ['name', 'write']],
  [/^"([^"]+)" is a date; write (\{\{date [^}]+\}\})$/, 'scripts.srv.needsDate', ['name', 'write']],
  [/^"([^"]+)" may only be shown masked; write (\{\{maskPhone [^}]+\}\})$/, 'scripts.srv.needsMask', ['name', 'write']],
  [/^the template ends before a tag or block is closed$/, 'scripts.srv.unclosed', []],
  [/^unexpected text inside \{\{ \}\}/, 'scripts.srv.badTag', []],
  [/^syntax error/, 'scripts.srv.syntax', []],
  [/^(\{\{#\w+\}\}) is closed by (\{\{\/\w+\}\})$/, 'scripts.srv.mismatch', ['open', 'close']],
  [/^triple braces/, 'scripts.srv.triple', []],
  [/^is required: the message template$/, 'scripts.sms.required', []],
  [/^is required: text$/, 'scripts.graph.textRequired', []],
  [/^must be at most (\d+) characters$/, 'srv.maxLength', ['n']],
  [/^unknown step "([^"]+)"$/, 'scripts.srv.unknownStep', ['id']],
  [/^is required: the id of the first step$/, 'scripts.graph.startRequired', []],
  [/^must be 1–40 lowercase letters/, 'scripts.graph.idPattern', []],
  [/^"([^"]+)" is already the id of steps\[(\d+)\]$/, 'scripts.srv.duplicateId', ['id', 'index']],
  [/^leads nowhere/, 'scripts.srv.leadsNowhere', []],
  [/^is required in a voice script/, 'scripts.srv.intentRequired', []],
  [/^"([^"]+)" already leads from options\[(\d+)\]$/, 'scripts.srv.intentTwice', ['intent', 'index']],
  [/^is required: this step allows no disposition/, 'scripts.srv.nextRequired', []],
  [/^cannot be reached from the start step "([^"]+)"$/, 'scripts.srv.unreachable', ['start']],
  [/^no step allows the call to end/, 'scripts.srv.noEnd', []],
  [/^never leads to a step where the call can end$/, 'scripts.srv.neverEnds', []],
  [/^"([^"]+)" is listed twice$/, 'scripts.srv.listedTwice', ['name']],
];

/** `unknown variable "x" (line 2, column 5)` → 未知变量“x”（第 2 行第 5 列）. */
export function scriptMessage(message: string, lang: Lang, t: Translate): string {
  const at = / \(line (\d+), column (\d+)\)$/.exec(message);
  const head = at ? message.slice(0, at.index) : message;
  const text = serverMessage(head, lang, t, SCRIPT_MESSAGES);
  if (!at) return text;
  return `${text}${t('scripts.srv.at', { line: at[1], column: at[2] })}`;
}

/** The contact policy's own validation messages (libs/campaigns policy settings), for serverMessage(). */
import type { MessagePatterns } from './serverMessages';

export const POLICY_MESSAGES: MessagePatterns = [
  [/^would widen the bank's policy/, 'policy.srv.widens', []],
  [/^must be after the start \(([\d:]+)\)$/, 'policy.srv.afterStart', ['start']],
  [/^must be before the end \(([\d:]+)\)$/, 'policy.srv.beforeEnd', ['end']],
  [/^must be a time HH:mm/, 'policy.srv.time', []],
  [/^must be a whole number(?: of \w+)? from (\d+) to (\d+)/, 'policy.srv.wholeRange', ['min', 'max']],
  [/^must be one of workdays, all_but_holidays, every_day$/, 'policy.srv.days', []],
  [/^is required$/, 'srv.required', []],
];

/** The campaigns' and the policy narrowing's own validation messages, for serverMessage(). */
import type { MessagePatterns } from '../policy/serverMessages';

export const CAMPAIGN_MESSAGES: MessagePatterns = [
  [/^would widen the bank's policy/, 'campaigns.srv.widens', []],
  [/^must be after the start \(([\d:]+)\)$/, 'campaigns.srv.afterStart', ['start']],
  [/^must be before the end \(([\d:]+)\)$/, 'campaigns.srv.beforeEnd', ['end']],
  [/^must be a time HH:mm/, 'campaigns.srv.time', []],
  [/^must be a whole number(?: of \w+)? from (\d+) to (\d+)/, 'campaigns.srv.wholeRange', ['min', 'max']],
  [/^is required$/, 'srv.required', []],
  [/^the first step has no previous step/, 'campaigns.srv.firstStep', []],
  [/^no such script$/, 'campaigns.srv.noScript', []],
  [/^script has no version (\d+)$/, 'campaigns.srv.noVersion', ['n']],
  [/^a \w+ step needs a \w+ script/, 'campaigns.srv.wrongKind', []],
  [/^a marketing SMS must tell the customer how to opt out.*"(.+)" does not$/, 'campaigns.srv.optOut', ['name']],
  [/^the campaign must end after it starts$/, 'campaigns.srv.endAfterStart', []],
  [/^the end has already passed$/, 'campaigns.srv.endPassed', []],
  [/^no such segment/, 'campaigns.srv.noSegment', []],
  [/^already used by another campaign$/, 'campaigns.srv.nameTaken', []],
  [/^cannot change once the campaign is (\w+)$/, 'campaigns.srv.notEditable', []],
];

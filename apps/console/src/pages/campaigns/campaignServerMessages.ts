/** The campaigns' and the policy narrowing's own validation messages, for serverMessage(). */
import { POLICY_MESSAGES } from '../policy/policyServerMessages';
import type { MessagePatterns } from '../policy/serverMessages';

export const CAMPAIGN_MESSAGES: MessagePatterns = [
  ...POLICY_MESSAGES,
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

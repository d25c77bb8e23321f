/** The policy's own validation messages, for serverMessage(). */
import type { MessagePatterns } from './serverMessages';

export const POLICY_MESSAGES: MessagePatterns = [];

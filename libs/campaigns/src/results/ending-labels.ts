import { CONVERSATION_OUTCOME_ZH, type ConversationOutcome, DISPOSITIONS } from '@app/contracts';

/** The order of the results CSV's endings columns: the AI's outcomes, then the agents' dispositions. */
export const ENDING_ORDER = { ai: Object.keys(CONVERSATION_OUTCOME_ZH) as ConversationOutcome[], agent: DISPOSITIONS };

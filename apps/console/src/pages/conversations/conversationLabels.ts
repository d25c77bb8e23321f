/** How an AI call's codes read in the console: outcomes, handoff reasons, intents and their colours. */
import type { ConversationOutcome, ConversationStatus, HandoffReason, TurnIntent } from '@app/contracts';
import type { MessageKey } from '../../i18n';

export const CONVERSATION_OUTCOME_KEYS: Record<ConversationOutcome, MessageKey> = {
  completed: 'transcript.outcome.completed',
  handed_off: 'transcript.outcome.handed_off',
  callback: 'transcript.outcome.callback',
  opted_out: 'transcript.outcome.opted_out',
  not_interested: 'transcript.outcome.not_interested',
  wrong_person: 'transcript.outcome.wrong_person',
  already_done: 'transcript.outcome.already_done',
  no_response: 'transcript.outcome.no_response',
  hung_up: 'transcript.outcome.hung_up',
  no_agent: 'transcript.outcome.no_agent',
};

/** Reached and settled green, a person or a callback to follow blue or orange, a refusal red. */
export const CONVERSATION_OUTCOME_COLORS: Record<ConversationOutcome, string> = {
  completed: 'success',
  already_done: 'success',
  handed_off: 'processing',
  callback: 'warning',
  no_agent: 'warning',
  opted_out: 'error',
  not_interested: 'default',
  wrong_person: 'default',
  no_response: 'default',
  hung_up: 'default',
};

export const CONVERSATION_STATUS_KEYS: Record<ConversationStatus, MessageKey> = {
  active: 'transcript.status.active',
  handoff: 'transcript.status.handoff',
  ended: 'transcript.status.ended',
};

export const HANDOFF_REASON_KEYS: Record<HandoffReason, MessageKey> = {
  asked_for_human: 'transcript.handoff.reason.asked_for_human',
  interested: 'transcript.handoff.reason.interested',
  question: 'transcript.handoff.reason.question',
  not_understood: 'transcript.handoff.reason.not_understood',
};

export const INTENT_KEYS: Record<TurnIntent, MessageKey> = {
  yes: 'transcript.intent.yes',
  no: 'transcript.intent.no',
  interested: 'transcript.intent.interested',
  not_interested: 'transcript.intent.not_interested',
  busy: 'transcript.intent.busy',
  later: 'transcript.intent.later',
  human: 'transcript.intent.human',
  stop: 'transcript.intent.stop',
  wrong_person: 'transcript.intent.wrong_person',
  already_done: 'transcript.intent.already_done',
  question: 'transcript.intent.question',
  repeat: 'transcript.intent.repeat',
  silence: 'transcript.intent.silence',
  unclear: 'transcript.intent.unclear',
};

/** Agreeing green, refusing red or orange, wanting something blue, not understood grey. */
export const INTENT_COLORS: Record<TurnIntent, string> = {
  yes: 'green',
  interested: 'green',
  already_done: 'cyan',
  no: 'orange',
  not_interested: 'orange',
  wrong_person: 'orange',
  stop: 'red',
  busy: 'gold',
  later: 'gold',
  human: 'blue',
  question: 'geekblue',
  repeat: 'default',
  silence: 'default',
  unclear: 'default',
};

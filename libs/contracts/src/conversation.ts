/**
 * An AI call as staff read it: how it ended, the handoff to a person, and every turn in order.
 * Codes, not words: the console names them in the reader's language. Instants are ISO strings.
 */

/** `handoff`: waiting for or talking to an agent. */
export type ConversationStatus = 'active' | 'handoff' | 'ended';

export type ConversationOutcome = 'completed' | 'handed_off' | 'callback' | 'opted_out' | 'not_interested' | 'wrong_person' | 'already_done' | 'no_response' | 'hung_up' | 'no_agent';

export type HandoffReason = 'asked_for_human' | 'interested' | 'question' | 'not_understood';

/** What the rules read in a customer's turn. */
export type TurnIntent = 'yes' | 'no' | 'interested' | 'not_interested' | 'busy' | 'later' | 'human' | 'stop' | 'wrong_person' | 'already_done' | 'question' | 'repeat' | 'silence' | 'unclear';

/** `system`: a note of the call itself (a silence, an interruption, a key pressed). */
export type TurnSpeaker = 'ai' | 'customer' | 'system';

export interface ConversationTurnView {
  seq: number;
  speaker: TurnSpeaker;
  text: string;
  /** Customer turns: what they meant, and how sure the rules were (0–1). */
  intent: TurnIntent | null;
  confidence: number | null;
  /** The script step the turn belongs to. */
  step: string | null;
  at: string;
}

export interface ConversationHandoffView {
  reason: HandoffReason;
  requestedAt: string;
  /** The agent who took the call; null while waiting, or when none was free. */
  agentId: string | null;
  agentName: string | null;
  connectedAt: string | null;
}

export interface ConversationView {
  id: number;
  campaignId: string;
  attemptId: number;
  customerId: number;
  status: ConversationStatus;
  /** Null until the call ends. */
  outcome: ConversationOutcome | null;
  /** One line, written by the server when the call ends (in Chinese, as on the customer's timeline). */
  summary: string | null;
  /** The script step the dialogue is at, or stopped at. */
  step: string;
  /** The customer was spoken to the elderly-friendly way (slower, offered a person first). */
  elderly: boolean;
  handoff: ConversationHandoffView | null;
  startedAt: string;
  endedAt: string | null;
  turns: ConversationTurnView[];
}

import type { HandoffReason } from '../dialogue/dialogue';

export interface HandoffRequest {
  conversationId: number;
  attemptId: number;
  customerId: number;
  campaignId: string;
  branchCode: string;
  reason: HandoffReason;
}

export interface HandoffAgent {
  id: string;
  name: string;
  /** How the carrier reaches the agent's console: a Twilio Client identity. */
  identity: string;
}

/**
 * The agent desk as conversations sees it (a port: agent-desk implements it). Reserve finds an
 * available agent by skills, branch and longest idle, and gives them the whole context of the
 * conversation; the call is then bridged to them.
 */
export abstract class AgentHandoff {
  /** An available agent, now reserved for this call with its context, or null when none is free. */
  abstract reserve(request: HandoffRequest): Promise<HandoffAgent | null>;
  /** The carrier bridged the call to the agent. */
  abstract connected(conversationId: number, agentId: string): Promise<void>;
  /** The customer is no longer waiting (they hung up, or a callback was planned instead). */
  abstract withdraw(conversationId: number): Promise<void>;
  /**
   * A campaign's agent call was answered: the agent it is put through to, found within the wait
   * (AGENT_ANSWER_WAIT_SECONDS), or null: the customer hears the recorded message and the call
   * counts as abandoned.
   */
  abstract answered(attemptId: number): Promise<HandoffAgent | null>;
}

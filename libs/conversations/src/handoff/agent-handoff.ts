import { Injectable } from '@nestjs/common';
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
}

/** Without the agent desk no agent is ever free: a handed-over customer is told and called back. */
@Injectable()
export class NoAgentsOnline extends AgentHandoff {
  reserve(): Promise<HandoffAgent | null> {
    return Promise.resolve(null);
  }

  connected(): Promise<void> {
    return Promise.resolve();
  }

  withdraw(): Promise<void> {
    return Promise.resolve();
  }
}

import { Injectable } from '@nestjs/common';
import { AgentHandoff, type HandoffAgent, type HandoffRequest } from '@app/conversations';
import { AgentDesk } from '../desk/agent-desk.service';

/** The AgentHandoff port of conversations, answered by the desk's queue and routing. */
@Injectable()
export class DeskHandoff extends AgentHandoff {
  constructor(private readonly desk: AgentDesk) {
    super();
  }

  reserve(request: HandoffRequest): Promise<HandoffAgent | null> {
    return this.desk.requestHandoff(request);
  }

  connected(conversationId: number, agentId: string): Promise<void> {
    return this.desk.handoffConnected(conversationId, agentId);
  }

  withdraw(conversationId: number): Promise<void> {
    return this.desk.withdrawHandoff(conversationId);
  }

  answered(attemptId: number): Promise<HandoffAgent | null> {
    return this.desk.answered(attemptId);
  }
}

import type { CampaignPacing } from '@app/contracts';

/**
 * How many agent calls a campaign may dial now (a port: the agent desk implements it with its
 * pacing modes and free agents). Until one is wired in, no agent call is dialled: a call answered
 * with no agent to take it would be an abandoned call.
 */
export abstract class AgentCapacity {
  abstract dialsAllowed(campaignId: string, pacing: CampaignPacing, inFlight: number): Promise<number>;
}

export class NoAgentDesk extends AgentCapacity {
  dialsAllowed(): Promise<number> {
    return Promise.resolve(0);
  }
}

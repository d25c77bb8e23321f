import type { CampaignPacing } from '@app/contracts';

/**
 * How many agent calls a campaign may dial now (a port: the agent desk implements it with its
 * pacing modes and free agents, and provides it to every module).
 */
export abstract class AgentCapacity {
  abstract dialsAllowed(campaignId: string, pacing: CampaignPacing, inFlight: number): Promise<number>;
}

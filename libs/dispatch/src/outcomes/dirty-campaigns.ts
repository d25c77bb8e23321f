import { Injectable } from '@nestjs/common';

/** Campaigns with new outcomes since their last planning: their next steps and retries are due a plan. */
@Injectable()
export class DirtyCampaigns {
  private readonly ids = new Set<string>();

  mark(campaignId: string): void {
    this.ids.add(campaignId);
  }

  take(): string[] {
    const ids = [...this.ids];
    this.ids.clear();
    return ids;
  }
}

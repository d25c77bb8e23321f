import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { channelClass, type PolicyEvaluation } from '@app/contracts';
import { type BranchScope, branchWhere, Clock, query, toDate } from '@app/core';
import { Customer } from '@app/customers';
import { CampaignsErrorCode, CampaignsException } from '../campaigns.exception';
import { Campaign } from '../campaigns/campaign.entity';
import { DoNotContactEntry } from '../do-not-contact/do-not-contact.entity';
import { activeDncSql, channelsOfClass, COUNTED_CONTACT_SQL, dncChannelsCovering } from '../planning/policy-sql';
import { evaluatePolicy } from '../policy/contact-policy';
import type { EvaluateDto } from './contact-policy.dto';
import { ContactPolicyService } from './contact-policy.service';

/** "May we contact this customer, on this channel, for this purpose, at this moment, and why (not)?" */
@Injectable()
export class PolicyEvaluationService {
  constructor(
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    private readonly dataSource: DataSource,
    private readonly policy: ContactPolicyService,
    private readonly clock: Clock,
  ) {}

  /** A customer of another branch than the viewer's is no customer (the same 400 as an unknown one). */
  async evaluate(dto: EvaluateDto, scope: BranchScope): Promise<PolicyEvaluation> {
    const inScope = branchWhere(scope);
    const customer = dto.customerId !== undefined ? await this.customers.findOneBy({ id: dto.customerId, ...inScope }) : await this.customers.findOneBy({ customerNo: dto.customerNo, ...inScope });
    if (!customer) {
      const field = dto.customerId !== undefined ? 'customerId' : 'customerNo';
      throw new CampaignsException(CampaignsErrorCode.CustomerNotFound, `no customer with ${field} ${dto.customerId ?? dto.customerNo}`, [{ field, message: 'no such customer' }]);
    }
    const at = dto.at ?? this.clock.now();
    let campaign: Campaign | null = null;
    if (dto.campaignId) {
      campaign = await this.campaigns.findOneBy({ id: dto.campaignId });
      if (!campaign) throw new CampaignsException(CampaignsErrorCode.CampaignNotFound, `campaign ${dto.campaignId} not found`, [{ field: 'campaignId', message: 'no such campaign' }]);
    }
    const settings = campaign ? await this.policy.effective(campaign.policy) : await this.policy.settings();
    const dnc = await query<Pick<DoNotContactEntry, 'channel' | 'scope' | 'reason'> & { until: unknown }>(
      this.dataSource,
      `SELECT d.channel, d.scope, d.reason, d.until FROM do_not_contact d WHERE (d.customer_id = :id OR d.phone = :phone) AND ${activeDncSql(false)}`,
      { id: customer.id, phone: customer.phone, now: at, dncChannels: dncChannelsCovering(dto.channel) },
    );
    const cap = settings.caps[channelClass(dto.channel)];
    const contacts = await query<{ due_at: unknown }>(
      this.dataSource,
      `SELECT a.due_at FROM contact_attempts a WHERE a.customer_id = :id AND a.channel IN (:...channels) AND ${COUNTED_CONTACT_SQL} AND a.due_at > :since`,
      { id: customer.id, channels: channelsOfClass(dto.channel), since: new Date(at.getTime() - cap.days * 86_400_000) },
    );
    const decision = evaluatePolicy({
      settings,
      calendar: await this.policy.calendar(),
      channel: dto.channel,
      purpose: dto.purpose,
      at,
      customer: { timeZone: customer.timeZone, consentSms: customer.consentSms, consentCall: customer.consentCall },
      doNotContact: dnc.map((d) => ({ channel: d.channel, scope: d.scope, reason: d.reason, until: toDate(d.until) })),
      contacts: contacts.map((c) => toDate(c.due_at) as Date),
      campaignWindow: campaign ? { startsAt: campaign.startsAt, endsAt: campaign.endsAt } : undefined,
    });
    return { ...decision, customerId: customer.id, customerNo: customer.customerNo, channel: dto.channel, purpose: dto.purpose, at: at.toISOString(), timeZone: customer.timeZone };
  }
}

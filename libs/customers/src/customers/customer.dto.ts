import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { CustomerDetail, CustomerSummary, TimelineEntry } from '@app/contracts';
import { maskPhone, PageQuery } from '@app/core';
import type { ContactEvent } from '../timeline/contact-event.entity';
import type { Customer } from './customer.entity';

export class CustomerListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'customer number prefix or part of the company name' })
  @IsOptional() @IsString() @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ description: 'part of the company name' })
  @IsOptional() @IsString() @MaxLength(100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(32)
  customerNo?: string;

  @ApiPropertyOptional()
  @IsOptional() @Matches(/^[A-Za-z0-9]{1,20}$/, { message: 'branchCode must be 1–20 letters or digits' })
  branchCode?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 5 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(5)
  tier?: number;
}

export function toSummary(c: Customer): CustomerSummary {
  return {
    id: c.id,
    customerNo: c.customerNo,
    companyName: c.companyName,
    legalRepName: c.legalRepName,
    phoneMasked: maskPhone(c.phone),
    branchCode: c.branchCode,
    tier: c.tier,
    openedAt: c.openedAt,
    lastTxnAt: c.lastTxnAt,
    avgDailyBalanceFen: c.avgDailyBalanceFen,
    pointsBalance: c.pointsBalance,
    pointsExpireAt: c.pointsExpireAt,
    onlineBankingActivated: c.onlineBankingActivated,
  };
}

export function toDetail(c: Customer, timeline: ContactEvent[], canRevealContact: boolean): CustomerDetail {
  return {
    ...toSummary(c),
    uscc: c.uscc,
    province: c.province,
    timeZone: c.timeZone,
    nextTierThresholdFen: c.nextTierThresholdFen,
    mobileBankingActive: c.mobileBankingActive,
    payrollService: c.payrollService,
    hasLoan: c.hasLoan,
    consentSms: c.consentSms,
    consentCall: c.consentCall,
    elderlyFriendly: c.elderlyFriendly,
    riskFlags: c.riskFlags,
    lastFeedDate: c.lastFeedDate,
    canRevealContact,
    timeline: timeline.map(toTimelineEntry),
  };
}

export function toTimelineEntry(e: ContactEvent): TimelineEntry {
  return {
    id: e.id,
    at: e.at.toISOString(),
    channel: e.channel,
    kind: e.kind,
    summary: e.summary,
    actorName: e.actorName,
    campaignId: e.campaignId,
    attemptId: e.attemptId === null ? null : Number(e.attemptId),
    detail: e.detail,
  };
}

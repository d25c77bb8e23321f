import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DoNotContactService, type DncActor } from '@app/campaigns';
import { Clock, query, WriteGate } from '@app/core';
import { ContactEvent, parsePhone, ValueProblem } from '@app/customers';
import type { InboundSms } from '@app/telephony';
import { recordProviderEvent } from '../outcomes/provider-events';
import { OPT_OUT_CONFIRMATION, optOutKeyword } from './opt-out-keywords';

const SMS_REPLY: DncActor = { userId: null, username: '客户短信回复', role: null };

/**
 * A customer's SMS to the bank. An opt-out keyword closes marketing SMS to that number at once,
 * across every campaign (planned ones are withdrawn in the same transaction), and is confirmed in
 * the reply (kept with it). Every reply lands on the timeline of the customers with that number. The carrier may
 * post one message twice: the second changes nothing.
 */
@Injectable()
export class InboundSmsService {
  private readonly logger = new Logger(InboundSmsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: WriteGate,
    private readonly clock: Clock,
    private readonly doNotContact: DoNotContactService,
  ) {}

  async receive(sms: InboundSms): Promise<string | null> {
    const keyword = optOutKeyword(sms.body);
    const parsed = parsePhone(sms.from);
    const phone = parsed instanceof ValueProblem ? sms.from : parsed;
    const fresh = await this.writes.run(() =>
      recordProviderEvent(this.dataSource.manager, { providerId: sms.providerId, kind: 'sms', status: 'received', at: sms.at, attemptId: null, source: 'inbound', raw: { from: sms.from, to: sms.to, body: sms.body } }),
    );
    if (!fresh) return keyword ? OPT_OUT_CONFIRMATION : null;
    if (keyword) {
      const entry = await this.doNotContact.add({ phone, channel: 'sms', scope: 'marketing', reason: `客户短信回复“${sms.body.trim()}”`, source: 'sms_keyword' }, SMS_REPLY);
      this.logger.log(`SMS opt-out from ${entry.phoneMasked}: ${entry.withdrawn} planned SMS withdrawn`);
    }
    await this.writes.run(async () => {
      const customers = await query<{ id: number }>(this.dataSource, 'SELECT id FROM customers WHERE phone = :phone', { phone });
      if (!customers.length) return;
      await this.dataSource.getRepository(ContactEvent).insert(
        customers.map((c) => ({
          customerId: Number(c.id),
          at: sms.at ?? this.clock.now(),
          channel: 'sms',
          kind: 'inbound_sms',
          summary: keyword ? `客户回复短信“${sms.body.trim()}”，已退订营销短信` : `客户回复短信：${sms.body.trim()}`,
          campaignId: null,
          attemptId: null,
          actorName: null,
          // the confirmation the carrier sends back in our answer: what the customer read
          detail: keyword ? { body: sms.body, optOut: true, reply: OPT_OUT_CONFIRMATION } : { body: sms.body, optOut: false },
        })),
      );
    });
    return keyword ? OPT_OUT_CONFIRMATION : null;
  }
}

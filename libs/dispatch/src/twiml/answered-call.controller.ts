import { Body, Controller, Header, Headers, HttpCode, Param, ParseIntPipe, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import twilio from 'twilio';
import { Repository } from 'typeorm';
import { ContactAttempt } from '@app/campaigns';
import { Public } from '@app/core';
import { Customer } from '@app/customers';
import { accepted, TelephonyProvider, TelephonyUrls } from '@app/telephony';
import { MessageRenderer } from '../dispatcher/message-renderer';
import { AttemptOutcomes } from '../outcomes/attempt-outcomes.service';

/**
 * What an answered call does (the carrier asks when the customer picks up). For now an AI call
 * speaks its voice script's opening and an agent call announces the transfer; the AI dialogue
 * over ConversationRelay and the bridge to an agent take this route over in later work.
 */
@ApiExcludeController()
@Public()
@Controller('webhooks/twilio/voice/twiml')
export class AnsweredCallController {
  constructor(
    @InjectRepository(ContactAttempt) private readonly attempts: Repository<ContactAttempt>,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    private readonly provider: TelephonyProvider,
    private readonly urls: TelephonyUrls,
    private readonly outcomes: AttemptOutcomes,
    private readonly messages: MessageRenderer,
  ) {}

  @Post(':attemptId')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  async answered(@Param('attemptId', ParseIntPipe) attemptId: number, @Req() req: Request, @Body() body: Record<string, string>, @Headers('x-twilio-signature') signature?: string): Promise<string> {
    const answered = accepted(this.provider.verifyCallback('call', `${this.urls.base}${req.originalUrl}`, body ?? {}, signature));
    await this.outcomes.apply(answered, 'callback', attemptId);
    const response = new twilio.twiml.VoiceResponse();
    const attempt = await this.attempts.findOneBy({ id: attemptId });
    const customer = attempt ? await this.customers.findOneBy({ id: attempt.customerId }) : null;
    if (attempt?.channel === 'ai_call' && customer) {
      response.say({ language: 'zh-CN' }, await this.messages.greeting(attempt.campaignId, attempt.stepNo, customer));
    } else {
      response.say({ language: 'zh-CN' }, '您好，这里是银行远程服务中心，正在为您转接客服，请稍候。');
    }
    response.hangup();
    return response.toString();
  }
}

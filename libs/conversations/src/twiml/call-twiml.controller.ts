import { Body, Controller, Header, Headers, HttpCode, Logger, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import twilio from 'twilio';
import { Repository } from 'typeorm';
import { ContactAttempt } from '@app/campaigns';
import { AppConfig, IdParam, Public } from '@app/core';
import { Customer } from '@app/customers';
import { AttemptOutcomes, MessageRenderer } from '@app/dispatch';
import { accepted, TelephonyErrorCode, TelephonyException, TelephonyProvider, TelephonyUrls } from '@app/telephony';
import { Dialogue } from '../dialogue/dialogue';
import { AgentHandoff } from '../handoff/agent-handoff';
import { readHandoffData } from '../relay/handoff-data';

const TRANSFER = '您好，这里是银行远程服务中心，正在为您转接客服，请稍候。';
/** What an answered agent call hears when no agent is free within the wait (never silence). */
const NO_AGENT = '您好，这里是银行远程服务中心。很抱歉，目前客户经理均在通话中，我们将尽快再与您联系，感谢您的耐心，再见。';

/**
 * What the carrier asks when a call is answered, and when an AI call's relay session ends. An AI
 * call is connected to the ConversationRelay websocket in Mandarin, greeted with its voice
 * script's first step (elderly-friendly customers in the slower voice, offered a person first);
 * when the AI hands over, the session's end is answered by dialling the agent who took it. A
 * campaign's agent call is put through to the agent the desk finds, or hears a recorded message.
 */
@ApiExcludeController()
@Public()
@Controller('webhooks/twilio/voice')
export class CallTwimlController {
  private readonly logger = new Logger(CallTwimlController.name);

  constructor(
    @InjectRepository(ContactAttempt) private readonly attempts: Repository<ContactAttempt>,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    private readonly provider: TelephonyProvider,
    private readonly urls: TelephonyUrls,
    private readonly outcomes: AttemptOutcomes,
    private readonly messages: MessageRenderer,
    private readonly handoff: AgentHandoff,
    private readonly config: AppConfig,
  ) {}

  @Post('twiml/:attemptId')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  async answered(@Param('attemptId', IdParam) attemptId: number, @Req() req: Request, @Body() body: Record<string, string>, @Headers('x-twilio-signature') signature?: string): Promise<string> {
    const answered = accepted(this.provider.verifyCallback('call', `${this.urls.base}${req.originalUrl}`, body ?? {}, signature));
    await this.outcomes.apply(answered, 'callback', attemptId);
    const response = new twilio.twiml.VoiceResponse();
    const attempt = await this.attempts.findOneBy({ id: attemptId });
    const customer = attempt ? await this.customers.findOneBy({ id: attempt.customerId }) : null;
    if (attempt?.channel === 'agent_call') {
      const agent = await this.handoff.answered(attemptId);
      if (agent) {
        response.dial({ answerOnBridge: true }).client(agent.identity);
      } else {
        response.say({ language: 'zh-CN' }, NO_AGENT);
        response.hangup();
      }
      return response.toString();
    }
    if (attempt?.channel !== 'ai_call' || !customer) {
      response.say({ language: 'zh-CN' }, TRANSFER);
      response.hangup();
      return response.toString();
    }
    const script = await this.messages.voiceScript(attempt.campaignId, attempt.stepNo, customer);
    const elderly = customer.elderlyFriendly;
    const voice = elderly ? (this.config.RELAY_ELDERLY_TTS_VOICE ?? this.config.RELAY_TTS_VOICE) : this.config.RELAY_TTS_VOICE;
    const relay = response.connect({ action: this.urls.relayAction(attemptId) }).conversationRelay({
      url: this.urls.relay(),
      language: 'zh-CN',
      welcomeGreeting: new Dialogue(script, { elderly }).greeting(),
      interruptible: 'any',
      dtmfDetection: true,
      partialPrompts: true,
      ...(voice ? { voice } : {}),
    });
    relay.parameter({ name: 'attemptId', value: String(attemptId) });
    return response.toString();
  }

  /** The relay session ended (Twilio posts the `<Connect action>`): a handoff is bridged to its agent, anything else hangs up. */
  @Post('relay-action/:attemptId')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  async relayEnded(@Param('attemptId', IdParam) attemptId: number, @Req() req: Request, @Body() body: Record<string, string>, @Headers('x-twilio-signature') signature?: string): Promise<string> {
    if (!this.provider.verifyRequest(`${this.urls.base}${req.originalUrl}`, body ?? {}, signature)) throw new TelephonyException(TelephonyErrorCode.BadSignature, 'X-Twilio-Signature does not match this request');
    const response = new twilio.twiml.VoiceResponse();
    const handoff = readHandoffData(body?.HandoffData);
    if (body?.SessionStatus === 'ended' && handoff?.agent) {
      response.dial({ answerOnBridge: true }).client(handoff.agent.identity);
      await this.handoff.connected(handoff.conversationId, handoff.agent.id);
      this.logger.log(`attempt ${attemptId}: conversation ${handoff.conversationId} bridged to ${handoff.agent.name}`);
    } else {
      if (body?.SessionStatus && body.SessionStatus !== 'ended') this.logger.warn(`attempt ${attemptId}: relay session ${body.SessionId ?? ''} ${body.SessionStatus}`);
      response.hangup();
    }
    return response.toString();
  }
}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignsModule, ContactAttempt } from '@app/campaigns';
import { Customer, CustomersModule } from '@app/customers';
import { DispatchModule } from '@app/dispatch';
import { TelephonyModule } from '@app/telephony';
import { QuestionAnswerer } from './relay/question-answerer';
import { RelayGateway } from './relay/relay.gateway';
import { RelaySessions } from './relay/relay-sessions.service';
import { Conversation, ConversationTurn } from './store/conversation.entity';
import { ConversationRecorder } from './store/conversation-recorder.service';
import { ConversationTranscripts } from './store/conversation-transcripts';
import { ConversationsController } from './store/conversations.controller';
import { CallTwimlController } from './twiml/call-twiml.controller';

/**
 * AI calls (DESIGN §3): the TwiML that connects an answered AI call to ConversationRelay, the
 * relay websocket and its dialogue, the conversation's records, and the handoff to an agent
 * through the AgentHandoff port (agent-desk implements it and provides it to every module).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Conversation, ConversationTurn, ContactAttempt, Customer]), CustomersModule, CampaignsModule, DispatchModule, TelephonyModule],
  controllers: [CallTwimlController, ConversationsController],
  providers: [ConversationRecorder, ConversationTranscripts, QuestionAnswerer, RelayGateway, RelaySessions],
  exports: [ConversationRecorder, ConversationTranscripts, RelaySessions],
})
export class ConversationsModule {}

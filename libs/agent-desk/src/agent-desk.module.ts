import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@app/auth';
import { CampaignsModule, CampaignStep } from '@app/campaigns';
import { AgentHandoff, ConversationsModule } from '@app/conversations';
import { CustomersModule } from '@app/customers';
import { AgentCapacity, DispatchModule } from '@app/dispatch';
import { TelephonyModule } from '@app/telephony';
import { DeskCallbacks } from './callbacks/desk-callbacks.service';
import { DeskCallbacksController } from './callbacks/desk-callbacks.controller';
import { AgentDesk } from './desk/agent-desk.service';
import { DeskLoop } from './desk/desk-loop.service';
import { DeskViews } from './desk/desk-views.service';
import { DeskGateway } from './gateway/desk.gateway';
import { DeskPublisher } from './gateway/desk-publisher';
import { DeskCapacity } from './ports/desk-capacity';
import { DeskHandoff } from './ports/desk-handoff';
import { AgentState, DeskCallRecord } from './store/desk.entities';
import { Wallboard } from './wallboard/wallboard.service';

/**
 * The agent desk (DESIGN §3): the socket.io gateway, presence, routing, the live script,
 * dispositions and the wallboard. Global, because it answers the ports the lower libs ask:
 * dispatch's AgentCapacity (how many agent calls to dial) and conversations' AgentHandoff (an
 * agent for a handed-over AI call, and for an answered agent call).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AgentState, DeskCallRecord, CampaignStep]), AuthModule, CustomersModule, CampaignsModule, DispatchModule, ConversationsModule, TelephonyModule],
  controllers: [DeskCallbacksController],
  providers: [AgentDesk, DeskCallbacks, DeskViews, DeskPublisher, DeskGateway, DeskLoop, Wallboard, { provide: AgentHandoff, useClass: DeskHandoff }, { provide: AgentCapacity, useClass: DeskCapacity }],
  exports: [AgentHandoff, AgentCapacity, AgentDesk],
})
export class AgentDeskModule {}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { DeskCallbackItem } from '@app/contracts';
import { type BranchScope, CurrentUser, type Principal, Roles, ViewerScope } from '@app/core';
import { DeskCallbacks } from './desk-callbacks.service';

export class CallbacksQuery {
  /** `mine`: only the caller's own (an agent always gets only theirs). */
  @IsOptional() @IsIn(['mine', 'all'], { message: 'of must be mine or all' })
  of?: 'mine' | 'all';
}

@ApiTags('agent-desk')
@ApiBearerAuth()
@Roles('admin', 'supervisor', 'agent')
@Controller('desk/callbacks')
export class DeskCallbacksController {
  constructor(private readonly callbacks: DeskCallbacks) {}

  /** The callbacks promised and not yet made, soonest first, with the call each was promised on. */
  @Get()
  list(@Query() q: CallbacksQuery, @CurrentUser() who: Principal, @ViewerScope() scope: BranchScope): Promise<DeskCallbackItem[]> {
    const mine = who.role === 'agent' || q.of === 'mine';
    return this.callbacks.list({ agentId: mine ? who.userId : undefined, scope });
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type BranchScope, CurrentUser, DayParam, type Principal, Roles, ViewerScope } from '@app/core';
import { CalendarEntryDto, EvaluateDto, UpdatePolicyDto } from './contact-policy.dto';
import { ContactPolicyService } from './contact-policy.service';
import { PolicyEvaluationService } from './policy-evaluation.service';

@ApiTags('contact-policy')
@ApiBearerAuth()
@Roles('admin', 'campaign_manager', 'supervisor')
@Controller('contact-policy')
export class ContactPolicyController {
  constructor(
    private readonly policy: ContactPolicyService,
    private readonly evaluation: PolicyEvaluationService,
  ) {}

  @Get()
  view() {
    return this.policy.view();
  }

  @Put()
  @Roles('admin')
  update(@Body() dto: UpdatePolicyDto, @CurrentUser() by: Principal) {
    return this.policy.update(dto.settings, by);
  }

  /** Why a customer may or may not be contacted: the decision and every rule's trace. */
  @Post('evaluate')
  @HttpCode(200)
  evaluate(@Body() dto: EvaluateDto, @ViewerScope() scope: BranchScope) {
    return this.evaluation.evaluate(dto, scope);
  }

  @Put('calendar')
  @Roles('admin')
  putEntry(@Body() dto: CalendarEntryDto, @CurrentUser() by: Principal) {
    return this.policy.putEntry(dto, by);
  }

  @Delete('calendar/:date')
  @Roles('admin')
  @HttpCode(204)
  removeEntry(@Param('date', DayParam) date: string, @CurrentUser() by: Principal) {
    return this.policy.removeEntry(date, by);
  }
}

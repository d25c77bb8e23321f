import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Customer, CustomersModule } from '@app/customers';
import { ScriptsModule } from '@app/scripts';
import { Segment, SegmentsModule } from '@app/segments';
import { CampaignJob } from './campaigns/campaign.job';
import { CampaignLifecycle } from './campaigns/campaign-lifecycle.service';
import { Campaign, CampaignStep } from './campaigns/campaign.entity';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignsService } from './campaigns/campaigns.service';
import { CalendarEntryRow, ContactPolicyRow } from './contact-policy/contact-policy.entity';
import { ContactPolicyController } from './contact-policy/contact-policy.controller';
import { ContactPolicyService } from './contact-policy/contact-policy.service';
import { PolicyEvaluationService } from './contact-policy/policy-evaluation.service';
import { DoNotContactController } from './do-not-contact/do-not-contact.controller';
import { DoNotContactEntry } from './do-not-contact/do-not-contact.entity';
import { DoNotContactService } from './do-not-contact/do-not-contact.service';
import { AttemptsService } from './planning/attempts.service';
import { CallbackPlanner } from './planning/callback-planner.service';
import { CampaignPlanner } from './planning/campaign-planner.service';
import { ContactAttempt } from './planning/contact-attempt.entity';
import { CampaignResultsController } from './results/campaign-results.controller';
import { CampaignResultsExportService } from './results/campaign-results-export.service';
import { CampaignStatsService } from './results/campaign-stats.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Campaign, CampaignStep, ContactAttempt, ContactPolicyRow, CalendarEntryRow, DoNotContactEntry, Customer, Segment]),
    CustomersModule,
    SegmentsModule,
    ScriptsModule,
  ],
  controllers: [CampaignsController, CampaignResultsController, ContactPolicyController, DoNotContactController],
  providers: [CampaignsService, CampaignLifecycle, CampaignPlanner, CampaignJob, AttemptsService, CampaignStatsService, CampaignResultsExportService, ContactPolicyService, PolicyEvaluationService, DoNotContactService, CallbackPlanner],
  exports: [CampaignsService, CampaignLifecycle, CampaignPlanner, CampaignJob, ContactPolicyService, PolicyEvaluationService, DoNotContactService, CallbackPlanner],
})
export class CampaignsModule {}

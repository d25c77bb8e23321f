import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '@app/customers';
import { SegmentMembersService } from './members/segment-members.service';
import { SegmentPreviewService } from './query/segment-preview.service';
import { SegmentQuery } from './query/segment-query';
import { SegmentJobRun, SegmentRefresh } from './refresh/segment-refresh.entity';
import { SegmentRefreshJob } from './refresh/segment-refresh.job';
import { SegmentRefreshService } from './refresh/segment-refresh.service';
import { Segment, SegmentVersion } from './segments/segment.entity';
import { SegmentsDemoLoader } from './segments/segments-demo.loader';
import { SegmentsController } from './segments/segments.controller';
import { SegmentsService } from './segments/segments.service';

@Module({
  imports: [TypeOrmModule.forFeature([Segment, SegmentVersion, SegmentRefresh, SegmentJobRun]), CustomersModule],
  controllers: [SegmentsController],
  providers: [SegmentQuery, SegmentsService, SegmentPreviewService, SegmentRefreshService, SegmentMembersService, SegmentRefreshJob, SegmentsDemoLoader],
  exports: [SegmentQuery, SegmentsService, SegmentRefreshService, SegmentRefreshJob],
})
export class SegmentsModule {}

import type { SegmentJobRunView, SegmentRefreshView } from '@app/contracts';
import type { SegmentJobRun, SegmentRefresh } from './segment-refresh.entity';

export function toRefreshView(r: SegmentRefresh): SegmentRefreshView {
  return {
    id: r.id,
    segmentId: r.segmentId,
    segmentName: r.segmentName,
    version: r.version,
    trigger: r.trigger,
    status: r.status,
    members: r.members,
    entered: r.entered,
    exited: r.exited,
    ms: r.ms,
    error: r.error,
    asOf: r.asOf,
    startedAt: r.startedAt.toISOString(),
    jobRunId: r.jobRunId,
    createdBy: r.createdBy,
  };
}

export function toJobRunView(r: SegmentJobRun): SegmentJobRunView {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    segments: r.segments,
    succeeded: r.succeeded,
    failed: r.failed,
    entered: r.entered,
    exited: r.exited,
    ms: r.ms,
    failures: r.failures,
  };
}

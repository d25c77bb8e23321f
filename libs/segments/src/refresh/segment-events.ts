/**
 * Membership changes, one event per refresh and direction (not per customer: a first refresh may
 * admit a million). A campaign that takes customers as they enter reads the rows of that refresh
 * set-based: `segment_memberships WHERE entered_refresh_id = :refreshId` (indexed), or
 * `exited_refresh_id` for leavers.
 */
export const SEGMENT_ENTERED = 'segment.entered';
export const SEGMENT_EXITED = 'segment.exited';

export class SegmentMembershipEvent {
  constructor(
    readonly segmentId: string,
    readonly segmentName: string,
    readonly version: number,
    readonly refreshId: string,
    /** How many customers entered (or exited) in this refresh. */
    readonly count: number,
    readonly at: Date,
  ) {}
}

export class SegmentEnteredEvent extends SegmentMembershipEvent {
  readonly name = SEGMENT_ENTERED;
}

export class SegmentExitedEvent extends SegmentMembershipEvent {
  readonly name = SEGMENT_EXITED;
}

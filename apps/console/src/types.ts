/** Shapes of the contact-center API, shared with the server through @app/contracts. Money is integer fen. */
import type { UserView } from '@app/contracts';

export type { CustomerDetail, CustomerSummary, Page, Role, TimelineEntry } from '@app/contracts';
export { ROLES } from '@app/contracts';
export type User = UserView;

/** Sign-in and refresh: a short-lived access token, the refresh token that renews it, and the user. */
export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  user: User;
}

export type { ImportResult, ImportSource, ImportStatus, RejectedRow } from '@app/contracts';
export type { ImportRunView as ImportRun } from '@app/contracts';
export type {
  LocalizedText,
  RuleCondition,
  RuleValue,
  SegmentFieldView,
  SegmentJobRunView,
  SegmentMemberView,
  SegmentOperator,
  SegmentPreview,
  SegmentPreviewRow,
  SegmentRefreshResult,
  SegmentRefreshView,
  SegmentRule,
  SegmentTemplateView,
  SegmentVersionView,
  SegmentView,
} from '@app/contracts';

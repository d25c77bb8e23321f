/**
 * Segment rules: a JSON AST of `and` / `or` / `not` groups over conditions on the field catalog.
 * Money values are yuan (up to two decimals); relative-date values are whole days; percentages
 * are plain numbers (80 means 80 %).
 */
export type SegmentOperator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | 'between'
  | 'is_empty'
  | 'within_last_days'
  | 'within_next_days'
  | 'more_than_days_ago'
  | 'never';

export type SegmentFieldType = 'string' | 'integer' | 'money' | 'date' | 'boolean' | 'branch' | 'days' | 'percent';

export type RuleValue = string | number | boolean | Array<string | number>;

export interface RuleCondition {
  field: string;
  op: SegmentOperator;
  value?: RuleValue;
  /** The look-back in days of a field that compares with history (`balanceChangePct`). */
  days?: number;
}

export type SegmentRule = { and: SegmentRule[] } | { or: SegmentRule[] } | { not: SegmentRule } | RuleCondition;

export interface LocalizedText {
  zh: string;
  en: string;
}

export interface SegmentFieldView {
  key: string;
  type: SegmentFieldType;
  label: LocalizedText;
  description: LocalizedText;
  operators: SegmentOperator[];
  nullable: boolean;
  /** What the value is counted in, for the builder's input suffix. */
  unit: 'yuan' | 'days' | 'percent' | 'points' | null;
  /** A field that compares with the daily history takes a look-back in days. */
  lookBack: { min: number; max: number; default: number } | null;
  /** For integer fields with a small closed range (tier 0–5). */
  range: { min: number; max: number } | null;
}

export interface TemplateParameter {
  key: string;
  label: LocalizedText;
  /** Where the parameter sits in the template's rule, e.g. `or[0].value`. */
  path: string;
  default: number;
  unit: 'days' | 'percent' | 'yuan' | null;
  min: number;
  max: number;
}

export interface SegmentTemplateView {
  key: string;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
  rule: SegmentRule;
  parameters: TemplateParameter[];
}

export interface SegmentPreviewRow {
  id: number;
  customerNo: string;
  companyName: string;
  /** The value of each field the rule uses (money in fen, dates YYYY-MM-DD, percent rounded to 0.1). */
  fields: Record<string, string | number | boolean | null>;
}

export interface SegmentPreview {
  count: number;
  sample: SegmentPreviewRow[];
  /** The date relative rules were evaluated against (the bank's calendar day). */
  asOf: string;
  ms: number;
}

export type SegmentKind = 'template' | 'custom';
export type SegmentRefreshTrigger = 'manual' | 'nightly' | 'cli';
export type SegmentRefreshStatus = 'succeeded' | 'failed';

export interface SegmentRefreshResult {
  refreshId: string;
  version: number;
  members: number;
  entered: number;
  exited: number;
  ms: number;
}

export interface SegmentRefreshView {
  id: string;
  segmentId: string;
  segmentName: string;
  version: number;
  trigger: SegmentRefreshTrigger;
  status: SegmentRefreshStatus;
  members: number;
  entered: number;
  exited: number;
  ms: number;
  error: string | null;
  asOf: string;
  startedAt: string;
  jobRunId: string | null;
  createdBy: string | null;
}

export interface SegmentView {
  id: string;
  name: string;
  description: string | null;
  kind: SegmentKind;
  templateKey: string | null;
  version: number;
  rule: SegmentRule;
  /** Refreshed by the nightly job, or only on demand. */
  nightly: boolean;
  members: number;
  lastRefresh: SegmentRefreshView | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SegmentVersionView {
  version: number;
  rule: SegmentRule;
  createdBy: string | null;
  createdAt: string;
}

export interface SegmentMemberView {
  customerId: number;
  customerNo: string;
  companyName: string;
  branchCode: string;
  tier: number;
  phoneMasked: string;
  enteredAt: string;
  exitedAt: string | null;
  version: number;
}

export type SegmentJobStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'skipped';

export interface SegmentJobRunView {
  id: string;
  trigger: SegmentRefreshTrigger;
  status: SegmentJobStatus;
  startedAt: string;
  finishedAt: string | null;
  segments: number;
  succeeded: number;
  failed: number;
  entered: number;
  exited: number;
  ms: number | null;
  failures: Array<{ segmentId: string; name: string; error: string }>;
}

/** Shapes of the contact-center API, shared with the server through @app/contracts. Money is integer fen. */
import type { UserView } from '@app/contracts';

export type { CustomerDetail, CustomerSummary, Page, Role, TimelineEntry } from '@app/contracts';
export { ROLES } from '@app/contracts';
export type User = UserView;

export interface LoginResponse {
  accessToken: string;
  user: User;
}

export interface RejectedRow {
  line: number;
  field: string;
  message: string;
}

export interface ImportResult {
  runId: string | number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  rejectedCount: number;
  warnings: string[];
  durationMs: number;
}

export type ImportSource = 'upload' | 'cli' | 'nightly' | 'demo';
export type ImportStatus = 'succeeded' | 'failed' | 'running';

export interface ImportRun {
  id: string | number;
  source: ImportSource | string;
  fileName: string | null;
  asOf: string | null;
  status: ImportStatus | string;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: string[];
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  createdBy: string | null;
}

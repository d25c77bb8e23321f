export type ImportSource = 'upload' | 'cli' | 'nightly' | 'demo';
export type ImportStatus = 'running' | 'succeeded' | 'failed';
export type FeedEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** A row of the feed that was not imported: its file line (header = 1), its CSV column, why. */
export interface RejectedRow {
  line: number;
  field: string;
  code: string;
  message: string;
}

/** The answer to an import. `rejected` lists the first 1,000; the run log keeps them all. */
export interface ImportResult {
  runId: string;
  asOf: string;
  encoding: FeedEncoding;
  rowsRead: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  rejectedCount: number;
  warnings: string[];
  durationMs: number;
}

/** One run in the import log. */
export interface ImportRunView {
  id: string;
  source: ImportSource;
  fileName: string;
  asOf: string;
  status: ImportStatus;
  rowsRead: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: string[];
  error: string | null;
  createdBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

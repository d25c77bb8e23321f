import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { ImportResult, ImportSource, RejectedRow } from '@app/contracts';
import { AppConfig, AuditService, Clock, localDate, WriteGate } from '@app/core';
import { CustomersErrorCode, CustomersException } from '../customers.exception';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from './feed-columns';
import { FeedFormatError, openFeed } from './feed-reader';
import { checkHeader, FeedRowValidator } from './feed-row-validator';
import { parseDate, ValueProblem } from './feed-values';
import { mergeStaging } from './import-merge';
import { ImportRejection, ImportRun } from './import-run.entity';
import { openStaging } from './import-staging';

export interface ImportCommand {
  source: AsyncIterable<Buffer> | Iterable<Buffer>;
  fileName: string;
  origin: ImportSource;
  asOf?: string;
  fileHash?: string;
  createdBy?: string;
  /** Called every few thousand rows with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
}

/** The answer lists this many rejected rows; the run log keeps them all (downloadable as CSV). */
export const REJECTED_IN_ANSWER = 1000;
const REJECTION_FLUSH = 500;

const FORMAT_CODES: Record<FeedFormatError['code'], CustomersErrorCode> = {
  empty: CustomersErrorCode.FeedEmpty,
  binary: CustomersErrorCode.FeedBinary,
  encoding: CustomersErrorCode.FeedEncoding,
  no_header: CustomersErrorCode.FeedNoHeader,
  missing_columns: CustomersErrorCode.FeedMissingColumns,
  duplicate_columns: CustomersErrorCode.FeedDuplicateColumns,
  syntax: CustomersErrorCode.FeedSyntax,
};

/**
 * Imports the warehouse feed: streamed, validated row by row, good rows merged set-based.
 * One use case for HTTP, the CLI, the nightly job and the demo data.
 */
@Injectable()
export class CustomerImportUseCase {
  private readonly logger = new Logger(CustomerImportUseCase.name);
  /** Imports run one at a time per process (SQLite has one connection; PostgreSQL also locks). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(ImportRun) private readonly runs: Repository<ImportRun>,
    @InjectRepository(ImportRejection) private readonly rejections: Repository<ImportRejection>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly writes: WriteGate,
  ) {}

  execute(command: ImportCommand): Promise<ImportResult> {
    const asOf = this.resolveAsOf(command.asOf);
    const run = this.queue.then(() => this.writes.run(() => this.run(command, asOf)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private resolveAsOf(asOf: string | undefined): string {
    if (asOf === undefined) return localDate(this.clock.now(), this.config.DEFAULT_TIME_ZONE);
    const parsed = parseDate(asOf);
    if (parsed instanceof ValueProblem) throw new CustomersException(CustomersErrorCode.BadAsOf, `asOf: ${parsed.message}`, 'asOf');
    return parsed;
  }

  private async run(command: ImportCommand, asOf: string): Promise<ImportResult> {
    const started = this.clock.now();
    const run = await this.runs.save(
      this.runs.create({
        id: randomUUID(),
        source: command.origin,
        fileName: command.fileName.slice(0, 255),
        fileHash: command.fileHash ?? null,
        asOf,
        status: 'running',
        imported: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        rowsRead: 0,
        warnings: [],
        error: null,
        createdBy: command.createdBy ?? null,
        startedAt: started,
        finishedAt: null,
        durationMs: null,
      }),
    );
    try {
      const result = await this.importRows(run, command, asOf);
      await this.audit.record({ actorName: command.createdBy ?? command.origin, action: 'customers.import', targetType: 'import_run', targetId: run.id, detail: { fileName: run.fileName, imported: result.imported, updated: result.updated, rejected: result.rejectedCount } });
      return result;
    } catch (error) {
      const refused = error instanceof FeedFormatError ? new CustomersException(FORMAT_CODES[error.code], error.message, 'file') : error;
      await this.runs.update({ id: run.id }, { status: 'failed', error: refused instanceof Error ? refused.message : String(refused), finishedAt: this.clock.now(), durationMs: this.clock.now().getTime() - started.getTime() });
      if (!(refused instanceof CustomersException)) this.logger.error(`Import ${run.id} of ${run.fileName} failed: ${String(refused instanceof Error ? refused.stack : refused)}`);
      throw refused;
    }
  }

  private async importRows(run: ImportRun, command: ImportCommand, asOf: string): Promise<ImportResult> {
    const feed = await openFeed(command.source);
    const header = checkHeader(feed.header);
    if (header.index.size === 0) {
      throw new FeedFormatError('no_header', `第 1 行不是表头：应包含列 ${REQUIRED_COLUMNS.join(', ')} (the first line is not a header)`);
    }
    if (header.missing.length) throw new FeedFormatError('missing_columns', `缺少必需的列：${header.missing.join(', ')} (missing required columns)`);
    if (header.duplicated.length) throw new FeedFormatError('duplicate_columns', `列重复：${header.duplicated.join(', ')} (duplicated columns)`);
    const warnings = header.unknown.length ? [`已忽略未知的列：${header.unknown.join(', ')} (unknown columns ignored)`] : [];
    const keepAbsent = new Set<string>(OPTIONAL_COLUMNS.filter((c) => c !== 'time_zone' && !header.index.has(c)));

    const validator = new FeedRowValidator(header, asOf, this.config.DEFAULT_TIME_ZONE);
    const shown: RejectedRow[] = [];
    let pending: RejectedRow[] = [];
    let rejectedCount = 0;
    let rowsRead = 0;
    const reject = (row: RejectedRow) => {
      rejectedCount++;
      if (shown.length < REJECTED_IN_ANSWER) shown.push(row);
      pending.push(row);
    };
    /** Writes the run log's rejections REJECTION_FLUSH at a time; `all` also writes a short tail. */
    const flushRejections = async (all: boolean) => {
      let from = 0;
      while (pending.length - from >= (all ? 1 : REJECTION_FLUSH)) {
        const batch = pending.slice(from, from + REJECTION_FLUSH);
        from += batch.length;
        await this.rejections.insert(batch.map((r) => ({ runId: run.id, line: r.line, field: r.field, message: r.message })));
      }
      pending = pending.slice(from);
    };

    const staging = await openStaging(this.dataSource);
    // a feed sorted by customer number cannot repeat one: the merge then skips the duplicate search
    let ascending = true;
    let lastCustomerNo = '';
    let merged;
    try {
      // rows come in batches and are checked synchronously: no promise per row
      for await (const batch of feed.batches) {
        for (const item of batch) {
          rowsRead++;
          if (command.onProgress && rowsRead % 5000 === 0) command.onProgress(rowsRead);
          if ('syntaxError' in item) {
            reject({ line: item.line, field: 'row', code: 'csv_syntax', message: `CSV 格式错误：${item.syntaxError}` });
            continue;
          }
          if (item.values.length !== feed.header.length) {
            reject({ line: item.line, field: 'row', code: 'column_count', message: `该行有 ${item.values.length} 列，表头有 ${feed.header.length} 列` });
            continue;
          }
          const row = validator.validate(item.values, item.line);
          if (Array.isArray(row)) {
            for (const problem of row) reject({ line: item.line, ...problem });
            continue;
          }
          ascending &&= row.customerNo > lastCustomerNo;
          lastCustomerNo = row.customerNo;
          staging.add(row);
        }
        await flushRejections(false);
        await staging.drain();
      }
      command.onProgress?.(rowsRead);
      await staging.finish();
      merged = await mergeStaging(staging.queryRunner, { asOf, now: this.clock.now(), keepAbsent, staged: staging.rows, distinct: ascending });
    } finally {
      await staging.close();
    }
    for (const d of merged.duplicates) reject({ line: d.line, field: 'customer_no', code: 'duplicate_customer_no', message: `客户号 ${d.customerNo} 在文件中重复（首次出现在第 ${d.firstLine} 行）` });
    await flushRejections(true);
    shown.sort((a, b) => a.line - b.line);

    const finished = this.clock.now();
    const durationMs = finished.getTime() - run.startedAt.getTime();
    await this.runs.update(
      { id: run.id },
      { status: 'succeeded', imported: merged.imported, updated: merged.updated, unchanged: merged.unchanged, rejected: rejectedCount, rowsRead, warnings, finishedAt: finished, durationMs },
    );
    return { runId: run.id, asOf, encoding: feed.encoding, rowsRead, imported: merged.imported, updated: merged.updated, unchanged: merged.unchanged, rejected: shown, rejectedCount, warnings, durationMs };
  }
}

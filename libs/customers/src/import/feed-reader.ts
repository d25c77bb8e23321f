import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse, type CsvError, type InfoRecord, type Options } from 'csv-parse';
import iconv from 'iconv-lite';
import type { FeedEncoding } from '@app/contracts';

/** Why a whole file is refused before any row is read. */
export class FeedFormatError extends Error {
  constructor(
    readonly code: 'empty' | 'binary' | 'encoding' | 'no_header' | 'missing_columns' | 'duplicate_columns' | 'syntax',
    message: string,
  ) {
    super(message);
  }
}

/** A file's bytes, opened only when first read (a refused request never leaves a stream behind). */
export async function* fileSource(path: string, onBytes?: (total: number) => void): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    total += (chunk as Buffer).length;
    onBytes?.(total);
    yield chunk as Buffer;
  }
}

export type FeedItem = { line: number; values: string[] } | { line: number; syntaxError: string };

const SNIFF_BYTES = 64 * 1024;

/** Strict UTF-8 over a sample, forgiving a multi-byte character cut at its end. */
function isUtf8(sample: Buffer, complete: boolean): boolean {
  let end = sample.length;
  if (!complete) {
    // step back over a trailing partial sequence (at most 3 continuation bytes)
    let i = end - 1;
    while (i >= 0 && end - i <= 4 && (sample[i] & 0xc0) === 0x80) i--;
    if (i >= 0 && sample[i] >= 0xc0) end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export function detectEncoding(sample: Buffer, complete: boolean): FeedEncoding {
  if (sample.length === 0) throw new FeedFormatError('empty', '文件为空 (the file is empty)');
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (sample.includes(0)) throw new FeedFormatError('binary', '文件不是文本 CSV（含有二进制内容）(not a text CSV file)');
  if (isUtf8(sample, complete)) return 'utf-8';
  const asGb = iconv.decode(sample, 'gb18030');
  // a cut multi-byte character at the sample's end decodes to one replacement char; more means garbage
  const bad = (asGb.match(/\uFFFD/g) ?? []).length;
  if (bad > (complete ? 0 : 1)) {
    throw new FeedFormatError('encoding', '无法识别文件编码：应为 UTF-8（可带 BOM）或 GB18030/GBK (cannot decode: expected UTF-8 or GB18030)');
  }
  return 'gb18030';
}

/** Reads the first bytes to pick the encoding, then hands back the whole byte stream unchanged. */
async function sniff(source: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<{ encoding: FeedEncoding; bytes: AsyncIterable<Buffer> }> {
  const iterator = (async function* () {
    yield* source;
  })();
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as Uint8Array);
    head.push(chunk);
    size += chunk.length;
  }
  const sample = Buffer.concat(head);
  const encoding = detectEncoding(sample, done);
  return { encoding, bytes: rest(sample, iterator) };
}

const ICONV_NAME: Record<FeedEncoding, string> = { 'utf-8': 'utf8', 'utf-8-bom': 'utf8', gb18030: 'gb18030', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be' };

/**
 * The text of the file chunk by chunk, exactly as iconv's decodeStream gives it, without a stream in
 * between; a NUL byte (a corrupt file: PostgreSQL stores no NUL) reads as U+FFFD, as undecodable bytes do.
 */
async function* decode(bytes: AsyncIterable<Buffer>, encoding: FeedEncoding): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(ICONV_NAME[encoding], { stripBOM: true });
  for await (const chunk of bytes) {
    const text = decoder.write(chunk);
    if (text) yield text.replaceAll('\u0000', '\uFFFD');
  }
  const rest = decoder.end();
  if (rest) yield rest.replaceAll('\u0000', '\uFFFD');
}

/** csv-parse over text chunks, records and skipped lines in file order (the reference for every file). */
async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<FeedItem[]> {
  const faults: FeedItem[] = [];
  const options: Options<{ line: number; values: string[] }, string[]> = {
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (error) faults.push({ line: Number((error as CsvError & { lines?: number }).lines ?? 0), syntaxError: error.message });
      return undefined;
    },
    on_record: (values: string[], context: InfoRecord) => ({ line: context.lines, values }),
  };
  const parser = Readable.from(chunks, { objectMode: false }).pipe(parse(options as unknown as Options));
  for await (const record of parser as AsyncIterable<{ line: number; values: string[] }>) {
    const batch: FeedItem[] = [];
    // the parser may have skipped a bad line ahead of the record it hands over: keep file order
    while (faults.length && faults[0].line < record.line) batch.push(faults.shift()!);
    batch.push(record);
    yield batch;
  }
  if (faults.length) yield faults.splice(0);
}

/** String.prototype.isWellFormed (Node 20+; not yet in the es2023 typings). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/**
 * Plain CSV (no quotes, LF line ends) split by hand: csv-parse costs ~8 µs a row, a split well
 * under one. Records, line numbers and blank-line skipping are csv-parse's for such text.
 */
class PlainCsvSplitter {
  private pending = '';
  /** complete lines read so far */
  private lines = 0;

  /** A quote or a CR needs the real CSV parser; so does a lone surrogate (csv-parse turns it into U+FFFD). */
  static fits(text: string): boolean {
    return text.indexOf('"') === -1 && text.indexOf('\r') === -1 && isWellFormed(text);
  }

  push(text: string): FeedItem[] {
    const data = this.pending + text;
    const batch: FeedItem[] = [];
    let start = 0;
    for (let end = data.indexOf('\n'); end !== -1; end = data.indexOf('\n', start)) {
      this.lines++;
      if (end > start) batch.push({ line: this.lines, values: data.slice(start, end).split(',') });
      start = end + 1;
    }
    this.pending = data.slice(start);
    return batch;
  }

  end(): FeedItem[] {
    return this.pending ? [{ line: this.lines + 1, values: this.pending.split(',') }] : [];
  }

  /** What csv-parse must read to go on from here: blank lines it skips but counts, then the unread text. */
  handOver(): string {
    return '\n'.repeat(this.lines) + this.pending;
  }
}

/** Characters of text split per batch of records (about a hundred rows). */
const BATCH_TEXT = 32 * 1024;

/** Every record and skipped line of the file in order, a batch at a time. */
async function* readRecords(chunks: AsyncIterable<string>): AsyncGenerator<FeedItem[]> {
  const iterator = chunks[Symbol.asyncIterator]();
  const splitter = new PlainCsvSplitter();
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    if (!PlainCsvSplitter.fits(next.value)) {
      yield* parseCsv(rest(splitter.handOver() + next.value, iterator));
      return;
    }
    // about a hundred rows at a time: fewer rows in flight for the garbage collector to copy
    for (let at = 0; at < next.value.length; at += BATCH_TEXT) yield splitter.push(next.value.slice(at, at + BATCH_TEXT));
  }
  yield splitter.end();
}

/** `first`, then whatever the iterator has left. */
async function* rest<T>(first: T, iterator: AsyncIterator<T>): AsyncGenerator<T> {
  yield first;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    yield next.value;
  }
}

export interface OpenedFeed {
  encoding: FeedEncoding;
  header: string[];
  /** Every record after the header with its line number (header = 1), or the syntax fault of that line, in file order, in batches. */
  batches: AsyncIterable<FeedItem[]>;
}

/** Streams a CSV feed: encoding detected, decoded on the fly, parsed record by record. */
export async function openFeed(source: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<OpenedFeed> {
  const { encoding, bytes } = await sniff(source);
  const records = readRecords(decode(bytes, encoding));
  // faults ahead of the header are reported with the rows
  const before: FeedItem[] = [];
  for (;;) {
    const next = await records.next();
    if (next.done) throw new FeedFormatError('empty', '文件中没有任何数据行 (no rows in the file)');
    const at = next.value.findIndex((item) => 'values' in item);
    if (at < 0) {
      before.push(...next.value);
      continue;
    }
    const header = (next.value[at] as { values: string[] }).values;
    const first = [...before, ...next.value.slice(0, at), ...next.value.slice(at + 1)];
    return { encoding, header, batches: batches(first, records) };
  }
}

async function* batches(first: FeedItem[], records: AsyncIterator<FeedItem[]>): AsyncGenerator<FeedItem[]> {
  if (first.length) yield first;
  for (;;) {
    const next = await records.next();
    if (next.done) return;
    if (next.value.length) yield next.value;
  }
}

import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse, type CsvError, type InfoRecord, type Options } from 'csv-parse';
import iconv from 'iconv-lite';

export type FeedEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

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

/** Reads the first bytes to pick the encoding, then hands back the whole stream unchanged. */
async function sniff(source: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<{ encoding: FeedEncoding; stream: Readable }> {
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
  async function* whole(): AsyncGenerator<Buffer> {
    yield sample;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { encoding, stream: Readable.from(whole(), { objectMode: false }) };
}

const ICONV_NAME: Record<FeedEncoding, string> = { 'utf-8': 'utf8', 'utf-8-bom': 'utf8', gb18030: 'gb18030', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be' };

export interface OpenedFeed {
  encoding: FeedEncoding;
  header: string[];
  /** Every record after the header with its line number (header = 1), or the syntax fault of that line. */
  items: AsyncIterable<FeedItem>;
}

/** Streams a CSV feed: encoding detected, decoded on the fly, parsed record by record. */
export async function openFeed(source: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<OpenedFeed> {
  const { encoding, stream } = await sniff(source);
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
  const parser = stream.pipe(iconv.decodeStream(ICONV_NAME[encoding], { stripBOM: true })).pipe(parse(options as unknown as Options));
  const iterator = (parser as AsyncIterable<{ line: number; values: string[] }>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new FeedFormatError('empty', '文件中没有任何数据行 (no rows in the file)');
  async function* items(): AsyncGenerator<FeedItem> {
    for (;;) {
      const next = await iterator.next();
      // the parser may have skipped a bad line ahead of the record it hands over: keep file order
      while (faults.length && (next.done || faults[0].line < next.value.line)) yield faults.shift()!;
      if (next.done) return;
      yield next.value;
    }
  }
  return { encoding, header: first.value.values, items: items() };
}

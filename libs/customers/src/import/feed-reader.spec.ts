import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { detectEncoding, FeedFormatError, openFeed, type FeedItem } from './feed-reader';

async function readAll(bytes: Buffer, chunk = 7): Promise<{ encoding: string; header: string[]; items: FeedItem[] }> {
  const chunks = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.subarray(i * chunk, (i + 1) * chunk));
  const feed = await openFeed(chunks);
  const items: FeedItem[] = [];
  for await (const batch of feed.batches) items.push(...batch);
  return { encoding: feed.encoding, header: feed.header, items };
}

describe('feed reader', () => {
  const csv = 'customer_no,company_name\nC1,杭州恒信商贸有限公司\n\nC2,"宁波,港通"\n';

  it('reads UTF-8, counting file lines with the header as line 1 and skipping blank lines', async () => {
    const { encoding, header, items } = await readAll(Buffer.from(csv));
    expect(encoding).toBe('utf-8');
    expect(header).toEqual(['customer_no', 'company_name']);
    expect(items).toEqual([
      { line: 2, values: ['C1', '杭州恒信商贸有限公司'] },
      { line: 4, values: ['C2', '宁波,港通'] },
    ]);
  });

  it('strips a BOM and decodes GB18030, even with multi-byte characters cut across chunks', async () => {
    const bom = await readAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
    expect(bom.encoding).toBe('utf-8-bom');
    expect(bom.header[0]).toBe('customer_no');
    const gb = await readAll(iconv.encode(csv, 'gb18030'), 5);
    expect(gb.encoding).toBe('gb18030');
    expect(gb.items[0]).toEqual({ line: 2, values: ['C1', '杭州恒信商贸有限公司'] });
  });

  it('refuses empty, binary and undecodable files whole', () => {
    const refused = (bytes: number[]) => {
      try {
        detectEncoding(Buffer.from(bytes), true);
        return 'accepted';
      } catch (error) {
        return (error as FeedFormatError).code;
      }
    };
    expect(refused([])).toBe('empty');
    expect(refused([0x50, 0x4b, 0x03, 0x04, 0x00])).toBe('binary');
    expect(refused([0x61, 0x2c, 0x80, 0x80, 0x80, 0xff, 0x0a])).toBe('encoding');
  });

  it('reports a malformed line and reads on', async () => {
    const { items } = await readAll(Buffer.from('a,b\n1,2\n3,x"y\n5,6\n'));
    expect(items.map((i) => ('syntaxError' in i ? `${i.line}:error` : `${i.line}:${i.values.join('|')}`))).toEqual(['2:1|2', '3:error', '4:5|6']);
  });
});

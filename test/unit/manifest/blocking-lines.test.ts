/**
 * fileLineBatchesBlocking (the linter's reader: blocking 1 MB reads) against the stream reader
 * fileLineBatches (64 KB chunks through fs streams): the same lines, the same bytes that are not
 * UTF-8 and the same over-long lines, on files whose lines, multi-byte characters, bad bytes and
 * over-long lines straddle the 1 MB reads.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { fileLineBatches, fileLineBatchesBlocking, KEEP_BYTES, type LineBatch } from '../../../src/manifest/lines';

interface Read {
  lines: string[];
  undecodable: [number, number][];
  long: [number, number, number][];
  bytes: number;
}

async function read(batches: AsyncIterable<LineBatch>): Promise<Read> {
  const out: Read = { lines: [], undecodable: [], long: [], bytes: 0 };
  for await (const b of batches) {
    const at = out.lines.length;
    out.lines.push(...b.lines);
    for (const [k, col] of b.undecodable ?? []) out.undecodable.push([at + k, col]);
    for (const [k, l] of b.long ?? []) out.long.push([at + k, l.length, l.crs]);
    out.bytes += b.bytes ?? 0;
  }
  return out;
}

describe('fileLineBatchesBlocking', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cl-blocking-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const MB = 1 << 20;

  const cases: Record<string, () => Buffer> = {
    empty: () => Buffer.alloc(0),
    'no final newline': () => Buffer.from('{"a":1}\n{"b":2}'),
    // Lines of 1,000 bytes with a 3-byte character: some straddle each 1 MB read.
    'lines and characters across reads': () => Buffer.from(Array.from({ length: 3_000 }, (_, i) => `{"k":"${'\u732b'.repeat(i % 7)}${'x'.repeat(990 - 3 * (i % 7))}"}\r`).join('\n') + '\n'),
    // A byte that is not UTF-8 right at the first read's end, and a character cut by it.
    'bad bytes at a read boundary': () => {
      const b = Buffer.alloc(MB + 5_000, 0x61);
      for (let i = 999; i < b.length; i += 1_000) b[i] = 0x0a;
      b[MB - 1] = 0xff;
      b.set(Buffer.from('\u00e9'), MB + 2_000 - 1);
      return b;
    },
    // An over-long line (kept as its prefix, the rest counted) running over two reads, CRs at its end.
    'over-long line across reads': () => Buffer.concat([Buffer.from('{"a":1}\n'), Buffer.alloc(2 * MB + KEEP_BYTES, 0x62), Buffer.from([0xe2, 0x82]), Buffer.from('\r\r\n{"b":2}\n')]),
    'line without a newline longer than a read': () => Buffer.alloc(MB + 17, 0x63),
  };

  for (const [name, make] of Object.entries(cases)) {
    it(`reads as the stream reader does: ${name}`, async () => {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.manifest`);
      writeFileSync(file, make());
      const expected = await read(fileLineBatches(file));
      const actual = await read(fileLineBatchesBlocking(file));
      assert.deepEqual(actual, expected);
    });
  }

  it('fails as the stream reader does on a file that is not there', async () => {
    const missing = path.join(dir, 'missing.manifest');
    await assert.rejects(read(fileLineBatchesBlocking(missing)), { code: 'ENOENT' });
  });
});

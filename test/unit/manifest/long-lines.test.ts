/**
 * A line longer than the service takes (issue #21, item 9): the splitter keeps its first bytes
 * only and counts the rest as it streams, so a line without a newline never holds the reader's
 * memory; the validator reports it as it reports the whole line, and the lines after keep their numbers.
 */
import * as assert from 'assert';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { LineSplitter, decodeLines, lineBatches, type LineBatch } from '../../../src/manifest/lines';
import { validateLines } from '../../../src/manifest/validate';
import type { ValidationSummary } from '../../../src/manifest/validate';
import { seededRandom } from '../../../src/sandbox/entries/seeded-random';

/** The service's limit, from the guide (an over-long line: more than 100,000 characters). */
const LIMIT = 100_000;
/** Far past what any line the service takes can hold in UTF-8 (4 bytes per character at most). */
const LONG = 4 * LIMIT + 12_345;

/** `bytes` pushed through one splitter in chunks of `size`. */
function split(bytes: Uint8Array, size: number): LineBatch[] {
  const s = new LineSplitter();
  const out: LineBatch[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    const b = s.push(bytes.subarray(i, i + size));
    if (b) out.push(b);
  }
  const rest = s.end();
  if (rest) out.push(rest);
  return out;
}

/**
 * The validator's answer on whole lines (decodeLines holds every line whole, as the splitter did
 * for every line before), the oracle the streamed answers are held to.
 */
function wholeLines(bytes: Uint8Array): Promise<ValidationSummary> {
  return validateLines([decodeLines(bytes)]);
}

function repeatBytes(unit: string | number[], total: number): Buffer {
  const one = typeof unit === 'string' ? Buffer.from(unit) : Buffer.from(unit);
  return Buffer.alloc(Math.ceil(total / one.length) * one.length, one);
}


const A = Buffer.from('{"source-ref":"s3://my-bucket/a.jpg","a-metadata":{}}');
const head = (name: string): Buffer => Buffer.from(`{"source-ref":"s3://my-bucket/${name}.jpg","note":"`);

describe('a line longer than the service takes', () => {
  it('is reported as the whole line is (CL_LINE_TOO_LONG, its length, its range), whatever the chunks, and the lines after keep their numbers', async () => {
    const cases: [string, Buffer][] = [
      ['ASCII, a byte order mark, two CRs before its newline, first line', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), head('bom'), repeatBytes('x', LONG), Buffer.from('"}\r\r\n'), A, Buffer.from('\n')])],
      ['two-, three- and four-byte characters, CRLF, between lines', Buffer.concat([A, Buffer.from('\n'), head('wide'), repeatBytes('é€😀', LONG), Buffer.from('"}\r\n'), A, Buffer.from('\n')])],
      ['a byte that is not UTF-8 near its start', Buffer.concat([A, Buffer.from('\n'), head('bad'), Buffer.from([0xc3, 0x28]), repeatBytes('y', LONG), Buffer.from('"}\n'), A, Buffer.from('\n')])],
      ['a byte that is not UTF-8 far past its first 300 KB', Buffer.concat([A, Buffer.from('\n'), head('late'), repeatBytes('€', LONG), Buffer.from([0xe2, 0x82, 0x41]), repeatBytes('z', 1000), Buffer.from('"}\n'), A, Buffer.from('\n')])],
      ['the last line, without a newline, only CRs past its first bytes', Buffer.concat([A, Buffer.from('\n'), head('end'), repeatBytes('q', 3 * LIMIT), repeatBytes('\r', 40_000)])],
    ];
    for (const [what, bytes] of cases) {
      const expected = await wholeLines(bytes);
      assert.ok(expected.problems.some((p) => /^(CL_LINE_TOO_LONG|ERROR_INVALID_JSON_LINE)$/.test(p.code) && p.end - p.start >= 1), what);
      for (const size of [4093, 1 << 16, 1 << 20]) {
        const batches = split(bytes, size);
        // (A line inside one chunk is in memory already: decoded whole.)
        if (size < LONG) assert.ok(batches.some((b) => b.long !== undefined), `${what}, chunks of ${size}: the line was kept as its prefix`);
        const got = await validateLines(batches);
        assert.deepStrictEqual(got.problems, expected.problems, `${what}, chunks of ${size}`);
        assert.deepStrictEqual(got.stats, expected.stats, `${what}, chunks of ${size}`);
      }
    }
  });

  it('counts the UTF-16 length, the first byte that is not UTF-8 and the final CRs of what it lets go as decoding the line whole does', () => {
    const pieces: number[][] = [[0x61], [0x0d], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbf, 0xbd], [0x80], [0xc3], [0xe2, 0x82], [0xf0, 0x9f], [0xed, 0xa0, 0x80], [0xff], [0xe0, 0x80]];
    const next = seededRandom(21);
    for (let round = 0; round < 12; round++) {
      // Valid text first in half the rounds, so that the first bad byte falls past the prefix.
      const parts: Buffer[] = [head('r'), round % 2 ? repeatBytes('€', 3 * LIMIT + 100) : Buffer.alloc(0)];
      let size = 0;
      while (size < 4 * LIMIT) {
        const p = Buffer.from(pieces[Math.floor(next() * (round % 3 === 0 ? 6 : pieces.length))]);
        parts.push(p);
        size += p.length;
      }
      if (round % 4 === 1) parts.push(Buffer.from('\r\r\r'));
      const line = Buffer.concat(parts);
      const whole = decodeLines(line);
      const text = whole.lines[0];
      let crs = 0;
      while (text.charCodeAt(text.length - 1 - crs) === 13) crs++;
      // Chunks of random sizes, cut anywhere (inside characters too).
      const s = new LineSplitter();
      let batch: LineBatch | undefined;
      for (let i = 0; i < line.length; ) {
        const n = 1 + Math.floor(next() * 9000);
        assert.strictEqual(s.push(line.subarray(i, i + n)), undefined);
        i += n;
      }
      batch = s.end();
      assert.ok(batch?.long, `round ${round}: kept as a prefix`);
      assert.deepStrictEqual(batch.long.get(0), { length: text.length, crs }, `round ${round}`);
      assert.strictEqual(batch.undecodable?.get(0), whole.undecodable?.get(0), `round ${round}: first bad byte`);
      assert.strictEqual(batch.bytes, line.length + 1, `round ${round}: bytes`);
      assert.ok(text.startsWith(batch.lines[0]) && batch.lines[0].length > LIMIT, `round ${round}: the prefix is the line's start, and over the limit`);
    }
  });

  it('holds a bounded amount of memory while a line without a newline streams in', async function () {
    this.timeout(60_000);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const MB = 1 << 20;
    // 96 MB in fresh 64 KB chunks, as a file or a pipe hands them.
    async function* stream(): AsyncGenerator<Uint8Array> {
      yield head('endless');
      for (let i = 0; i < 96 * 16; i++) yield Buffer.alloc(1 << 16, 0x61);
    }
    gc();
    const before = process.memoryUsage();
    let held = 0;
    let n = 0;
    const s = new LineSplitter();
    for await (const chunk of stream()) {
      assert.strictEqual(s.push(chunk), undefined);
      if (++n % 256 === 0) {
        gc();
        const now = process.memoryUsage();
        // The bytes kept are in array buffers (the heap of the whole test run is too noisy to add;
        // array buffers too, by a few MB now and then: the bound is below the 16 MB between two samples).
        held = Math.max(held, now.arrayBuffers - before.arrayBuffers);
      }
    }
    assert.ok(held < 12 * MB, `the splitter held ${(held / MB).toFixed(1)} MB after 96 MB of one line (at most 12 MB expected)`);
    const last = s.end();
    assert.strictEqual(last?.long?.get(0)?.length, head('endless').length + 96 * MB);
    // And the line after one that long is the next line.
    const after: string[] = [];
    for await (const b of lineBatches((async function* () {
      yield Buffer.concat([repeatBytes('w', 2 * MB), Buffer.from('\n'), A]);
    })())) after.push(...b.lines.map((l) => l.slice(0, 20)));
    assert.deepStrictEqual(after, ['w'.repeat(20), A.toString().slice(0, 20)]);
  });
});

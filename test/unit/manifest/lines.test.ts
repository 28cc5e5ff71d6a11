/** The one line splitter (every reader) and the streaming validator: lone CR, bytes that are not UTF-8, problems as they come. */
import * as assert from 'assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { checkLine } from '../../../src/manifest/rules/check-line';
import { ManifestDocument } from '../../../src/manifest/document/document';
import { LineSplitter, decodeLines, fileLineBatches, firstInvalidUtf8, splitLines } from '../../../src/manifest/lines';
import { validateLines, validateStream, validateText } from '../../../src/manifest/validate';
import { ShownKeeper, hiddenTotal } from '../../../src/manifest/document/shown-problems';
import type { Problem, Severity } from '../../../src/manifest/types';
import { GUIDE, det } from './helpers';

const A = JSON.stringify({ 'source-ref': 's3://my-bucket/a.jpg' });
const B = JSON.stringify({ 'source-ref': 's3://my-bucket/b.jpg' });

async function collect(batches: AsyncIterable<{ lines: string[] }>): Promise<string[]> {
  const out: string[] = [];
  for await (const b of batches) out.push(...b.lines);
  return out;
}

describe('one line splitter', () => {
  it('splits at \\n only: a lone CR stays in its line, CRLF keeps its \\r, a final newline adds no line', async () => {
    const text = `${A}\r${B}\n${A}\r\n\n${B}`;
    const expected = [`${A}\r${B}`, `${A}\r`, '', B];
    assert.deepStrictEqual(splitLines(text), expected);
    assert.deepStrictEqual(splitLines(text + '\n'), expected);
    assert.deepStrictEqual(splitLines(''), []);
    assert.deepStrictEqual(decodeLines(Buffer.from(text)).lines, expected);
    const dir = mkdtempSync(path.join(tmpdir(), 'cl-lines-'));
    const file = path.join(dir, 'cr.manifest');
    writeFileSync(file, text + '\n');
    // The on-disk validation and the linter read files through this (readline would see 6 lines).
    assert.deepStrictEqual(await collect(fileLineBatches(file)), expected);
    // The editor's document: the same lines, plus the empty one after the final newline.
    assert.strictEqual(new ManifestDocument(text + '\n').lineCount, expected.length + 1);
    assert.strictEqual(validateText(text).stats.lines, 4);
  });

  it('joins lines split across chunks at any byte, multi-byte characters included', () => {
    const text = `{"a":"é€😀"}\n${A}\r\n{"b":"ü"}`;
    const bytes = Buffer.from(text);
    for (let size = 1; size <= 7; size++) {
      const s = new LineSplitter();
      const lines: string[] = [];
      for (let i = 0; i < bytes.length; i += size) lines.push(...(s.push(bytes.subarray(i, i + size))?.lines ?? []));
      const end = s.end();
      lines.push(...(end?.lines ?? []));
      assert.deepStrictEqual(lines, text.split('\n'), `chunks of ${size}`);
    }
  });

  it('counts the bytes of the lines as the file has them, whatever the chunks', () => {
    const text = Array.from({ length: 10 }, (_, i) => `{"source-ref":"s3://bucket/${i}.jpg","é":${i}}`).join('\n') + '\n';
    const size = Buffer.byteLength(text);
    assert.strictEqual(decodeLines(Buffer.from(text)).bytes, size, 'one piece');
    for (const chunk of [1, 7, 64, 1000]) {
      const s = new LineSplitter();
      const bytes = Buffer.from(text);
      let total = 0;
      for (let i = 0; i < bytes.length; i += chunk) total += s.push(bytes.subarray(i, i + chunk))?.bytes ?? 0;
      total += s.end()?.bytes ?? 0;
      assert.strictEqual(total, size, `chunks of ${chunk} bytes`);
    }
  });

  it('marks the lines whose bytes are not UTF-8, with the column of the first bad byte; a real U+FFFD is fine', () => {
    const bad = Buffer.concat([Buffer.from('{"a":"x'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    const real = Buffer.from('{"a":"\uFFFD"}\n');
    const batch = decodeLines(Buffer.concat([real, bad, real]));
    assert.deepStrictEqual([...(batch.undecodable ?? [])], [[1, 7]]);
    for (const [bytes, at] of [
      [[0x61, 0x80], 1], // lone continuation byte
      [[0xc0, 0xaf], 0], // overlong
      [[0xed, 0xa0, 0x80], 0], // surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0xe2, 0x82], 0], // truncated
      [[0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], -1], // € 😀
    ] as [number[], number][]) {
      assert.strictEqual(firstInvalidUtf8(Uint8Array.from(bytes), 0, bytes.length), at, bytes.join(','));
    }
  });
});

describe('streaming validator', () => {
  it('hands each line its problems as it goes, and keeps none of them', async () => {
    const seen: Problem[] = [];
    let seenBeforeLine2 = -1;
    async function* source(): AsyncGenerator<string> {
      yield '{broken';
      yield GUIDE[0];
      seenBeforeLine2 = seen.length;
      yield GUIDE[0];
    }
    const stats = await validateStream(source(), undefined, (p) => seen.push(p));
    assert.ok(seenBeforeLine2 >= 1, 'the first line\'s problem reached the sink before the stream ended');
    assert.deepStrictEqual(seen.map((p) => [p.line, p.code]), [
      [0, 'ERROR_INVALID_JSON_LINE'],
      [1, 'CL_DUPLICATE_SOURCE_REF'],
      [2, 'CL_DUPLICATE_SOURCE_REF'],
      [0, 'ERROR_TOO_MANY_RECORDS_IN_ERROR'],
    ]);
    assert.deepStrictEqual([stats.lines, stats.errors, stats.invalidLines], [3, 3, 2]);
  });

  it('reports an undecodable line as invalid JSON at the bad byte, and the service drops it', async () => {
    const line = det();
    const at = line.indexOf('Echo');
    const bytes = Buffer.concat([Buffer.from(line.slice(0, at)), Buffer.from([0xff]), Buffer.from(line.slice(at + 1) + '\n' + GUIDE[0])]);
    const seen: Problem[] = [];
    const stats = await validateStream([decodeLines(bytes)], undefined, (p) => seen.push(p));
    const p = seen.find((x) => x.line === 0);
    assert.deepStrictEqual([p?.code, p?.start, p?.end, p?.severity], ['ERROR_INVALID_JSON_LINE', at, at + 1, 'error']);
    assert.match(p?.message ?? '', /not valid UTF-8/i);
    assert.strictEqual(stats.invalidLines, 1);
    assert.strictEqual(stats.labels.has('\uFFFDcho'), false);
  });

  it('validateLines still returns every problem in line order', async () => {
    const r = await validateLines([GUIDE[0], GUIDE[0]]);
    assert.deepStrictEqual(r.problems.map((p) => [p.line, p.code]), [
      [0, 'CL_DUPLICATE_SOURCE_REF'],
      [1, 'ERROR_TOO_MANY_RECORDS_IN_ERROR'], // on the repeated line (invalid), not on line 0
      [1, 'CL_DUPLICATE_SOURCE_REF'],
    ]);
  });
});

describe('user strings as keys', () => {
  it('counts boxes per label when labels are named like Object.prototype members', () => {
    const line = det({
      classMap: { '0': 'constructor', '1': '__proto__', '2': 'toString' },
      boxes: [0, 1, 2, 2].map((id) => ({ class_id: id, top: 10, left: 10, width: 50, height: 50 })),
    });
    const entry = checkLine(line, 0).entry;
    assert.deepStrictEqual(checkLine(line, 0).problems, []);
    assert.deepStrictEqual(Object.entries(entry?.boxLabels ?? {}), [['constructor', 1], ['__proto__', 1], ['toString', 2]]);
    assert.deepStrictEqual(entry?.labels, ['constructor', '__proto__', 'toString']);
  });
});

describe('ShownProblems (what Validate Manifest File on Disk keeps)', () => {
  it('keeps at most max, errors first, and counts the rest', () => {
    const shown = new ShownKeeper(3);
    const p = (line: number, severity: Severity): Problem => ({ line, start: 0, end: 0, severity, code: 'CL_BLANK_LINE', message: '', scope: 'line' });
    for (const [line, s] of [[0, 'warning'], [1, 'information'], [2, 'error'], [3, 'warning'], [4, 'error'], [5, 'error'], [6, 'error']] as [number, Severity][]) shown.add(p(line, s));
    assert.deepStrictEqual(shown.result().problems.map((x) => [x.line, x.severity]), [[2, 'error'], [4, 'error'], [5, 'error']]);
    assert.strictEqual(hiddenTotal(shown.result().hidden), 4);
    const few = new ShownKeeper(3);
    few.add(p(1, 'information'));
    few.add(p(0, 'warning'));
    assert.deepStrictEqual(few.result().problems.map((x) => x.line), [0, 1]);
  });
});

/**
 * The fingerprint cache file (src/health/fingerprint-cache-file.ts, JSON Lines: a format line, then
 * an entry per line): what is saved loads back the same; a hand-edited or hostile file (keys named
 * __proto__/constructor, wrong types, values out of range, a line cut short, another tool's file, the
 * first format's one JSON document) loads only its valid entries or starts afresh; the load is
 * bounded; the file is written aside and renamed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FingerprintCache, loadFingerprintCache, saveFingerprintCache, type Fingerprint } from '../../../src/health';

const FORMAT = 'custom-labels fingerprints 2';
const HEADER = JSON.stringify({ format: FORMAT });
/** A file of these entries as the format has it: the format line, then one entry per line. */
const jsonl = (entries: unknown[], header = HEADER) => [header, ...entries.map((e) => JSON.stringify(e))].join('\n') + '\n';
const good: Fingerprint = { sha256: 'a'.repeat(64), bytes: 1234, format: 'jpeg', width: 640, height: 480, dhash: '0123456789abcdef' };

describe('health: the fingerprint cache file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-cache-file-'));
    file = path.join(dir, 'sub', 'fingerprints.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (doc: unknown) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  };

  it('loads back what was saved, in a new folder, leaving no temporary file', async () => {
    const cache = new FingerprintCache();
    cache.set({ bucket: 'b', key: 'img/a.jpg' }, '"e1"', good);
    cache.set({ bucket: 'b2', key: 'x/\u00e9 b.png' }, 'e2', { ...good, format: 'png', sha256: 'b'.repeat(64) });
    await saveFingerprintCache(file, cache);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['fingerprints.json']);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[0]!).format, FORMAT);
    const back = await loadFingerprintCache(file);
    assert.equal(back.size, 2);
    assert.deepEqual(back.get({ bucket: 'b', key: 'img/a.jpg' }), { etag: '"e1"', fingerprint: good });
    assert.deepEqual(back.get({ bucket: 'b2', key: 'x/\u00e9 b.png' }), { etag: 'e2', fingerprint: { ...good, format: 'png', sha256: 'b'.repeat(64) } });
  });

  it('starts afresh on no file, another format tag, the first format, or not a format line; a line cut short is dropped, the lines before it kept', async () => {
    assert.equal((await loadFingerprintCache(file)).size, 0);
    write(jsonl([['b', 'k', 'e', good]], JSON.stringify({ format: 'custom-labels image checks 1' })));
    assert.equal((await loadFingerprintCache(file)).size, 0);
    write(JSON.stringify({ format: 'custom-labels fingerprints 1', images: [['b', 'k', 'e', good]] }));
    assert.equal((await loadFingerprintCache(file)).size, 0);
    for (const doc of ['', 'null', '[]', '"x"', `${HEADER.slice(0, -2)}\n["b","k","e",${JSON.stringify(good)}]`]) {
      write(doc);
      assert.equal((await loadFingerprintCache(file)).size, 0, doc);
    }
    const whole = jsonl([['b', 'k1', 'e', good], ['b', 'k2', 'e', good]]);
    write(whole.slice(0, whole.length - 5));
    const cut = await loadFingerprintCache(file);
    assert.deepEqual([...cut.entries()].map(([k]) => k), ['b\u0000k1']);
  });

  it('keeps only valid entries of a hand-edited file; __proto__ and constructor are plain names', async () => {
    const bad: unknown[] = [
      ['b', 'k1', 'e', { ...good, sha256: 'A'.repeat(64) }],
      ['b', 'k2', 'e', { ...good, sha256: 'a'.repeat(63) }],
      ['b', 'k3', 'e', { ...good, dhash: '0123' }],
      ['b', 'k4', 'e', { ...good, dhash: 12345 }],
      ['b', 'k5', 'e', { ...good, format: 'gif' }],
      ['b', 'k6', 'e', { ...good, width: 0 }],
      ['b', 'k7', 'e', { ...good, height: 1.5 }],
      ['b', 'k8', 'e', { ...good, bytes: '1234' }],
      ['b', 'k9', 'e', { ...good, bytes: -1 }],
      ['b', 'k10', 7, good],
      ['b', 'k11', '', good],
      [1, 'k12', 'e', good],
      ['b', 'k13', 'e', null],
      ['b', 'k14', 'e', [good]],
      ['b', 'k15', 'e'],
      'b/k16',
      null,
    ];
    write(jsonl([...bad, { __proto__: { polluted: true }, constructor: { x: 1 } }, ['__proto__', 'constructor', 'e', good], ['b', '__proto__', 'e', good]]).replace('{"constructor"', '{"__proto__":{"polluted":true},"constructor"'));
    const cache = await loadFingerprintCache(file);
    assert.equal(cache.size, 2);
    assert.deepEqual(cache.get({ bucket: '__proto__', key: 'constructor' }), { etag: 'e', fingerprint: good });
    assert.deepEqual(cache.get({ bucket: 'b', key: '__proto__' }), { etag: 'e', fingerprint: good });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('saves and loads more entries than one step (2,000), one per line, in order', async () => {
    const cache = new FingerprintCache();
    for (let i = 0; i < 12_001; i++) cache.set({ bucket: 'b', key: `k${i}` }, `e${i}`, { ...good, bytes: i + 1 });
    await saveFingerprintCache(file, cache);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.length, 12_003, 'the format line, 12,001 entries, the last newline');
    assert.deepEqual(JSON.parse(lines[5_001]!), ['b', 'k5000', 'e5000', { ...good, bytes: 5_001 }]);
    const back = await loadFingerprintCache(file);
    assert.deepEqual([...back.entries()].map(([k, v]) => `${k}|${v.etag}|${v.fingerprint.bytes}`), [...cache.entries()].map(([k, v]) => `${k}|${v.etag}|${v.fingerprint.bytes}`));
  });

  it('loads at most its bound, the most recently saved kept', async () => {
    write(jsonl([1, 2, 3, 4, 5].map((i) => ['b', `k${i}`, 'e', good])));
    const cache = await loadFingerprintCache(file, 3);
    assert.deepEqual([...cache.entries()].map(([k]) => k), ['b\u0000k3', 'b\u0000k4', 'b\u0000k5']);
  });
});

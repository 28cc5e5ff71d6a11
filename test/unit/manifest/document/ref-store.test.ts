/** The streaming validator's store of source-refs: every ref read back as it was set, whatever its characters and however many. */
import * as assert from 'node:assert/strict';
import { RefStore } from '../../../../src/manifest/document/ref-store';

describe('RefStore', () => {
  it('reads back each line\'s ref as set: one-byte, Latin-1, wider characters, empty; lines skipped have none', () => {
    const store = new RefStore();
    const refs = new Map<number, string>([
      [0, 's3://bucket/a.jpg'],
      [1, ''],
      [3, 's3://bucket/caf\u00e9.jpg'],
      [4, 's3://bucket/\u732b/\ud83d\udc08.jpg'],
      [5, 's3://bucket/after-wide.jpg'],
      [8, 's3://b/\u0100'],
      [9, 's3://bucket/last.png'],
    ]);
    for (const [line, ref] of refs) store.set(line, ref);
    store.seal();
    for (let line = -1; line <= 11; line++) assert.equal(store.get(line), refs.get(line), `line ${line}`);
  });

  it('keeps 300,000 refs of growing lengths through every growth of its buffers', () => {
    const store = new RefStore();
    const ref = (i: number): string => `s3://bucket-${i % 7}/${'k'.repeat(i % 300)}/${i}${i % 1000 === 0 ? '\u00ff' : ''}.jpg`;
    for (let i = 0; i < 300_000; i += i % 10 === 9 ? 2 : 1) store.set(i, ref(i));
    for (let i = 0; i < 300_000; i += 997) assert.equal(store.get(i), i % 10 === 0 && i > 0 ? undefined : ref(i), `line ${i}`);
  });
});

describe('RefStore.set', () => {
  it('returns hashString of the ref it keeps (the same hash the index works out itself), for every length and width of ref', async () => {
    const { hashString } = await import('../../../../src/manifest/document/hash-counts');
    const store = new RefStore();
    const refs = ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 's3://bucket/caf\u00e9.jpg', 's3://bucket/\u732b/\ud83d\udc08.jpg', 's3://b/\u0100x'];
    for (let n = 0; n < 40; n++) refs.push(`s3://bucket/${'k'.repeat(n)}`);
    refs.forEach((ref, line) => assert.equal(store.set(line, ref), hashString(ref), JSON.stringify(ref)));
    assert.equal(store.set(0, 'again'), hashString('again'), 'a line set before');
  });
});

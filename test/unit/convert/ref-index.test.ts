/** The writer's compact index of written source-refs: every ref found again, across chunks and growth; others not. */
import * as assert from 'node:assert/strict';
import { RefIndex } from '../../../src/convert/ref-index';

describe('RefIndex (source-refs written, for repeats)', () => {
  it('finds each of 20,000 refs by its number, in and out of the first folder, and nothing else', () => {
    const index = new RefIndex();
    const refs: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      // Most in the first ref's folder, some elsewhere, some not ASCII.
      const ref = i % 7 === 0 ? `s3://other-bucket/x/${i}.jpg` : i % 11 === 0 ? `s3://bucket/images/café-${i}.jpg` : `s3://bucket/images/${i}.jpg`;
      refs.push(ref);
      assert.equal(index.find(ref), -1, `${ref} before it is added`);
      assert.equal(index.add(ref), i);
    }
    assert.equal(index.size, refs.length);
    refs.forEach((ref, i) => {
      assert.equal(index.find(ref), i, ref);
      assert.equal(index.ref(i), ref);
    });
    for (const absent of ['s3://bucket/images/20000.jpg', 's3://bucket/images/', 's3://other-bucket/x/1.jpg', '', 's3://bucket/images/1.jpg ']) {
      assert.equal(index.find(absent), -1, absent);
    }
  });
});

/** A gallery of some lines only: the entries of those lines, numbered again from 0, each keeping its line. */
import * as assert from 'node:assert/strict';
import { buildEntries, type GalleryEntry } from '../../../src/gallery/entries';
import { keepLines, linesNote } from '../../../src/gallery/only-lines';

const line = (name: string) => JSON.stringify({ 'source-ref': `s3://bucket/${name}.jpg`, animal: 1, 'animal-metadata': { confidence: 1, 'class-name': 'cat', 'human-annotated': 'yes', 'creation-date': '2024-05-01T10:00:00.000Z', type: 'groundtruth/image-classification' } });

describe('gallery of some lines', () => {
  it('keeps the entries of the lines asked for, across batches, with ids 0..n-1 and their own lines', async () => {
    // Line 2 (0-based) is blank and names no image: asking for it shows nothing for it.
    const lines = [line('a'), line('b'), '', line('d'), line('e'), line('f')];
    const only = new Set([1, 2, 4, 5]);
    const kept: GalleryEntry[] = [];
    // Pages of two lines: each page is a batch of its own.
    const pages = [lines.slice(0, 2), lines.slice(2, 4), lines.slice(4)];
    await buildEntries(pages, { onEntries: (batch) => kept.push(...keepLines(batch, only, kept.length)) });
    assert.deepEqual(kept.map((e) => [e.id, e.line, e.ref]), [
      [0, 1, 's3://bucket/b.jpg'],
      [1, 4, 's3://bucket/e.jpg'],
      [2, 5, 's3://bucket/f.jpg'],
    ]);
  });

  it('names the lines in the title, 1-based as an editor shows them', () => {
    assert.equal(linesNote(new Set([4])), ' (line 5)');
    assert.equal(linesNote(new Set([9, 0, 3])), ' (lines 1, 4, 10)');
    assert.equal(linesNote(new Set(Array.from({ length: 10 }, (_, i) => i))), ' (lines 1, 2, 3, 4, 5, 6, 7, 8, … (10))');
  });
});

/** The gallery's entries: labels and boxes with class-map names, the validator's problems, built in steps. */
import * as assert from 'node:assert/strict';
import { buildEntries, galleryEntry, type GalleryEntry } from '../../../src/gallery/entries';
import { s3Location as s3Parts } from '../../../src/manifest';
import { mixedManifest } from '../../bench/generate';

const DATE = '2024-05-01T10:00:00.000Z';
const detection = JSON.stringify({
  'source-ref': 's3://bucket/street.jpg',
  vehicles: { image_size: [{ width: 800, height: 600, depth: 3 }], annotations: [{ class_id: 0, left: 10, top: 20, width: 100, height: 50 }, { class_id: 7, left: 700, top: 500, width: 300, height: 200 }] },
  'vehicles-metadata': { objects: [{ confidence: 1 }, { confidence: 1 }], 'class-map': { '0': 'car' }, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': DATE },
});

describe('gallery entries', () => {
  it('an entry has the boxes with their class-map names, the labels once, and the problems the validator finds', () => {
    const e = galleryEntry(4, 9, detection)!;
    assert.equal(e.id, 4);
    assert.equal(e.line, 9);
    assert.equal(e.ref, 's3://bucket/street.jpg');
    assert.deepEqual([e.w, e.h], [800, 600]);
    assert.deepEqual(e.boxes, [
      ['car', 10, 20, 100, 50],
      ['class 7', 700, 500, 300, 200],
    ]);
    assert.deepEqual(e.labels, ['car', 'class 7']);
    const codes = e.problems.map((p) => p[1]);
    assert.ok(codes.includes('ERROR_INVALID_BOUNDING_BOX'), codes.join(', '));
    assert.ok(e.problems.every((p) => ['error', 'warning', 'info'].includes(p[0])));
  });

  it('a line that names no image has no entry; a clean classification line has its label and no problems', () => {
    assert.equal(galleryEntry(0, 0, ''), undefined);
    assert.equal(galleryEntry(0, 0, '{broken'), undefined);
    const e = galleryEntry(0, 0, JSON.stringify({ 'source-ref': 's3://bucket/cat.jpg', animal: 1, 'animal-metadata': { confidence: 1, 'class-name': 'cat', 'human-annotated': 'yes', 'creation-date': DATE, type: 'groundtruth/image-classification' } }))!;
    assert.deepEqual(e.labels, ['cat']);
    assert.deepEqual(e.problems, []);
    assert.deepEqual([e.w, e.h], [0, 0]);
  });

  it('250,000 lines are built in many steps that hand over their entries in order, and can be stopped', async function () {
    this.timeout(120_000);
    const lines = mixedManifest(250_000);
    let received = 0;
    let inOrder = true;
    const result = await buildEntries(lines, {
      onEntries: (batch: GalleryEntry[]) => {
        for (const e of batch) inOrder &&= e.id === received++;
      },
    });
    assert.equal(result.lines, 250_000);
    assert.equal(received, result.entries);
    assert.ok(result.entries > 240_000, `${result.entries} entries`);
    assert.ok(inOrder, 'ids in order');
    assert.ok(result.steps > 10, `${result.steps} steps`);

    const controller = new AbortController();
    let batches = 0;
    const stopped = await buildEntries(lines, { signal: controller.signal, onEntries: () => ++batches === 2 && controller.abort() });
    assert.ok(stopped.cancelled && stopped.lines < 250_000, JSON.stringify(stopped));
  });

  it('pages of lines (a remote dataset) are handed over as each page ends, numbered across pages', async () => {
    const lines = mixedManifest(5);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: number[][] = [];
    async function* pages(): AsyncGenerator<readonly string[]> {
      yield lines.slice(0, 3);
      await gate; // the next page is slow to come
      yield lines.slice(3);
    }
    const building = buildEntries(pages(), { onEntries: (batch) => seen.push(batch.map((e) => e.line)) });
    while (seen.length === 0) await new Promise((r) => setImmediate(r));
    assert.deepEqual(seen, [[0, 1, 2]], 'the first page is in before the second arrives');
    release();
    const result = await building;
    assert.deepEqual(seen, [[0, 1, 2], [3, 4]]);
    assert.equal(result.entries, 5);
  });

  it('s3Parts', () => {
    assert.deepEqual(s3Parts('s3://b/a/c.jpg'), { bucket: 'b', key: 'a/c.jpg' });
    assert.equal(s3Parts('https://x/y'), undefined);
  });

  it('counts the lines of a file as wc -l does: the empty end after the final newline is not a line', async () => {
    // The demo's train.manifest: 3 lines, each ending with a newline; read as the gallery reads it, split at \n.
    const text = ['{"source-ref":"s3://b/a.jpg"}', '{"source-ref":"s3://b/b.jpg"}', '', '{"source-ref":"s3://b/c.jpg"}'].join('\n') + '\n';
    const result = await buildEntries(text.split('\n'), { onEntries: () => undefined });
    assert.deepEqual({ lines: result.lines, entries: result.entries }, { lines: 4, entries: 3 });
    const noNewline = await buildEntries(text.slice(0, -1).split('\n'), { onEntries: () => undefined });
    assert.equal(noNewline.lines, 4);
  });
});

/**
 * The preview's edit mode, its pure parts: which lines can be edited and why not (model.ts
 * `editability`), the image-level labels it offers to remove, and the page's gestures checked on
 * arrival (messages.ts `readPageToPreview`): what the page may send and what is dropped.
 */
import * as assert from 'node:assert/strict';
import { editability, previewOf } from '../../../src/preview/model';
import { readPageToPreview } from '../../../src/preview/messages';

const DET = JSON.stringify({
  'source-ref': 's3://demo-bucket/images/street-001.jpg',
  vehicles: { image_size: [{ width: 800, height: 600, depth: 3 }], annotations: [{ class_id: 0, left: 40, top: 60, width: 200, height: 150 }] },
  'vehicles-metadata': { objects: [{ confidence: 1 }], 'class-map': { '0': 'car' }, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': '2024-05-01T10:00:00' },
  animal: 1,
  'animal-metadata': { confidence: 1, 'class-name': 'cat', 'human-annotated': 'yes', 'creation-date': '2024-05-01T10:00:00', type: 'groundtruth/image-classification' },
});
const REAL = { width: 800, height: 600 };

describe('preview: edit mode', () => {
  it('a JSON object with a readable image whose declared size is the real one can be edited', () => {
    assert.equal(editability(DET, REAL, undefined), undefined);
    assert.equal(editability('{"source-ref":"s3://b/unlabelled.png"}', { width: 10, height: 10 }, undefined), undefined);
  });

  it('says in words why a line cannot be edited', () => {
    const cases: Array<[string, { width: number; height: number } | undefined, string | undefined, RegExp]> = [
      ['', REAL, undefined, /blank/],
      ['{"source-ref": "s3://b/a.png", ', REAL, undefined, /not valid JSON: fix it in the editor/],
      ['[1]', REAL, undefined, /not a JSON object/],
      ['{"a": 1}', REAL, undefined, /no source-ref/],
      ['{"source-ref": "https://x/a.png"}', REAL, undefined, /not an s3:\/\/bucket\/key URI/],
      [DET, undefined, 's3://demo-bucket/images/street-001.jpg is not in the folder.', /image cannot be read.*is not in the folder/],
      [DET, { width: 1600, height: 1200 }, undefined, /"vehicles" declares an image_size of 800 x 600, but the image is 1600 x 1200/],
    ];
    for (const [text, image, note, why] of cases) assert.match(editability(text, image, note) ?? 'editable', why, text);
  });

  it('the image-level labels are the classification class-names, not the boxes\' labels', () => {
    const v = previewOf(0, DET);
    assert.deepEqual(v.labels, ['cat', 'car']);
    assert.deepEqual(v.imageLabels, ['cat']);
  });

  it("the page's gestures are checked on arrival: whole pixels, a box named by attribute and index, a known kind", () => {
    const ok = [
      { type: 'edit', line: 3, gesture: { kind: 'addBox', box: { left: 1, top: 2, width: 3, height: 4 }, label: 'car' } },
      { type: 'edit', line: 0, gesture: { kind: 'moveBox', ref: { attribute: 'vehicles', annotation: 0 }, box: { left: 0, top: 0, width: 5, height: 5 } } },
      { type: 'edit', line: 0, gesture: { kind: 'setBoxLabel', ref: { attribute: '__proto__', annotation: 1 }, label: 'constructor' } },
      { type: 'edit', line: 0, gesture: { kind: 'deleteBox', ref: { attribute: 'vehicles', annotation: 0 } } },
      { type: 'edit', line: 0, gesture: { kind: 'addLabel', label: 'x' } },
      { type: 'edit', line: 0, gesture: { kind: 'removeLabel', label: 'x' } },
      { type: 'editMode', on: false },
      { type: 'step', by: -1 },
      { type: 'undo' },
      { type: 'redo' },
    ];
    for (const m of ok) assert.deepEqual(readPageToPreview(m), m, JSON.stringify(m));
    const bad: unknown[] = [
      { type: 'edit', line: 0, gesture: { kind: 'addBox', box: { left: 1.5, top: 2, width: 3, height: 4 }, label: 'car' } },
      { type: 'edit', line: 0, gesture: { kind: 'addBox', box: { left: 1, top: 2, width: 3 }, label: 'car' } },
      { type: 'edit', line: 0, gesture: { kind: 'addBox', box: { left: 1, top: 2, width: 3, height: 4 } } },
      { type: 'edit', line: -1, gesture: { kind: 'addLabel', label: 'x' } },
      { type: 'edit', line: 0, gesture: { kind: 'moveBox', ref: { attribute: 'vehicles', annotation: -1 }, box: { left: 0, top: 0, width: 5, height: 5 } } },
      { type: 'edit', line: 0, gesture: { kind: 'deleteBox', ref: { attribute: 7, annotation: 0 } } },
      { type: 'edit', line: 0, gesture: { kind: 'renameFile', label: 'x' } },
      { type: 'edit', line: 0, gesture: { kind: 'constructor' } },
      { type: 'edit', line: 0, gesture: null },
      { type: 'step', by: 2 },
      { type: 'editMode', on: 'yes' },
    ];
    for (const m of bad) assert.equal(readPageToPreview(m), undefined, JSON.stringify(m));
  });
});

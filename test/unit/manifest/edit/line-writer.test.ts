/**
 * The label editor's line writer (src/manifest/edit/line-writer.ts): each gesture gives the line
 * the guide's format in place, keeps the key order and the keys it does not own, and passes the
 * validator. Expected texts are written by hand from the guide's examples
 * (md-create-manifest-file-object-detection.md, md-create-manifest-file-classification.md).
 */
import * as assert from 'node:assert/strict';
import { readEntry, validateLine, writeGesture, type LabelGesture, type WriteResult } from '../../../../src/manifest';
import { GUIDE } from '../helpers';

const NOW = new Date('2026-08-01T09:30:15.250Z');
const STAMP = '2026-08-01T09:30:15.250';
const SIZE = { width: 640, height: 480 };
const ctx = { imageSize: SIZE, now: NOW };

function written(text: string, gesture: LabelGesture, context = ctx): string {
  const result: WriteResult = writeGesture(text, gesture, context);
  assert.ok('text' in result, `refused: ${'refused' in result ? result.refused : ''}`);
  return result.text;
}

/** The line's problems that are errors (the validator's reading). */
function errors(text: string): string[] {
  return validateLine(text, 0).problems.filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message}`);
}

/** The top-level keys in the order the text writes them (JSON.parse would move integer-like keys). */
function keyOrder(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const after = text.slice(j + 1).trimStart();
      if (depth === 1 && after.startsWith(':')) keys.push(JSON.parse(text.slice(i, j + 1)) as string);
      i = j;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return keys;
}

const UNLABELLED = '{"source-ref": "s3://bucket/images/a.png"}';
/** The guide's object-detection example (line 4 of the fixture: its one-line form, tabs kept). */
const GUIDE_DETECTION = GUIDE[3]!;

describe('manifest: the label editor writes a gesture into one line', () => {
  it('adds a box to an unlabelled line as a new attribute pair in the guide format, and the line passes the validator', () => {
    const text = written(UNLABELLED, { kind: 'addBox', box: { left: 10.4, top: 20.6, width: 100.2, height: 50 }, label: 'car' });
    assert.equal(
      text,
      '{"source-ref": "s3://bucket/images/a.png", "bounding-box": {"image_size": [{"width": 640, "height": 480, "depth": 3}], "annotations": [{"class_id": 0, "top": 21, "left": 10, "width": 101, "height": 50}]}, ' +
        `"bounding-box-metadata": {"objects": [{"confidence": 1}], "class-map": {"0": "car"}, "type": "groundtruth/object-detection", "human-annotated": "yes", "creation-date": "${STAMP}", "job-name": "labeling-job/bounding-box"}}`,
    );
    assert.deepEqual(errors(text), []);
    assert.deepEqual(validateLine(text, 0).problems, []);
  });

  it('adds a box to the guide example: a new class-map entry with the next free id, objects aligned, stamp updated, order and job-name kept', () => {
    const text = written(GUIDE_DETECTION, { kind: 'addBox', box: { left: 0, top: 0, width: 64, height: 48 }, label: 'Echo Show' });
    const line = JSON.parse(text);
    assert.deepEqual(keyOrder(text), keyOrder(GUIDE_DETECTION));
    assert.deepEqual(line['bounding-box'].annotations[2], { class_id: 2, top: 0, left: 0, width: 64, height: 48 });
    assert.deepEqual(line['bounding-box-metadata'].objects, [{ confidence: 1 }, { confidence: 1 }, { confidence: 1 }]);
    assert.deepEqual(line['bounding-box-metadata']['class-map'], { '0': 'Echo', '1': 'Echo Dot', '2': 'Echo Show' });
    assert.equal(line['bounding-box-metadata']['creation-date'], STAMP);
    assert.equal(line['bounding-box-metadata']['job-name'], 'my job');
    assert.deepEqual(errors(text), []);
    // The guide's tab between keys is still there: the line was edited, not re-serialised.
    assert.ok(text.includes('{ "class_id": 1,\t"top": 251,\t"left": 399'), text);
  });

  it('uses the class id a label already has', () => {
    const text = written(GUIDE_DETECTION, { kind: 'addBox', box: { left: 1, top: 2, width: 3, height: 4 }, label: 'Echo' });
    const line = JSON.parse(text);
    assert.equal(line['bounding-box'].annotations[2].class_id, 0);
    assert.deepEqual(line['bounding-box-metadata']['class-map'], { '0': 'Echo', '1': 'Echo Dot' });
  });

  it('moves and resizes box i: only its numbers change, in whole pixels inside the image', () => {
    const text = written(GUIDE_DETECTION, { kind: 'moveBox', ref: { attribute: 'bounding-box', annotation: 1 }, box: { left: 600.7, top: -5, width: 100, height: 30.2 } });
    const line = JSON.parse(text);
    assert.deepEqual(line['bounding-box'].annotations[1], { class_id: 0, top: 0, left: 601, width: 39, height: 25 });
    assert.deepEqual(line['bounding-box'].annotations[0], { class_id: 1, top: 251, left: 399, width: 155, height: 101 });
    assert.deepEqual(errors(text), []);
    // The text outside the moved box's numbers and the stamp is the same.
    const before = GUIDE_DETECTION.replace(/"top": 65, "left": 86, "width": 220,\t"height": 334/, 'BOX').replace(/"2013-11-18T02:53:27"/, 'DATE');
    const after = text.replace(/"top": 0, "left": 601, "width": 39,\t"height": 25/, 'BOX').replace(`"${STAMP}"`, 'DATE');
    assert.equal(after, before);
  });

  it("sets box i's label: an existing label's id, or a new class-map entry", () => {
    const existing = JSON.parse(written(GUIDE_DETECTION, { kind: 'setBoxLabel', ref: { attribute: 'bounding-box', annotation: 0 }, label: 'Echo' }));
    assert.equal(existing['bounding-box'].annotations[0].class_id, 0);
    const fresh = written(GUIDE_DETECTION, { kind: 'setBoxLabel', ref: { attribute: 'bounding-box', annotation: 0 }, label: 'Tap' });
    const line = JSON.parse(fresh);
    assert.equal(line['bounding-box'].annotations[0].class_id, 2);
    assert.equal(line['bounding-box-metadata']['class-map']['2'], 'Tap');
    assert.deepEqual(errors(fresh), []);
  });

  it('deletes box i with its objects entry; deleting every box leaves an empty annotations array the validator reads', () => {
    const one = written(GUIDE_DETECTION, { kind: 'deleteBox', ref: { attribute: 'bounding-box', annotation: 0 } });
    const line = JSON.parse(one);
    assert.deepEqual(line['bounding-box'].annotations, [{ class_id: 0, top: 65, left: 86, width: 220, height: 334 }]);
    assert.deepEqual(line['bounding-box-metadata'].objects, [{ confidence: 1 }]);
    assert.deepEqual(errors(one), []);
    const none = written(one, { kind: 'deleteBox', ref: { attribute: 'bounding-box', annotation: 0 } });
    assert.deepEqual(JSON.parse(none)['bounding-box'].annotations, []);
    assert.deepEqual(JSON.parse(none)['bounding-box-metadata'].objects, []);
  });

  it('keeps keys it does not own, at every level, in their places', () => {
    const text0 = '{"zeta":1,"source-ref":"s3://b/a.png","box":{"note":"x","image_size":[{"width":640,"height":480,"depth":3,"extra":true}],"annotations":[{"class_id":0,"top":1,"left":2,"width":3,"height":4,"mine":[1,2]}]},"box-metadata":{"objects":[{"confidence":1,"by":"me"}],"class-map":{"0":"a"},"type":"groundtruth/object-detection","human-annotated":"no","creation-date":"2020-01-01T00:00:00","custom":{"k":"v"}},"tail":null}';
    const text = written(text0, { kind: 'moveBox', ref: { attribute: 'box', annotation: 0 }, box: { left: 5, top: 6, width: 7, height: 8 } });
    assert.equal(
      text,
      '{"zeta":1,"source-ref":"s3://b/a.png","box":{"note":"x","image_size":[{"width":640,"height":480,"depth":3,"extra":true}],"annotations":[{"class_id":0,"top":6,"left":5,"width":7,"height":8,"mine":[1,2]}]},' +
        `"box-metadata":{"objects":[{"confidence":1,"by":"me"}],"class-map":{"0":"a"},"type":"groundtruth/object-detection","human-annotated":"yes","creation-date":"${STAMP}","custom":{"k":"v"},"job-name":"labeling-job/box"},"tail":null}`,
    );
  });

  it('classification: adds a label as an attribute pair (single label), a second as another pair (multi-label), removes them', () => {
    const one = written(UNLABELLED, { kind: 'addLabel', label: 'Sunrise' });
    assert.equal(
      one,
      `{"source-ref": "s3://bucket/images/a.png", "Sunrise": 0, "Sunrise-metadata": {"confidence": 1, "job-name": "labeling-job/Sunrise", "class-name": "Sunrise", "human-annotated": "yes", "creation-date": "${STAMP}", "type": "groundtruth/image-classification"}}`,
    );
    assert.deepEqual(validateLine(one, 0).problems, []);
    const two = written(one, { kind: 'addLabel', label: 'beach ball' });
    assert.deepEqual(readEntry(two).classNames, ['Sunrise', 'beach ball']);
    assert.equal(JSON.parse(two)['beach ball'], 1);
    assert.deepEqual(errors(two), []);
    assert.equal(written(two, { kind: 'addLabel', label: 'Sunrise' }), two, 'a label the line has is not added again');
    const back = written(two, { kind: 'removeLabel', label: 'beach ball' });
    assert.equal(back, one);
    assert.equal(written(back, { kind: 'removeLabel', label: 'Sunrise' }), UNLABELLED);
  });

  it("removes a label from the guide's multi-label line: that pair only, the other pair and the order kept", () => {
    const sport = GUIDE[2]!;
    const text = written(sport, { kind: 'removeLabel', label: 'football' });
    assert.deepEqual(keyOrder(text), ['source-ref', 'sport1', 'sport1-metadata']);
    assert.equal(text.slice(text.indexOf('"sport1"')), sport.slice(sport.indexOf('"sport1"')));
    assert.deepEqual(errors(text), []);
  });

  it('every combination: a box on a classification line, a label on a detection line, both kept valid', () => {
    const cls = GUIDE[1]!;
    const withBox = written(cls, { kind: 'addBox', box: { left: 1, top: 1, width: 10, height: 10 }, label: 'sun' });
    assert.deepEqual(keyOrder(withBox), [...keyOrder(cls), 'bounding-box', 'bounding-box-metadata']);
    assert.deepEqual(errors(withBox), []);
    const withLabel = written(GUIDE_DETECTION, { kind: 'addLabel', label: 'kitchen' });
    assert.deepEqual(keyOrder(withLabel), [...keyOrder(GUIDE_DETECTION), 'kitchen', 'kitchen-metadata']);
    assert.deepEqual(errors(withLabel), []);
    const both = written(withLabel, { kind: 'deleteBox', ref: { attribute: 'bounding-box', annotation: 1 } });
    assert.deepEqual(errors(both), []);
    assert.equal(readEntry(both).boxes.length, 1);
    assert.deepEqual(readEntry(both).classNames, ['kitchen']);
  });

  it('a line with two detection attributes: a box names its attribute; a new box goes to the first one', () => {
    const meta = (n: string) => `"${n}-metadata":{"objects":[{"confidence":1}],"class-map":{"0":"${n}-label"},"type":"groundtruth/object-detection","human-annotated":"yes","creation-date":"2020-01-01T00:00:00"}`;
    const attr = (n: string, left: number) => `"${n}":{"image_size":[{"width":640,"height":480,"depth":3}],"annotations":[{"class_id":0,"top":0,"left":${left},"width":10,"height":10}]}`;
    const text0 = `{"source-ref":"s3://b/a.png",${attr('first', 1)},${meta('first')},${attr('second', 2)},${meta('second')}}`;
    const moved = JSON.parse(written(text0, { kind: 'moveBox', ref: { attribute: 'second', annotation: 0 }, box: { left: 50, top: 0, width: 10, height: 10 } }));
    assert.equal(moved.second.annotations[0].left, 50);
    assert.equal(moved.first.annotations[0].left, 1);
    const result = writeGesture(text0, { kind: 'addBox', box: { left: 5, top: 5, width: 5, height: 5 }, label: 'x' }, ctx);
    assert.ok('text' in result);
    assert.deepEqual(result.box, { attribute: 'first', annotation: 1 }, 'the new box, as it is in the new line');
    const added = JSON.parse(result.text);
    assert.equal(added.first.annotations.length, 2);
    assert.equal(added.second.annotations.length, 1);
  });

  it('hostile input: labels named constructor and __proto__, huge numbers, a wrong image_size', () => {
    const proto = written(UNLABELLED, { kind: 'addBox', box: { left: 1, top: 1, width: 5, height: 5 }, label: '__proto__' });
    const classMap = JSON.parse(proto)['bounding-box-metadata']['class-map'];
    assert.equal(Object.getOwnPropertyDescriptor(classMap, '0')?.value, '__proto__');
    assert.deepEqual(errors(proto), []);
    const ctor = written(proto, { kind: 'addBox', box: { left: 1, top: 1, width: 5, height: 5 }, label: 'constructor' });
    assert.deepEqual(JSON.parse(ctor)['bounding-box'].annotations.map((a: { class_id: number }) => a.class_id), [0, 1]);
    assert.deepEqual(errors(ctor), []);
    for (const label of ['constructor', '__proto__', 'toString']) {
      const text = written(UNLABELLED, { kind: 'addLabel', label });
      assert.deepEqual(readEntry(text).classNames, [label]);
      assert.deepEqual(errors(text), [], label);
      assert.equal(written(text, { kind: 'removeLabel', label }), UNLABELLED);
    }
    const huge = written(UNLABELLED, { kind: 'addBox', box: { left: 1e308, top: -1e308, width: 1e308, height: Number.MAX_VALUE }, label: 'a' });
    assert.deepEqual(JSON.parse(huge)['bounding-box'].annotations[0], { class_id: 0, top: 0, left: 638, width: 2, height: 480 });
    assert.deepEqual(errors(huge), []);
    const hugeIds = '{"source-ref":"s3://b/a.png","b":{"image_size":[{"width":640,"height":480,"depth":3}],"annotations":[{"class_id":1e300,"top":0,"left":0,"width":1,"height":1}]},"b-metadata":{"objects":[{"confidence":1}],"class-map":{"1e+300":"far"},"type":"groundtruth/object-detection","human-annotated":"yes","creation-date":"2020-01-01T00:00:00"}}';
    const next = JSON.parse(written(hugeIds, { kind: 'addBox', box: { left: 0, top: 0, width: 2, height: 2 }, label: 'near' }));
    assert.equal(next.b.annotations[1].class_id, 0);
    const wrongSize = GUIDE_DETECTION;
    const refused = writeGesture(wrongSize, { kind: 'deleteBox', ref: { attribute: 'bounding-box', annotation: 0 } }, { imageSize: { width: 1280, height: 960 }, now: NOW });
    assert.ok('refused' in refused && /640 x 480.*1280 x 960/.test(refused.refused), JSON.stringify(refused));
  });

  it('refuses, with the reason, what it cannot write: not JSON, a box that is gone, an empty label', () => {
    const cases: Array<[string, LabelGesture, RegExp]> = [
      ['{"source-ref": "s3://b/a.png"', { kind: 'addLabel', label: 'x' }, /not a JSON object/],
      ['[1, 2]', { kind: 'addLabel', label: 'x' }, /not a JSON object/],
      [GUIDE_DETECTION, { kind: 'deleteBox', ref: { attribute: 'bounding-box', annotation: 5 } }, /has no box 6/],
      [GUIDE_DETECTION, { kind: 'deleteBox', ref: { attribute: 'nope', annotation: 0 } }, /not an object-detection attribute/],
      [UNLABELLED, { kind: 'addLabel', label: '  ' }, /needs a name/],
    ];
    for (const [text, gesture, why] of cases) {
      const result = writeGesture(text, gesture, ctx);
      assert.ok('refused' in result && why.test(result.refused), `${text} ${JSON.stringify(gesture)}: ${JSON.stringify(result)}`);
    }
  });
});

describe('manifest: the label editor parses a line once per text it writes', () => {
  // The preview writes each drag of a box on mouse-up, in the extension host: a gesture that
  // parsed the whole line again for every read (19 parses for one move) took 10-40 ms on a 50-box
  // line (~4 KB) on a loaded machine, most of the time from mouse-up to the line changed.
  it('a move of a box parses the line once, then once after each of its edits', () => {
    // jsonc-parser's own module object, the one json-line.ts calls parseTree on.
    const jsonc = require('jsonc-parser') as { parseTree: (...args: unknown[]) => unknown };
    const parseTree = jsonc.parseTree;
    let parses = 0;
    jsonc.parseTree = (...args: unknown[]) => {
      parses++;
      return parseTree(...args);
    };
    try {
      const text = '{"source-ref":"s3://b/a.jpg","boxes":{"image_size":[{"width":640,"height":480,"depth":3}],"annotations":[{"class_id":0,"top":10,"left":10,"width":50,"height":50}]},"boxes-metadata":{"objects":[{"confidence":1}],"class-map":{"0":"car"},"type":"groundtruth/object-detection","human-annotated":"yes","creation-date":"2024-03-06T17:46:39.000","job-name":"labeling-job/boxes"}}';
      const out = written(text, { kind: 'moveBox', ref: { attribute: 'boxes', annotation: 0 }, box: { left: 20, top: 30, width: 60, height: 70 } });
      assert.equal(out, text.replace('"top":10,"left":10,"width":50,"height":50', '"top":30,"left":20,"width":60,"height":70').replace('2024-03-06T17:46:39.000', STAMP));
      // The fixture's edits: left, top, width and height changed, and the creation-date (type,
      // human-annotated, job-name and image_size are already what a move writes): 1 + 5 parses.
      assert.ok(parses <= 6, `the line was parsed ${parses} times for one move (at most 6: once, then once after each of its 5 edits)`);
    } finally {
      jsonc.parseTree = parseTree;
    }
  });
});

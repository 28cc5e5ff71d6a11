import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixesFor, type Fix, type FixContext } from '../../../../src/manifest/fixes/fixes';
import { convertMultilabelLine } from '../../../../src/manifest/fixes/convert-multilabel';
import { s3UriFromHttps } from '../../../../src/manifest/fixes/lines';
import type { Problem } from '../../../../src/manifest/types';
import type { ProblemCode } from '../../../../src/manifest/codes';
import { validateLine } from '../../../../src/manifest/validate';

const NOW = new Date('2024-05-06T07:08:09.010Z');

function problem(code: ProblemCode, line: number, text: string, data?: Record<string, unknown>, start = 0, end = text.length): Problem {
  return { code, line, start, end, severity: 'error', message: code, scope: 'line', data };
}

function context(lines: string[], labels: string[] = []): FixContext {
  return { lineText: (i) => lines[i] ?? '', lineCount: lines.length, now: () => NOW, labels };
}

/** Applies a fix to a document given as lines; returns the new lines. */
function apply(lines: string[], fix: Fix): string[] {
  const text = lines.join('\n');
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  const off = (p: { line: number; character: number }): number => starts[p.line] + p.character;
  const edits = fix.edits.map((e) => ({ s: off(e.start), e: off(e.end), t: e.newText })).sort((a, b) => b.s - a.s);
  for (let i = 1; i < edits.length; i++) assert.ok(edits[i].e <= edits[i - 1].s, 'edits overlap');
  let out = text;
  for (const e of edits) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out.split('\n');
}

/** Fixes for a one-line problem, applied one by one: [fix, resulting line parsed]. */
function fixOne(line: string, code: ProblemCode, data?: Record<string, unknown>, labels: string[] = [], span?: [number, number]) {
  const lines = [line];
  const p = problem(code, 0, line, data, span?.[0] ?? 0, span?.[1] ?? line.length);
  return fixesFor(p, context(lines, labels)).map((fix) => {
    const [after] = apply(lines, fix);
    return { fix, text: after, json: JSON.parse(after) as Record<string, any> };
  });
}

const CLS_META = '{"confidence":1,"class-name":"ball","human-annotated":"yes","creation-date":"2020-03-06T17:46:39.176Z","type":"groundtruth/image-classification"}';
const CLS = `{"source-ref":"s3://bucket/a.jpg","sport":1,"sport-metadata":${CLS_META}}`;
const DET =
  '{"source-ref": "s3://bucket/b.jpg", "bb": {"image_size": [{"width": 640, "height": 480, "depth": 3}], ' +
  '"annotations": [{"class_id": 0, "top": 10, "left": 20, "width": 100, "height": 50}, ' +
  '{"class_id": 1, "top": 400, "left": 500, "width": 100, "height": 80}]}, ' +
  '"bb-metadata": {"objects": [{"confidence": 1}, {"confidence": 0.9}], "class-map": {"0": "cat", "1": "dog"}, ' +
  '"type": "groundtruth/object-detection", "human-annotated": "yes", "creation-date": "2020-03-06T17:46:39.176Z"}}';

/** A compact check of the Custom Labels rules a fixed line must satisfy (see custom-labels-facts.md). */
function assertValidEntry(obj: Record<string, any>): void {
  assert.match(obj['source-ref'], /^s3:\/\/[^/]+\/.+/);
  const attrs = Object.keys(obj).filter((k) => k !== 'source-ref' && !k.endsWith('-metadata'));
  assert.ok(attrs.length > 0, 'no label attribute');
  for (const a of attrs) {
    const m = obj[`${a}-metadata`];
    assert.ok(m && typeof m === 'object', `${a}-metadata missing`);
    assert.ok(m['human-annotated'] === 'yes' || m['human-annotated'] === 'no', 'human-annotated');
    assert.ok(!Number.isNaN(Date.parse(m['creation-date'])), 'creation-date');
    if (typeof obj[a] === 'number') {
      assert.equal(m.type, 'groundtruth/image-classification');
      assert.equal(typeof m['class-name'], 'string');
      assert.ok(m.confidence >= 0 && m.confidence <= 1);
    } else {
      assert.equal(m.type, 'groundtruth/object-detection');
      const size = obj[a].image_size[0];
      assert.equal(m.objects.length, obj[a].annotations.length, 'objects index-matched');
      for (const o of m.objects) assert.equal(typeof o.confidence, 'number');
      for (const b of obj[a].annotations) {
        assert.equal(typeof m['class-map'][String(b.class_id)], 'string', `class-map lacks ${b.class_id}`);
        assert.ok(b.left >= 0 && b.top >= 0 && b.left + b.width <= size.width && b.top + b.height <= size.height, 'box off image');
      }
    }
  }
}

describe('manifest quick fixes', () => {
  it('the sample lines pass the test checker (so the checker can tell fixed from broken)', () => {
    assertValidEntry(JSON.parse(CLS));
    assertValidEntry(JSON.parse(DET));
    assert.throws(() => assertValidEntry(JSON.parse('{"source-ref":"s3://b/k","x":1}')));
  });

  describe('missing metadata', () => {
    it('adds classification metadata after the attribute, in the line style, with a placeholder label', () => {
      const line = '{"source-ref":"s3://bucket/a.jpg","sport":1}';
      const results = fixOne(line, 'CL_MISSING_METADATA', { attribute: 'sport' });
      assert.equal(results.length, 1);
      const [{ fix, text, json }] = results;
      assert.match(fix.title, /placeholder.*edit it/);
      assert.equal(fix.isPreferred, true);
      assert.equal(
        text,
        '{"source-ref":"s3://bucket/a.jpg","sport":1,"sport-metadata":{"confidence":1,"class-name":"LABEL","human-annotated":"yes","creation-date":"2024-05-06T07:08:09.010Z","type":"groundtruth/image-classification"}}',
      );
      assertValidEntry(json);
    });

    it('offers one fix per label already in the file, none preferred when several', () => {
      const line = '{"source-ref": "s3://bucket/a.jpg", "sport": 1}';
      const results = fixOne(line, 'CL_MISSING_METADATA', undefined, ['ball', 'goal']);
      assert.deepEqual(
        results.map((r) => r.json['sport-metadata']['class-name']),
        ['LABEL', 'ball', 'goal'],
      );
      assert.ok(results.every((r) => !r.fix.isPreferred));
      assert.ok(results[1].text.includes('"sport": 1, "sport-metadata": {"confidence": 1, '), results[1].text);
      results.forEach((r) => assertValidEntry(r.json));
    });

    it('uses a class-name hint from data and prefers it', () => {
      const [r] = fixOne('{"source-ref":"s3://b/a.jpg","sport":1}', 'CL_MISSING_METADATA', { attribute: 'sport', className: 'tennis' });
      assert.equal(r.json['sport-metadata']['class-name'], 'tennis');
      assert.equal(r.fix.isPreferred, true);
    });

    it('adds object-detection metadata with objects index-matched and labels found on other lines', () => {
      const attr = DET.slice(0, DET.indexOf(', "bb-metadata"')) + '}';
      const other = '{"source-ref":"s3://bucket/z.jpg","x":{"image_size":[{"width":9,"height":9,"depth":3}],"annotations":[]},"x-metadata":{"class-map":{"0":"cat","1":"dog"}}}';
      const lines = [other, attr];
      const fixes = fixesFor(problem('CL_MISSING_METADATA', 1, attr, { attribute: 'bb' }), context(lines));
      assert.equal(fixes.length, 1);
      assert.equal(fixes[0].isPreferred, true);
      const json = JSON.parse(apply(lines, fixes[0])[1]);
      assert.deepEqual(json['bb-metadata'].objects, [{ confidence: 1 }, { confidence: 1 }]);
      assert.deepEqual(json['bb-metadata']['class-map'], { 0: 'cat', 1: 'dog' });
      assertValidEntry(json);
    });

    it('says when detection labels are placeholders', () => {
      const attr = DET.slice(0, DET.indexOf(', "bb-metadata"')) + '}';
      const [r] = fixOne(attr, 'CL_MISSING_METADATA');
      assert.match(r.fix.title, /placeholder labels?: edit the class-map/);
      assert.notEqual(r.fix.isPreferred, true);
      assert.deepEqual(r.json['bb-metadata']['class-map'], { 0: 'LABEL-0', 1: 'LABEL-1' });
    });

    it('adds the attribute of an orphan classification metadata, or removes the metadata', () => {
      const line = `{"source-ref":"s3://bucket/a.jpg","sport-metadata":${CLS_META}}`;
      const results = fixOne(line, 'CL_MISSING_METADATA', { attribute: 'sport' });
      assert.equal(results.length, 2);
      assert.equal(results[0].fix.isPreferred, true);
      assert.equal(results[0].json.sport, 1);
      assertValidEntry(results[0].json);
      assert.deepEqual(results[1].json, { 'source-ref': 's3://bucket/a.jpg' });
    });

    it('picks the attribute from the problem range when data has no hint', () => {
      const line = '{"source-ref":"s3://b/a.jpg","a":1,"b":2}';
      const start = line.indexOf('"b"');
      const results = fixOne(line, 'CL_MISSING_METADATA', undefined, [], [start, start + 3]);
      assert.equal(results.length, 1);
      assert.ok('b-metadata' in results[0].json && !('a-metadata' in results[0].json));
    });
  });

  describe('metadata format', () => {
    it('adds the missing required fields at the end of the metadata', () => {
      const line = '{"source-ref":"s3://bucket/a.jpg","sport":1,"sport-metadata":{"class-name":"ball"}}';
      const [r] = fixOne(line, 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT', { attribute: 'sport', path: ['sport-metadata'] });
      assert.match(r.fix.title, /"confidence", "human-annotated", "creation-date", "type"/);
      assert.equal(r.fix.isPreferred, true);
      assert.ok(r.text.startsWith('{"source-ref":"s3://bucket/a.jpg","sport":1,"sport-metadata":{"class-name":"ball","confidence":1,'));
      assertValidEntry(r.json);
    });

    it('adds objects and class-map to detection metadata', () => {
      const line = DET.replace('"objects": [{"confidence": 1}, {"confidence": 0.9}], "class-map": {"0": "cat", "1": "dog"}, ', '');
      const results = fixOne(line, 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT');
      const r = results.find((x) => /"objects", "class-map"/.test(x.fix.title));
      assert.ok(r, results.map((x) => x.fix.title).join('; '));
      assert.equal(r.json['bb-metadata'].objects.length, 2);
      assert.deepEqual(r.json['bb-metadata']['class-map'], { 0: 'LABEL-0', 1: 'LABEL-1' });
    });

    it('corrects human-annotated and an out-of-range confidence', () => {
      const line = CLS.replace('"human-annotated":"yes"', '"human-annotated":true').replace('"confidence":1', '"confidence":95');
      const results = fixOne(line, 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT', { attribute: 'sport' });
      const yes = results.find((r) => r.fix.title.includes('"yes"'));
      assert.equal(yes?.fix.isPreferred, true);
      assert.equal(yes?.json['sport-metadata']['human-annotated'], 'yes');
      const conf = results.find((r) => r.fix.title.includes('confidence'));
      assert.equal(conf?.json['sport-metadata'].confidence, 0.95);
    });
  });

  describe('type', () => {
    it('replaces a misspelt type with the one the attribute shape implies', () => {
      const line = CLS.replace('groundtruth/image-classification', 'groundtruth/image-clasification');
      const [r, ...rest] = fixOne(line, 'ERROR_UNSUPPORTED_USE_CASE_TYPE', { attribute: 'sport' });
      assert.equal(rest.length, 0);
      assert.equal(r.fix.isPreferred, true);
      assert.equal(r.text, CLS);
    });

    it('sets object-detection for a boxes attribute typed as classification', () => {
      const line = DET.replace('groundtruth/object-detection', 'groundtruth/image-classification');
      const [r] = fixOne(line, 'ERROR_UNSUPPORTED_USE_CASE_TYPE');
      assert.equal(r.text, DET);
    });

    it('converts a multi-label attribute as the guide documents: <attr><index> per listed class', () => {
      const line =
        '{"source-ref":"s3://bucket/c.jpg","sport":[0,2],"sport-metadata":{"job-name":"labeling-job/sport",' +
        '"class-map":{"0":"football","1":"tennis","2":"ball"},"human-annotated":"yes","creation-date":"2018-10-18T22:18:13.527256",' +
        '"confidence-map":{"0":0.8,"2":0.7},"type":"groundtruth/image-classification-multilabel"}}';
      const [r] = fixOne(line, 'ERROR_UNSUPPORTED_USE_CASE_TYPE', { attribute: 'sport' });
      assert.equal(r.fix.isPreferred, true);
      assert.match(r.fix.title, /2 image-classification label attributes/);
      assert.deepEqual(r.json, {
        'source-ref': 's3://bucket/c.jpg',
        sport0: 0,
        'sport0-metadata': {
          'class-name': 'football',
          confidence: 0.8,
          type: 'groundtruth/image-classification',
          'job-name': 'labeling-job/sport',
          'human-annotated': 'yes',
          'creation-date': '2018-10-18T22:18:13.527256',
        },
        sport1: 1,
        'sport1-metadata': {
          'class-name': 'ball',
          confidence: 0.7,
          type: 'groundtruth/image-classification',
          'job-name': 'labeling-job/sport',
          'human-annotated': 'yes',
          'creation-date': '2018-10-18T22:18:13.527256',
        },
      });
      assert.equal(Object.keys(r.json)[0], 'source-ref');
      assert.equal(convertMultilabelLine(line), r.text);
    });

    it('multi-label conversion avoids existing names and keeps attributes around it', () => {
      const line =
        '{"sport-metadata": {"class-map": {"3": "golf"}, "type": "groundtruth/image-classification-multilabel", "human-annotated": "no"}, ' +
        '"source-ref": "s3://b/c.jpg", "sport0": 5, "sport0-metadata": {"confidence": 1, "class-name": "x", "human-annotated": "yes", ' +
        '"creation-date": "2020-01-01T00:00:00Z", "type": "groundtruth/image-classification"}, "sport": [3, 4]}';
      const [r] = fixOne(line, 'ERROR_UNSUPPORTED_USE_CASE_TYPE', { attribute: 'sport' });
      assert.match(r.fix.title, /\(1 class id not in the class-map/);
      assert.notEqual(r.fix.isPreferred, true);
      assert.deepEqual(Object.keys(r.json), ['source-ref', 'sport0', 'sport0-metadata', 'sport-0', 'sport-0-metadata', 'sport1', 'sport1-metadata']);
      assert.equal(r.json['sport-0-metadata']['class-name'], 'golf');
      assert.equal(r.json['sport1-metadata']['class-name'], 'class-4');
      assert.equal(r.json['sport1-metadata']['human-annotated'], 'no');
      assert.equal(r.json['sport1-metadata']['creation-date'], NOW.toISOString());
      assertValidEntry(r.json);
    });
  });

  describe('attribute format', () => {
    it('gives a classification attribute an integer, and converts a multi-label array', () => {
      const [r] = fixOne(CLS.replace('"sport":1', '"sport":"1"'), 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT', { attribute: 'sport' });
      assert.equal(r.text, CLS);
      assert.equal(r.fix.isPreferred, true);
      const multi = '{"source-ref":"s3://b/c.jpg","s":[1],"s-metadata":{"class-map":{"1":"x"},"type":"groundtruth/image-classification-multilabel","human-annotated":"yes","creation-date":"2020-01-01T00:00:00Z"}}';
      const [m] = fixOne(multi, 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT');
      assert.equal(m.json['s0-metadata']['class-name'], 'x');
      assertValidEntry(m.json);
    });
  });

  describe('class-map', () => {
    const line = DET.replace(', "1": "dog"', '');
    it('adds the missing id with the label it has on another line (preferred), the file labels and a placeholder', () => {
      const other = DET.replace('s3://bucket/b.jpg', 's3://bucket/other.jpg');
      const lines = [line, '', other];
      const fixes = fixesFor(problem('ERROR_MISSING_CLASS_MAP_ID', 0, line, { classId: 1, attribute: 'bb' }), context(lines, ['cat', 'bird']));
      assert.deepEqual(
        fixes.map((f) => [f.title, f.isPreferred ?? false]),
        [
          ['Add "1": "dog" to the class-map (as on line 3)', true],
          ['Add "1": "bird" to the class-map', false],
          ['Add "1": "LABEL-1" to the class-map (placeholder: edit the label)', false],
        ],
      );
      const fixed = apply(lines, fixes[0])[0];
      assert.equal(fixed, DET);
      assertValidEntry(JSON.parse(fixed));
    });

    it('prefers the placeholder when nothing else is known', () => {
      const results = fixOne(line, 'ERROR_MISSING_CLASS_MAP_ID');
      assert.equal(results.length, 1);
      assert.equal(results[0].fix.isPreferred, true);
      assert.equal(results[0].json['bb-metadata']['class-map']['1'], 'LABEL-1');
    });
  });

  describe('bounding boxes', () => {
    const OFF = DET.replace('"left": 500, "width": 100, "height": 80', '"left": 600, "width": 100, "height": 100');
    it('clamps a box that runs off the right and bottom edges (preferred), changing only those values', () => {
      const results = fixOne(OFF, 'ERROR_INVALID_BOUNDING_BOX', { attribute: 'bb', annotationIndex: 1 });
      assert.equal(results.length, 2);
      const [clamp, remove] = results;
      assert.equal(clamp.fix.isPreferred, true);
      assert.equal(clamp.fix.edits.length, 2);
      assert.deepEqual(clamp.json.bb.annotations[1], { class_id: 1, top: 400, left: 600, width: 40, height: 80 });
      assertValidEntry(clamp.json);
      assert.deepEqual(remove.json.bb.annotations.map((a: { class_id: number }) => a.class_id), [0]);
      assert.deepEqual(remove.json['bb-metadata'].objects, [{ confidence: 1 }]);
      assertValidEntry(remove.json);
    });

    it('clamps negative left/top and finds the bad box without a hint', () => {
      const line = DET.replace('"top": 10, "left": 20', '"top": -5, "left": -10');
      const [clamp, remove] = fixOne(line, 'ERROR_INVALID_BOUNDING_BOX');
      assert.deepEqual(clamp.json.bb.annotations[0], { class_id: 0, top: 0, left: 0, width: 90, height: 45 });
      assertValidEntry(clamp.json);
      assert.deepEqual(remove.json['bb-metadata'].objects, [{ confidence: 0.9 }]);
    });

    it('offers only removal for a box entirely outside the image', () => {
      const line = DET.replace('"left": 500', '"left": 700');
      const results = fixOne(line, 'ERROR_INVALID_BOUNDING_BOX', { annotationIndex: 1 });
      assert.equal(results.length, 1);
      assert.match(results[0].fix.title, /Remove box 2 of "bb" and its objects entry/);
      assert.equal(results[0].fix.isPreferred, true);
      assertValidEntry(results[0].json);
    });

    it('removes a box too small after scaling', () => {
      const line = DET.replace('"width": 640, "height": 480', '"width": 4000, "height": 3000').replace('"width": 100, "height": 50', '"width": 3, "height": 50');
      const [r, ...rest] = fixOne(line, 'ERROR_BOUNDING_BOX_TOO_SMALL', { annotationIndex: 0 });
      assert.equal(rest.length, 0);
      assert.equal(r.json.bb.annotations.length, 1);
      assert.equal(r.json.bb.annotations[0].class_id, 1);
    });

    it('adds missing box confidences', () => {
      const line = DET.replace('[{"confidence": 1}, {"confidence": 0.9}]', '[{}]');
      const [r] = fixOne(line, 'ERROR_MISSING_BOUNDING_BOX_CONFIDENCE');
      assert.deepEqual(r.json['bb-metadata'].objects, [{ confidence: 1 }, { confidence: 1 }]);
      assertValidEntry(r.json);
    });

    it('wraps a bare image_size object in an array', () => {
      const line = DET.replace('[{"width": 640, "height": 480, "depth": 3}]', '{"width": 640, "height": 480, "depth": 3}');
      const [r] = fixOne(line, 'CL_IMAGE_SIZE_NOT_ARRAY');
      assert.equal(r.text, DET);
    });
  });

  describe('image_size against the real image (Check Images)', () => {
    it('sets the declared width and height to the real size, editing only those two numbers', () => {
      const span: [number, number] = [DET.indexOf('[{"width"'), DET.indexOf('], "annotations"') + 1];
      const results = fixOne(DET, 'CL_IMAGE_SIZE_MISMATCH', { attribute: 'bb', width: 800, height: 600 }, [], span);
      assert.equal(results.length, 1);
      const [r] = results;
      assert.equal(r.fix.title, 'Set image_size of "bb" to 800 x 600 (the image\'s real size)');
      assert.equal(r.fix.isPreferred, true);
      assert.deepEqual(r.fix.edits.map((e) => DET.slice(e.start.character, e.end.character)), ['640', '480']);
      assert.equal(r.text, DET.replace('"width": 640, "height": 480', '"width": 800, "height": 600'));
      assertValidEntry(r.json);
    });

    it('edits only the side that differs, in a bare image_size object too', () => {
      const line = DET.replace('[{"width": 640, "height": 480, "depth": 3}]', '{"width": 640, "height": 480, "depth": 3}');
      const [r] = fixOne(line, 'CL_IMAGE_SIZE_MISMATCH', { attribute: 'bb', width: 640, height: 400 });
      assert.equal(r.fix.edits.length, 1);
      assert.equal(r.text, line.replace('"height": 480', '"height": 400'));
    });

    it('offers nothing without the real size, or when the line already declares it', () => {
      assert.deepEqual(fixOne(DET, 'CL_IMAGE_SIZE_MISMATCH', { attribute: 'bb' }), []);
      assert.deepEqual(fixOne(DET, 'CL_IMAGE_SIZE_MISMATCH', { attribute: 'bb', width: 0, height: 600 }), []);
      assert.deepEqual(fixOne(DET, 'CL_IMAGE_SIZE_MISMATCH', { attribute: 'bb', width: 640, height: 480 }), []);
    });
  });

  describe('whole lines', () => {
    it('removes a duplicate line with its line break', () => {
      const lines = [CLS, DET, CLS, DET.replace('b.jpg', 'd.jpg')];
      const fixes = fixesFor(problem('CL_DUPLICATE_SOURCE_REF', 2, CLS, { firstLine: 0 }), context(lines));
      assert.equal(fixes.length, 1);
      assert.match(fixes[0].title, /already on line 1/);
      assert.deepEqual(apply(lines, fixes[0]), [CLS, DET, DET.replace('b.jpg', 'd.jpg')]);
    });

    it('on the first copy of an image, keeps it and removes the later copies; never offers to remove it', () => {
      const other = DET.replace('b.jpg', 'd.jpg');
      const lines = [CLS, DET, CLS, other, CLS, CLS];
      const fixes = fixesFor(problem('CL_DUPLICATE_SOURCE_REF', 0, CLS, { firstLine: 0, duplicateLines: [2, 4, 5] }), context(lines));
      assert.equal(fixes.length, 1);
      assert.equal(fixes[0].isPreferred, undefined, 'not preferred: "fix all" only removes the later lines, by their own fixes');
      assert.match(fixes[0].title, /Keep this line and remove the copies of this image \(3 later lines\)/);
      assert.deepEqual(apply(lines, fixes[0]), [CLS, DET, other, '']);
    });

    it('removes the last line together with the line break before it', () => {
      const lines = [CLS, '   '];
      const [fix] = fixesFor(problem('CL_BLANK_LINE', 1, '   '), context(lines));
      assert.deepEqual(apply(lines, fix), [CLS]);
      const middle = [CLS, '', DET];
      assert.deepEqual(apply(middle, fixesFor(problem('CL_BLANK_LINE', 1, ''), context(middle))[0]), [CLS, DET]);
    });

    it('rewrites an https S3 URL as s3://bucket/key', () => {
      const line = CLS.replace('s3://bucket/a.jpg', 'https://bucket.s3.us-east-1.amazonaws.com/dir/a%20b.jpg');
      const [r] = fixOne(line, 'ERROR_INVALID_SOURCE_REF_FORMAT');
      assert.equal(r.json['source-ref'], 's3://bucket/dir/a b.jpg');
      assert.equal(s3UriFromHttps('https://s3.eu-west-1.amazonaws.com/my-bucket/k/x.png'), 's3://my-bucket/k/x.png');
      assert.equal(s3UriFromHttps('https://example.com/x.png'), undefined);
    });

    it('normalizes a creation-date to UTC ISO-8601', () => {
      const line = CLS.replace('2020-03-06T17:46:39.176Z', '2020-03-06T17:46:39.176');
      const [norm, now] = fixOne(line, 'CL_INVALID_CREATION_DATE');
      assert.equal(norm.json['sport-metadata']['creation-date'], '2020-03-06T17:46:39.176Z');
      assert.equal(norm.fix.isPreferred, true);
      assert.equal(now.json['sport-metadata']['creation-date'], NOW.toISOString());
    });
  });

  describe('no guessing', () => {
    it('offers nothing for invalid JSON, long lines, label length, or a non-blank "blank" line', () => {
      const bad = '{"source-ref": "s3://b/a.jpg", "sport": 1,';
      for (const code of ['ERROR_INVALID_JSON_LINE', 'CL_MISSING_METADATA', 'ERROR_INVALID_BOUNDING_BOX'] as const) {
        assert.deepEqual(fixesFor(problem(code, 0, bad), context([bad])), []);
      }
      assert.deepEqual(fixesFor(problem('CL_LINE_TOO_LONG', 0, CLS), context([CLS])), []);
      assert.deepEqual(fixesFor(problem('ERROR_INVALID_LABEL_NAME_LENGTH', 0, CLS), context([CLS])), []);
      assert.deepEqual(fixesFor(problem('CL_BLANK_LINE', 0, CLS), context([CLS])), []);
    });

    it('never throws and never returns overlapping edits, whatever the problem data says', () => {
      const lines = [CLS, DET, '', 'not json', '[1,2]', '{"a":', DET.replace('"class_id": 1', '"class_id": "x"')];
      const datas: (Record<string, unknown> | undefined)[] = [
        undefined,
        { attribute: 'nope', annotationIndex: 99, classId: -1 },
        { attribute: 5, path: 'x', firstLine: 'y' },
        { annotationIndex: 0 },
      ];
      const codes: ProblemCode[] = [
        'CL_MISSING_METADATA', 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT', 'ERROR_UNSUPPORTED_USE_CASE_TYPE',
        'ERROR_MISSING_CLASS_MAP_ID', 'ERROR_INVALID_BOUNDING_BOX', 'ERROR_BOUNDING_BOX_TOO_SMALL',
        'ERROR_MISSING_BOUNDING_BOX_CONFIDENCE', 'CL_IMAGE_SIZE_NOT_ARRAY', 'CL_INVALID_CREATION_DATE',
        'CL_DUPLICATE_SOURCE_REF', 'CL_BLANK_LINE', 'ERROR_INVALID_SOURCE_REF_FORMAT',
      ];
      for (let line = -1; line <= lines.length; line++) {
        for (const code of codes) {
          for (const data of datas) {
            const text = lines[line] ?? '';
            const fixes = fixesFor(problem(code, line, text, data), context(lines));
            for (const f of fixes) apply(lines, f);
            assert.ok(fixes.filter((f) => f.isPreferred).length <= 1);
          }
        }
      }
    });
  });

  describe('property: on any strict-JSON manifest-like line, every fix keeps the line valid JSON', () => {
    const label = fc.constantFrom('cat', 'dog', 'a "quoted" label', 'ünïcode');
    const box = fc.record(
      { class_id: fc.integer({ min: -1, max: 3 }), top: fc.integer({ min: -50, max: 700 }), left: fc.integer({ min: -50, max: 700 }), width: fc.integer({ min: -5, max: 700 }), height: fc.integer({ min: -5, max: 700 }) },
      { requiredKeys: [] },
    );
    const detection = fc.record({
      image_size: fc.oneof(fc.constant([{ width: 640, height: 480, depth: 3 }]), fc.constant({ width: 640, height: 480, depth: 3 }), fc.constant([])),
      annotations: fc.array(box, { maxLength: 4 }),
    }, { requiredKeys: [] });
    const meta = fc.record({
      confidence: fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constant('0.5')),
      'class-name': label,
      'human-annotated': fc.constantFrom('yes', 'no', true, 'maybe'),
      'creation-date': fc.constantFrom('2020-03-06T17:46:39.176', '2020-03-06T17:46:39Z', 'yesterday'),
      type: fc.constantFrom('groundtruth/image-classification', 'groundtruth/object-detection', 'groundtruth/image-classification-multilabel', 'typo'),
      objects: fc.array(fc.oneof(fc.constant({ confidence: 1 }), fc.constant({})), { maxLength: 4 }),
      'class-map': fc.dictionary(fc.constantFrom('0', '1', '2', 'x'), label),
      'confidence-map': fc.dictionary(fc.constantFrom('0', '1', '2'), fc.double({ min: 0, max: 1, noNaN: true })),
    }, { requiredKeys: [] });
    const value = fc.oneof(fc.integer({ min: 0, max: 5 }), detection, fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), fc.constant('str'));
    const entry = fc.record({
      ref: fc.constantFrom('s3://bucket/a.jpg', 'https://bucket.s3.amazonaws.com/a.jpg', undefined),
      attrs: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'a0'), fc.option(value, { nil: undefined }), fc.option(meta, { nil: undefined })), { maxLength: 3 }),
      spaced: fc.boolean(),
    });
    const codes = fc.constantFrom<ProblemCode>(
      'CL_MISSING_METADATA', 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT', 'ERROR_UNSUPPORTED_USE_CASE_TYPE',
      'ERROR_MISSING_CLASS_MAP_ID', 'ERROR_INVALID_BOUNDING_BOX', 'ERROR_BOUNDING_BOX_TOO_SMALL',
      'ERROR_MISSING_BOUNDING_BOX_CONFIDENCE', 'CL_IMAGE_SIZE_NOT_ARRAY', 'CL_INVALID_CREATION_DATE', 'ERROR_INVALID_SOURCE_REF_FORMAT',
      'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT',
    );

    it('holds', () => {
      let applied = 0;
      fc.assert(
        fc.property(entry, codes, fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), (e, code, index) => {
          const obj: Record<string, unknown> = {};
          if (e.ref !== undefined) obj['source-ref'] = e.ref;
          for (const [name, v, m] of e.attrs) {
            if (v !== undefined) obj[name] = v;
            if (m !== undefined) obj[`${name}-metadata`] = m;
          }
          const line = e.spaced ? JSON.stringify(obj, null, 1).replace(/\n\s*/g, ' ') : JSON.stringify(obj);
          const data = index === undefined ? undefined : { annotationIndex: index, classId: index };
          const fixes = fixesFor(problem(code, 0, line, data), context([line], ['cat']));
          assert.ok(fixes.filter((f) => f.isPreferred).length <= 1);
          for (const f of fixes) {
            const [after] = apply([line], f);
            assert.doesNotThrow(() => JSON.parse(after), `${f.title}: ${after}`);
            assert.notEqual(after, line, `${f.title} changes nothing`);
            applied++;
          }
        }),
        { numRuns: 400 },
      );
      assert.ok(applied > 80, `only ${applied} fixes were exercised`);
    });
  });
});

describe('quick fixes for the linter\'s new findings (from the validator\'s own problems)', () => {
  const fixesOf = (line: string, code: string): { fix: Fix; after: string }[] => {
    const p = validateLine(line).problems.find((q) => q.code === code);
    assert.ok(p, `no ${code} on ${line}`);
    return fixesFor(p, context([line])).map((fix) => ({ fix, after: apply([line], fix)[0] }));
  };

  it('a string label value ("0", SageMaker\'s own output): write the integer', () => {
    const line = CLS.replace('"sport":1', '"sport":"0"');
    const [first] = fixesOf(line, 'CL_LABEL_VALUE_NOT_INTEGER');
    assert.equal(first.fix.title, 'Set "sport" to the integer 0 (a classification attribute holds an integer)');
    assert.equal(first.fix.isPreferred, true);
    assert.equal(first.after, CLS.replace('"sport":1', '"sport":0'));
    assert.deepEqual(validateLine(first.after).problems, []);
  });

  it('"source_ref": rename the key to "source-ref"', () => {
    const line = CLS.replace('"source-ref"', '"source_ref"');
    const fixes = fixesOf(line, 'ERROR_MISSING_SOURCE_REF');
    assert.deepEqual(fixes.map((f) => f.fix.title), ['Rename "source_ref" to "source-ref"']);
    assert.equal(fixes[0].after, CLS);
    // Without a near miss there is nothing to rename.
    const p = validateLine(CLS.replace('"source-ref"', '"image"')).problems.find((q) => q.code === 'ERROR_MISSING_SOURCE_REF');
    assert.ok(p);
    assert.deepEqual(fixesFor(p, context([CLS.replace('"source-ref"', '"image"')])), []);
  });
});

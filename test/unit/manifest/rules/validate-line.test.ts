/** validateLine: every per-line rule, on the guide's examples and on broken variants of them. */
import * as assert from 'assert';
import { validateLine } from '../../../../src/manifest/validate';
import { GUIDE, cls, codes, det, one, seen } from '../helpers';

describe('validateLine: the developer guide examples', () => {
  it('accepts the classification page one-line example', () => {
    const r = validateLine(GUIDE[0]);
    assert.deepStrictEqual(r.problems, []);
    assert.strictEqual(r.dropped, false);
    assert.deepStrictEqual(r.entry?.labels, ['Echo Dot']);
    assert.strictEqual(r.entry?.bucket, 'custom-labels-console-us-east-1-nnnnnnnnnn');
    assert.deepStrictEqual(r.entry?.attributes, ['TestCLConsoleBucket']);
    assert.strictEqual(r.entry?.labeled, true);
  });

  it('accepts the "Sunrise" example (a creation-date without a zone is UTC)', () => {
    assert.deepStrictEqual(validateLine(GUIDE[1]).problems, []);
    assert.deepStrictEqual(validateLine(GUIDE[1]).entry?.labels, ['Sunrise']);
  });

  it('accepts the multi-label example: two attributes, two labels', () => {
    const r = validateLine(GUIDE[2]);
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual(r.entry?.attributes, ['sport0', 'sport1']);
    assert.deepStrictEqual(r.entry?.labels, ['football', 'ball']);
  });

  it('accepts both object-detection examples and counts boxes per label', () => {
    for (const line of [GUIDE[3], GUIDE[4]]) {
      const r = validateLine(line);
      assert.deepStrictEqual(r.problems, []);
      assert.strictEqual(r.entry?.boxes, 2);
      assert.deepStrictEqual({ ...r.entry?.boxLabels }, { 'Echo Dot': 1, Echo: 1 });
      assert.deepStrictEqual([...(r.entry?.labels ?? [])].sort(), ['Echo', 'Echo Dot']);
    }
  });

  it('surfaces what the service reported in a downloaded entry, at the key, without treating it as a label', () => {
    // What our rules say too (same code) is said once, as ours: the guide's entries get exactly the
    // service's own codes, at the levels it wrote them.
    const unannotated = seen(GUIDE[5]);
    assert.deepStrictEqual(unannotated.map((s) => [s.code, s.severity, s.text]), [['WARNING_UNANNOTATED_RECORD', 'warning', '"source-ref"']]);
    const noBoxes = seen(GUIDE[6]);
    assert.deepStrictEqual(
      noBoxes.map((s) => [s.code, s.text]),
      [
        ['WARNING_NO_ATTRIBUTE_ANNOTATIONS', '"annotations"'],
        ['WARNING_NO_ANNOTATIONS', '"source-ref"'],
      ],
    );
    // What only the service can know (the image itself) is surfaced, at the key that holds it.
    const image = JSON.stringify({ ...JSON.parse(GUIDE[0]), 'cl-errors': [{ code: 'ERROR_INVALID_IMAGE', message: 'The image is invalid.' }] });
    const reported = seen(image);
    assert.deepStrictEqual(reported.map((s) => [s.code, s.severity, s.text]), [['CL_SERVICE_REPORTED', 'warning', '"cl-errors"']]);
    assert.match(reported[0].problem.message, /ERROR_INVALID_IMAGE \(The image is invalid\.\)/);
    assert.strictEqual(reported[0].problem.data?.serviceCode, 'ERROR_INVALID_IMAGE');
    assert.deepStrictEqual(reported[0].problem.data?.path, ['cl-errors']);
    assert.deepStrictEqual(validateLine(image).entry?.labels, ['Echo Dot']);
  });
});

describe('validateLine: JSON and source-ref (lines the service drops silently)', () => {
  it('ERROR_INVALID_JSON_LINE points at the parse error', () => {
    const line = '{"source-ref": "s3://my-bucket/a.jpg",}';
    const s = one(line, 'ERROR_INVALID_JSON_LINE');
    assert.strictEqual(s.severity, 'error');
    assert.strictEqual(s.text, '}');
    assert.strictEqual(s.problem.start, line.length - 1);
    assert.strictEqual(validateLine(line).dropped, true);
    assert.strictEqual(validateLine(line).entry, undefined);
  });

  it('ERROR_INVALID_JSON_LINE for JSON that is not an object, over the whole value', () => {
    const s = one(' [1, 2] ', 'ERROR_INVALID_JSON_LINE');
    assert.strictEqual(s.text, '[1, 2]');
    assert.match(s.problem.message, /an array, not a JSON object/);
  });

  it('ERROR_MISSING_SOURCE_REF over the line, and the line is dropped', () => {
    const line = cls().replace('"source-ref"', '"image"');
    const s = one(line, 'ERROR_MISSING_SOURCE_REF');
    assert.strictEqual(s.severity, 'error');
    assert.strictEqual(s.text, line);
    assert.strictEqual(validateLine(line).dropped, true);
  });

  it('a misspelt "source_ref": "did you mean source-ref", at that key, and no unrelated finding about it', () => {
    for (const key of ['source_ref', 'Source-Ref', 'sourceref', 'source-ref ', 'souce-ref']) {
      const line = cls().replace('"source-ref"', JSON.stringify(key));
      assert.deepStrictEqual(codes(line), ['ERROR_MISSING_SOURCE_REF'], key);
      const s = one(line, 'ERROR_MISSING_SOURCE_REF');
      assert.strictEqual(s.text, JSON.stringify(key));
      assert.match(s.problem.message, /did you mean "source-ref"\?/);
      assert.strictEqual(s.problem.data?.misspeltKey, key);
      assert.strictEqual(validateLine(line).dropped, true);
    }
    // Not a near miss: the key is an attribute without metadata, as before.
    assert.deepStrictEqual(codes(cls().replace('"source-ref"', '"image"')).sort(), ['CL_MISSING_METADATA', 'ERROR_MISSING_SOURCE_REF']);
  });

  it('ERROR_INVALID_SOURCE_REF_FORMAT for https://, saying what the s3:// form is', () => {
    const s = one(cls({ ref: 'https://my-bucket.s3.amazonaws.com/images/1.jpg' }), 'ERROR_INVALID_SOURCE_REF_FORMAT');
    assert.strictEqual(s.text, '"https://my-bucket.s3.amazonaws.com/images/1.jpg"');
    assert.match(s.problem.message, /http\(s\) URL/);
    assert.match(s.problem.message, /s3:\/\/my-bucket\/images\/1\.jpg/);
    assert.strictEqual(validateLine(cls({ ref: 'https://x/y' })).dropped, true);
  });

  it('ERROR_INVALID_SOURCE_REF_FORMAT for a missing key, a bad bucket, a non-string', () => {
    assert.strictEqual(one(cls({ ref: 's3://my-bucket/' }), 'ERROR_INVALID_SOURCE_REF_FORMAT').text, '"s3://my-bucket/"');
    assert.match(one(cls({ ref: 's3://b/x.jpg' }), 'ERROR_INVALID_SOURCE_REF_FORMAT').problem.message, /not a valid bucket name/);
    const line = JSON.stringify({ 'source-ref': 42 });
    assert.strictEqual(one(line, 'ERROR_INVALID_SOURCE_REF_FORMAT').text, '42');
    assert.strictEqual(validateLine(line).entry?.sourceRef, undefined);
  });

  it('CL_LINE_TOO_LONG past 100,000 characters: dropped, range over the excess', () => {
    const line = cls({ meta: { 'job-name': 'x'.repeat(100_000) } });
    const r = validateLine(line);
    assert.deepStrictEqual(r.problems.map((p) => [p.code, p.severity, p.start, p.end]), [['CL_LINE_TOO_LONG', 'error', 100_000, line.length]]);
    assert.strictEqual(r.dropped, true);
    assert.strictEqual(r.entry, undefined);
  });

  it('ignores a trailing \\r for the content; offsets stay relative to the line start', () => {
    const line = cls({ meta: { confidence: 2 } });
    const plain = validateLine(line).problems;
    const crlf = validateLine(line + '\r').problems;
    assert.deepStrictEqual(crlf, plain);
    assert.deepStrictEqual(validateLine(GUIDE[0] + '\r').problems, []);
  });

  it('a blank line is CL_BLANK_LINE, a warning: counted as a line, neither dropped nor imported with errors', () => {
    const s = one('   ', 'CL_BLANK_LINE');
    assert.strictEqual(s.severity, 'warning');
    assert.strictEqual(validateLine('   ').dropped, false);
    assert.strictEqual(s.text, '   ');
    assert.strictEqual(validateLine('').problems[0].code, 'CL_BLANK_LINE');
  });
});

describe('validateLine: image-level classification', () => {
  it('ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT when the attribute is not an integer nor a string', () => {
    const s = one(cls({ value: 1.5 }), 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT');
    assert.strictEqual(s.text, '1.5');
    assert.deepStrictEqual(s.problem.data, { path: ['label'], attribute: 'label', expectedType: 'integer' });
    assert.strictEqual(one(cls({ value: { a: 1 } }), 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT').text, '{"a":1}');
  });

  it('a string value ("0", as SageMaker\'s own output writes it) is a warning, never an error', () => {
    for (const value of ['0', '1', 'cat']) {
      const line = cls({ value });
      const s = one(line, 'CL_LABEL_VALUE_NOT_INTEGER');
      assert.strictEqual(s.severity, 'warning');
      assert.strictEqual(s.text, JSON.stringify(value));
      assert.deepStrictEqual(s.problem.data, { path: ['label'], attribute: 'label', expectedType: 'integer' });
      assert.deepStrictEqual(codes(line), ['CL_LABEL_VALUE_NOT_INTEGER']);
      assert.deepStrictEqual(validateLine(line).entry?.labels, ['cat']);
    }
  });

  it('confidence: required, a number from 0 to 1', () => {
    const bad = one(cls({ meta: { confidence: 1.5 } }), 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT');
    assert.strictEqual(bad.text, '1.5');
    assert.deepStrictEqual(bad.problem.data?.path, ['label-metadata', 'confidence']);
    assert.strictEqual(one(cls({ meta: { confidence: '1' } }), 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT').text, '"1"');
    const missing = one(cls({ drop: ['confidence'] }), 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT');
    assert.strictEqual(missing.text, '"label-metadata"');
    assert.match(missing.problem.message, /no "confidence"/);
  });

  it('class-name: required; 1 to 256 characters (ERROR_INVALID_LABEL_NAME_LENGTH)', () => {
    assert.strictEqual(one(cls({ drop: ['class-name'] }), 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT').text, '"label-metadata"');
    const empty = one(cls({ meta: { 'class-name': '' } }), 'ERROR_INVALID_LABEL_NAME_LENGTH');
    assert.strictEqual(empty.text, '""');
    assert.strictEqual(empty.severity, 'error');
    const long = 'n'.repeat(257);
    assert.strictEqual(one(cls({ meta: { 'class-name': long } }), 'ERROR_INVALID_LABEL_NAME_LENGTH').text, `"${long}"`);
    assert.deepStrictEqual(codes(cls({ meta: { 'class-name': 'n'.repeat(256) } })), []);
    assert.strictEqual(one(cls({ meta: { 'class-name': 7 } }), 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT').text, '7');
  });

  it('human-annotated: "yes" or "no"', () => {
    assert.strictEqual(one(cls({ meta: { 'human-annotated': true } }), 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT').text, 'true');
    assert.strictEqual(one(cls({ drop: ['human-annotated'] }), 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT').text, '"label-metadata"');
    assert.deepStrictEqual(codes(cls({ meta: { 'human-annotated': 'no' } })), []);
  });

  it('creation-date: ISO-8601 in UTC (CL_INVALID_CREATION_DATE)', () => {
    for (const ok of ['2024-05-01T12:00:00Z', '2020-03-06T17:46:39.176', '2013-11-18 02:53:27', '2024-02-29T00:00:00+00:00', '2024-05-01T12:00Z']) {
      assert.deepStrictEqual(codes(cls({ meta: { 'creation-date': ok } })), [], ok);
    }
    const word = one(cls({ meta: { 'creation-date': 'yesterday' } }), 'CL_INVALID_CREATION_DATE');
    assert.strictEqual(word.severity, 'error');
    assert.strictEqual(word.text, '"yesterday"');
    assert.match(one(cls({ meta: { 'creation-date': '2024-05-01T12:00:00+02:00' } }), 'CL_INVALID_CREATION_DATE').problem.message, /time zone \+02:00/);
    assert.match(one(cls({ meta: { 'creation-date': '2023-02-29T00:00:00Z' } }), 'CL_INVALID_CREATION_DATE').problem.message, /not a real date/);
    assert.strictEqual(one(cls({ meta: { 'creation-date': 20240501 } }), 'CL_INVALID_CREATION_DATE').text, '20240501');
    assert.strictEqual(one(cls({ drop: ['creation-date'] }), 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT').text, '"label-metadata"');
  });

  it('type: required; Ground Truth multi-label output is unsupported and the message says how to convert', () => {
    assert.strictEqual(one(cls({ drop: ['type'] }), 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT').text, '"label-metadata"');
    const multi = one(cls({ meta: { type: 'groundtruth/image-classification-multilabel' } }), 'ERROR_UNSUPPORTED_USE_CASE_TYPE');
    assert.strictEqual(multi.severity, 'error');
    assert.strictEqual(multi.text, '"groundtruth/image-classification-multilabel"');
    assert.match(multi.problem.message, /one label attribute per label/);
    const other = one(cls({ meta: { type: 'groundtruth/semantic-segmentation' } }), 'ERROR_UNSUPPORTED_USE_CASE_TYPE');
    assert.match(other.problem.message, /groundtruth\/object-detection/);
  });

  it("a Ground Truth multi-label line gets only ERROR_UNSUPPORTED_USE_CASE_TYPE (its own format is not checked)", () => {
    const line =
      '{"source-ref":"s3://my-bucket/a.jpg","animals":[1,0],"animals-metadata":{"job-name":"labeling-job/animals",' +
      '"class-map":{"1":"cat","0":"dog"},"human-annotated":"yes","creation-date":"2019-01-01T00:00:00.000000",' +
      '"confidence-map":{"1":0.9,"0":0.8},"type":"groundtruth/image-classification-multilabel"}}';
    // ... and the line-level companion the service writes (its "groundtruth/wrongtype" example).
    assert.deepStrictEqual(codes(line), ['ERROR_UNSUPPORTED_USE_CASE_TYPE', 'ERROR_NO_VALID_LABEL_ATTRIBUTES']);
    assert.deepStrictEqual(validateLine(line).entry?.labels, []);
  });

  it('job-name is optional but a string', () => {
    assert.deepStrictEqual(codes(cls({ drop: ['job-name'] })), []);
    assert.strictEqual(one(cls({ meta: { 'job-name': 3 } }), 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT').text, '3');
  });

  it('metadata that is not an object', () => {
    const line = JSON.stringify({ 'source-ref': 's3://my-bucket/a.jpg', label: 0, 'label-metadata': 'cat' });
    assert.strictEqual(one(line, 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT').text, '"cat"');
  });

  it('CL_TOO_MANY_LABELS_PER_IMAGE above 50 labels on one image', () => {
    const o: Record<string, unknown> = { 'source-ref': 's3://my-bucket/a.jpg' };
    const meta = JSON.parse(cls()) as Record<string, Record<string, unknown>>;
    for (let i = 0; i < 51; i++) {
      o[`l${i}`] = 0;
      o[`l${i}-metadata`] = { ...meta['label-metadata'], 'class-name': `label ${i}` };
    }
    const s = one(JSON.stringify(o), 'CL_TOO_MANY_LABELS_PER_IMAGE');
    assert.strictEqual(s.text, '"l50"');
    assert.strictEqual(s.severity, 'error');
    delete o['l50'];
    delete o['l50-metadata'];
    assert.deepStrictEqual(codes(JSON.stringify(o)), []);
  });
});

describe('validateLine: label attributes', () => {
  it('CL_INVALID_ATTRIBUTE_NAME for a name containing -metadata or ending in -ref', () => {
    const ref = one(cls({ attr: 'image-ref' }), 'CL_INVALID_ATTRIBUTE_NAME');
    assert.strictEqual(ref.text, '"image-ref"');
    assert.strictEqual(ref.severity, 'error');
    assert.strictEqual(one(cls({ attr: 'a-metadata-b' }), 'CL_INVALID_ATTRIBUTE_NAME').text, '"a-metadata-b"');
  });

  it('CL_MISSING_METADATA for an attribute without metadata, and the reverse', () => {
    const line = JSON.stringify({ ...JSON.parse(cls()), extra: 1 });
    const s = one(line, 'CL_MISSING_METADATA');
    assert.strictEqual(s.text, '"extra"');
    // The service ignores a key that is not a label: a warning, the line is not invalid for it.
    assert.strictEqual(s.severity, 'warning');
    assert.deepStrictEqual(s.problem.data, { path: ['extra'], attribute: 'extra', missingKey: 'extra-metadata' });
    assert.deepStrictEqual(codes(line), ['CL_MISSING_METADATA']);

    const orphan = JSON.stringify({ ...JSON.parse(cls()), 'other-metadata': {} });
    assert.strictEqual(one(orphan, 'CL_MISSING_METADATA').text, '"other-metadata"');
  });

  it('ERROR_NO_LABEL_ATTRIBUTES when keys try to be labels but none pairs up', () => {
    const line = JSON.stringify({ 'source-ref': 's3://my-bucket/a.jpg', 'label-metadata': JSON.parse(cls())['label-metadata'] });
    assert.deepStrictEqual(codes(line).sort(), ['CL_MISSING_METADATA', 'ERROR_NO_LABEL_ATTRIBUTES']);
    // The line-level consequence at the image, the cause (the key without its pair) as related information.
    const s = one(line, 'ERROR_NO_LABEL_ATTRIBUTES');
    assert.strictEqual(s.text, '"source-ref"');
    assert.deepStrictEqual(s.problem.related?.map((r) => line.slice(r.start, r.end)), ['"label-metadata"']);
  });

  it('ERROR_NO_VALID_LABEL_ATTRIBUTES when none of several attributes is valid, at source-ref', () => {
    const bad = JSON.parse(cls({ meta: { confidence: 7 } }));
    const two = { ...bad, other: 0, 'other-metadata': { ...bad['label-metadata'], 'class-name': 'dog', type: 'no-such-type' } };
    const s = one(JSON.stringify(two), 'ERROR_NO_VALID_LABEL_ATTRIBUTES');
    assert.strictEqual(s.text, '"source-ref"');
    assert.match(s.problem.message, /None of the 2 label attributes/);
    // One valid attribute left: the line is used, nothing at the line level.
    const oneGood = { ...bad, other: 0, 'other-metadata': { ...bad['label-metadata'], confidence: 1, 'class-name': 'dog' } };
    assert.ok(!codes(JSON.stringify(oneGood)).includes('ERROR_NO_VALID_LABEL_ATTRIBUTES'));
    // The related information lists the causes, each with its code.
    assert.deepStrictEqual(
      s.problem.related?.map((r) => [JSON.stringify(two).slice(r.start, r.end), r.message.split(':')[0]]),
      [['7', 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT'], ['"no-such-type"', 'ERROR_UNSUPPORTED_USE_CASE_TYPE']],
    );
  });

  it('ERROR_NO_VALID_LABEL_ATTRIBUTES also when the only attribute is invalid, as the service writes it: one range, the cause related', () => {
    const bad = cls({ meta: { confidence: 7 } });
    assert.deepStrictEqual(codes(bad), ['ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT', 'ERROR_NO_VALID_LABEL_ATTRIBUTES']);
    const s = one(bad, 'ERROR_NO_VALID_LABEL_ATTRIBUTES');
    assert.deepStrictEqual([s.text, s.severity], ['"source-ref"', 'error']);
    assert.match(s.problem.message, /the only one on this line, "label", is invalid/);
    assert.deepStrictEqual(s.problem.related?.map((r) => [r.line, bad.slice(r.start, r.end)]), [[0, '7']]);
    // A warning is not an invalid attribute; an error on one box is not one on the attribute.
    assert.ok(!codes(cls({ value: '0' })).includes('ERROR_NO_VALID_LABEL_ATTRIBUTES'));
    assert.ok(!codes(det({ boxes: [{ class_id: 0, top: 0, left: 600, width: 100, height: 10 }] })).includes('ERROR_NO_VALID_LABEL_ATTRIBUTES'));
  });

  it('WARNING_NO_ANNOTATIONS when every one of several detection attributes is empty, at source-ref', () => {
    const empty = JSON.parse(det({ boxes: [], classMap: {} }));
    const line = { ...empty, cars: empty['bounding-box'], 'cars-metadata': empty['bounding-box-metadata'] };
    const s = one(JSON.stringify(line), 'WARNING_NO_ANNOTATIONS');
    assert.strictEqual(s.text, '"source-ref"');
    assert.strictEqual(s.severity, 'warning');
    assert.strictEqual(codes(JSON.stringify(line)).filter((c) => c === 'WARNING_NO_ATTRIBUTE_ANNOTATIONS').length, 2);
    // One attribute with boxes: the image is used.
    const full = JSON.parse(det());
    const mixed = { ...full, cars: empty['bounding-box'], 'cars-metadata': empty['bounding-box-metadata'] };
    assert.deepStrictEqual(codes(JSON.stringify(mixed)), ['WARNING_NO_ATTRIBUTE_ANNOTATIONS']);
  });

  it('WARNING_NO_ANNOTATIONS on a detection line with no boxes even with one attribute, the attribute\'s warning related', () => {
    const line = det({ boxes: [], classMap: {} });
    assert.deepStrictEqual(codes(line), ['WARNING_NO_ATTRIBUTE_ANNOTATIONS', 'WARNING_NO_ANNOTATIONS']);
    const s = one(line, 'WARNING_NO_ANNOTATIONS');
    assert.deepStrictEqual([s.text, s.severity], ['"source-ref"', 'warning']);
    assert.deepStrictEqual(s.problem.related?.map((r) => line.slice(r.start, r.end)), ['"annotations"']);
    assert.strictEqual(validateLine(line).dropped, false);
  });

  it('WARNING_UNANNOTATED_RECORD for an image without labels (imported, not used for training)', () => {
    const line = '{"source-ref": "s3://my-bucket/a.jpg"}';
    const s = one(line, 'WARNING_UNANNOTATED_RECORD');
    assert.strictEqual(s.severity, 'warning');
    assert.strictEqual(s.text, '"source-ref"');
    const r = validateLine(line);
    assert.strictEqual(r.dropped, false);
    assert.strictEqual(r.entry?.labeled, false);
  });

  it('accepts cl-metadata and the service finding keys as non-attributes', () => {
    const line = JSON.stringify({ ...JSON.parse(cls()), 'cl-metadata': { is_labeled: true }, 'cl-errors': [] });
    assert.deepStrictEqual(codes(line), []);
  });

  it('reports cl-errors / errors at the metadata and at each annotation', () => {
    const line = det({
      meta: { 'cl-errors': [{ code: 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT', message: 'bad' }] },
      boxes: [
        { class_id: 1, top: 251, left: 399, width: 155, height: 101, errors: [{ code: 'ERROR_BOUNDING_BOX_TOO_SMALL', message: 'small' }] },
      ],
    });
    const reported = seen(line).filter((s) => s.code === 'CL_SERVICE_REPORTED');
    assert.deepStrictEqual(
      reported.map((s) => [s.severity, s.text, s.problem.data?.serviceCode]),
      [
        ['warning', '"errors"', 'ERROR_BOUNDING_BOX_TOO_SMALL'],
        ['warning', '"cl-errors"', 'ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT'],
      ],
    );
  });
});

describe('validateLine: object detection', () => {
  it('CL_IMAGE_SIZE_NOT_ARRAY: a bare image_size object is accepted with a warning', () => {
    const s = one(det({ size: { width: 640, height: 480, depth: 3 } }), 'CL_IMAGE_SIZE_NOT_ARRAY');
    assert.strictEqual(s.severity, 'warning');
    assert.strictEqual(s.text, '{"width":640,"height":480,"depth":3}');
    assert.deepStrictEqual(codes(det({ size: { width: 640, height: 480, depth: 3 } })), ['CL_IMAGE_SIZE_NOT_ARRAY']);
  });

  it('image_size: one element, width/height/depth present', () => {
    const two = [{ width: 640, height: 480, depth: 3 }, { width: 1, height: 1, depth: 3 }];
    assert.strictEqual(one(det({ size: two }), 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT').text, JSON.stringify(two));
    assert.strictEqual(one(det({ size: [{ width: 640, height: 480 }] }), 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT').text, '{"width":640,"height":480}');
    assert.strictEqual(one(det({ size: undefined }), 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT').text, '"bounding-box"');
  });

  it('ERROR_INVALID_IMAGE_DIMENSION outside 64..4096 px or over 20:1', () => {
    const small = one(det({ size: [{ width: 32, height: 480, depth: 3 }], boxes: [{ class_id: 0, top: 1, left: 1, width: 20, height: 20 }] }), 'ERROR_INVALID_IMAGE_DIMENSION');
    assert.strictEqual(small.text, '32');
    assert.deepStrictEqual(small.problem.data?.path, ['bounding-box', 'image_size', 0, 'width']);
    assert.strictEqual(one(det({ size: [{ width: 640, height: 5000, depth: 3 }] }), 'ERROR_INVALID_IMAGE_DIMENSION').text, '5000');
    const thin = one(det({ size: [{ width: 4000, height: 100, depth: 3 }], boxes: [{ class_id: 0, top: 1, left: 1, width: 50, height: 50 }] }), 'ERROR_INVALID_IMAGE_DIMENSION');
    assert.match(thin.problem.message, /40:1/);
  });

  it('WARNING_NO_ATTRIBUTE_ANNOTATIONS for empty annotations', () => {
    const s = one(det({ boxes: [], classMap: {} }), 'WARNING_NO_ATTRIBUTE_ANNOTATIONS');
    assert.strictEqual(s.text, '"annotations"');
    assert.strictEqual(s.severity, 'warning');
    assert.strictEqual(validateLine(det({ boxes: [], classMap: {} })).entry?.labeled, false);
  });

  it('ERROR_NO_VALID_ANNOTATIONS when every one of several boxes is invalid, at "annotations"', () => {
    const bad = [
      { class_id: 0, top: -1, left: 1, width: 20, height: 20 },
      { class_id: 7, top: 1, left: 1, width: 20, height: 20 },
    ];
    const s = one(det({ boxes: bad }), 'ERROR_NO_VALID_ANNOTATIONS');
    assert.strictEqual(s.text, '"annotations"');
    assert.strictEqual(s.severity, 'error');
    assert.match(s.problem.message, /None of the 2 boxes of "bounding-box"/);
    // One good box left: the service keeps it, so the attribute is still valid.
    assert.deepStrictEqual(codes(det({ boxes: [bad[0], { class_id: 0, top: 1, left: 1, width: 20, height: 20 }] })), ['ERROR_INVALID_BOUNDING_BOX']);
    // A single broken box: its own problem says it all (no cascade).
    assert.deepStrictEqual(codes(det({ boxes: [bad[0]] })), ['ERROR_INVALID_BOUNDING_BOX']);
  });

  it('ERROR_MISSING_BOUNDING_BOX_CONFIDENCE: objects index-matched to annotations', () => {
    const short = one(det({ objects: [{ confidence: 1 }] }), 'ERROR_MISSING_BOUNDING_BOX_CONFIDENCE');
    assert.strictEqual(short.text, '"objects"');
    assert.strictEqual(short.problem.data?.annotationIndex, 1);
    const noKey = one(det({ objects: [{ confidence: 1 }, {}] }), 'ERROR_MISSING_BOUNDING_BOX_CONFIDENCE');
    assert.strictEqual(noKey.text, '{}');
    assert.deepStrictEqual(noKey.problem.data?.path, ['bounding-box-metadata', 'objects', 1, 'confidence']);
    assert.strictEqual(one(det({ objects: undefined }), 'ERROR_MISSING_BOUNDING_BOX_CONFIDENCE').text, '"bounding-box-metadata"');
  });

  it('ERROR_MISSING_CLASS_MAP_ID at the class_id value', () => {
    const s = one(det({ classMap: { '0': 'Echo' } }), 'ERROR_MISSING_CLASS_MAP_ID');
    assert.strictEqual(s.text, '1');
    assert.deepStrictEqual(s.problem.data, {
      path: ['bounding-box', 'annotations', 0, 'class_id'],
      attribute: 'bounding-box',
      annotationIndex: 0,
      classId: 1,
    });
    assert.strictEqual(s.problem.start, det({ classMap: { '0': 'Echo' } }).indexOf('"class_id":1') + '"class_id":'.length);
  });

  it('ERROR_INVALID_BOUNDING_BOX for a box off the image or with negative values, at the offending value', () => {
    const boxes = [
      { class_id: 0, top: 10, left: 10, width: 100, height: 100 },
      { class_id: 0, top: 10, left: 10, width: 100, height: 100 },
      { class_id: 0, top: 10, left: 10, width: 100, height: 100 },
      { class_id: 0, top: 10, left: 500, width: 141, height: 100 },
    ];
    const s = one(det({ boxes }), 'ERROR_INVALID_BOUNDING_BOX');
    assert.strictEqual(s.text, '141');
    assert.deepStrictEqual(s.problem.data?.path, ['bounding-box', 'annotations', 3, 'width']);
    assert.strictEqual(s.problem.data?.annotationIndex, 3);
    const neg = one(det({ boxes: [{ class_id: 0, top: -2, left: 1, width: 10, height: 10 }] }), 'ERROR_INVALID_BOUNDING_BOX');
    assert.strictEqual(neg.text, '-2');
    const low = one(det({ boxes: [{ class_id: 0, top: 400, left: 1, width: 10, height: 81 }] }), 'ERROR_INVALID_BOUNDING_BOX');
    assert.strictEqual(low.text, '81');
    assert.deepStrictEqual(codes(det({ boxes: [{ class_id: 0, top: 0, left: 0, width: 640, height: 480 }] })), []);
  });

  it('ERROR_BOUNDING_BOX_TOO_SMALL at 1 px or less, after scaling the longest side to 1280', () => {
    const tiny = one(det({ boxes: [{ class_id: 0, top: 1, left: 1, width: 1, height: 10 }] }), 'ERROR_BOUNDING_BOX_TOO_SMALL');
    assert.strictEqual(tiny.text, '1');
    assert.deepStrictEqual(tiny.problem.data?.path, ['bounding-box', 'annotations', 0, 'width']);
    const big = [{ width: 4000, height: 3000, depth: 3 }];
    // 3 px * 1280/4000 = 0.96 px: too small; 4 px -> 1.28 px: fine.
    const scaled = one(det({ size: big, boxes: [{ class_id: 0, top: 10, left: 10, width: 50, height: 3 }] }), 'ERROR_BOUNDING_BOX_TOO_SMALL');
    assert.strictEqual(scaled.text, '3');
    assert.match(scaled.problem.message, /0\.96 px once the image is scaled/);
    assert.deepStrictEqual(codes(det({ size: big, boxes: [{ class_id: 0, top: 10, left: 10, width: 50, height: 4 }] })), []);
  });

  it('ERROR_TOO_MANY_BOUNDING_BOXES above 50 boxes per image', () => {
    const boxes = Array.from({ length: 51 }, () => ({ class_id: 0, top: 10, left: 10, width: 20, height: 20 }));
    const s = one(det({ boxes }), 'ERROR_TOO_MANY_BOUNDING_BOXES');
    assert.strictEqual(s.text, '"annotations"');
    assert.deepStrictEqual(codes(det({ boxes: boxes.slice(1) })), []);
  });

  it('annotation fields: class_id a non-negative integer, box values numbers', () => {
    assert.strictEqual(one(det({ boxes: [{ class_id: '0', top: 1, left: 1, width: 10, height: 10 }] }), 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT').text, '"0"');
    const noTop = one(det({ boxes: [{ class_id: 0, left: 1, width: 10, height: 10 }] }), 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT');
    assert.strictEqual(noTop.text, '{"class_id":0,"left":1,"width":10,"height":10}');
    assert.strictEqual(one(det({ boxes: [{ class_id: 0, top: 1, left: 1, width: '10', height: 10 }] }), 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT').text, '"10"');
  });

  it('class-map labels: 1 to 256 characters', () => {
    const s = one(det({ classMap: { '0': 'Echo', '1': '' } }), 'ERROR_INVALID_LABEL_NAME_LENGTH');
    assert.strictEqual(s.text, '""');
    assert.deepStrictEqual(s.problem.data?.path, ['bounding-box-metadata', 'class-map', '1']);
  });

  it('a bounding-box attribute that is not an object', () => {
    const line = JSON.stringify({ ...JSON.parse(det()), 'bounding-box': [1] });
    assert.strictEqual(one(line, 'ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT').text, '[1]');
  });
});

describe('validateLine: options and robustness', () => {
  it("severityOverrides change a code's severity or turn it off", () => {
    const line = det({ size: { width: 640, height: 480, depth: 3 } });
    assert.strictEqual(one(line, 'CL_IMAGE_SIZE_NOT_ARRAY', { severityOverrides: { CL_IMAGE_SIZE_NOT_ARRAY: 'error' } }).severity, 'error');
    assert.deepStrictEqual(codes(line, { severityOverrides: { CL_IMAGE_SIZE_NOT_ARRAY: 'off' } }), []);
  });

  it('dropped follows the codes the service drops for, whatever the overrides', () => {
    const r = validateLine('{oops', 0, { severityOverrides: { ERROR_INVALID_JSON_LINE: 'off' } });
    assert.deepStrictEqual(r.problems, []);
    assert.strictEqual(r.dropped, true);
  });

  it('reports problems at the line it is given, with scope "line"', () => {
    const p = validateLine('{oops', 41).problems[0];
    assert.strictEqual(p.line, 41);
    assert.strictEqual(p.scope, 'line');
  });

  it('strips a byte order mark on line 0 only', () => {
    assert.deepStrictEqual(validateLine('\uFEFF' + GUIDE[0], 0).problems, []);
    assert.strictEqual(validateLine('\uFEFF' + GUIDE[0], 1).problems[0].code, 'ERROR_INVALID_JSON_LINE');
  });

  it('never throws on odd input', () => {
    for (const t of ['', '{', '}', 'null', '"x"', '{"source-ref":null}', '{"__proto__":{"x":1},"x-metadata":{}}', '{"constructor-metadata":{}}', '\uD800']) {
      assert.doesNotThrow(() => validateLine(t));
    }
  });
});

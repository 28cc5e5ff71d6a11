import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { hoverAt, type HoverContext, type HoverResult } from '../../../../src/manifest/assists/hover';
import { parseCaret } from '../../helpers/caret';

/** Hover at the `|` marker in `marked` (the marker is removed from the line). */
function hoverAtCaret(marked: string, context?: HoverContext): (HoverResult & { text: string; covered: string }) | undefined {
  const { text, caret: at } = parseCaret(marked);
  const result = hoverAt(text, at, context);
  return result && { ...result, text, covered: text.slice(result.start, result.end) };
}

const COUNTS: HoverContext = { labelCounts: new Map([['ball', 3], ['cat', 1]]) };
const CLS_META = '{"confidence":1,"class-name":"ball","human-annotated":"yes","creation-date":"2020-03-06T17:46:39.176Z","type":"groundtruth/image-classification"}';
const DET =
  '{"source-ref": "s3://bucket/dir/b.jpg", "bb": {"image_size": [{"width": 2560, "height": 1440, "depth": 3}], ' +
  '"annotations": [{"class_id": 0, "top": 10, "left": 20, "width": 100, "height": 50}, ' +
  '{"class_id": 1, "top": 1440, "left": 2500, "width": 100, "height": 1}]}, ' +
  '"bb-metadata": {"objects": [{"confidence": 1}, {"confidence": 0.9}], "class-map": {"0": "cat", "1": "dog"}, ' +
  '"type": "groundtruth/object-detection", "human-annotated": "yes", "creation-date": "2020-03-06T17:46:39.176Z"}}';

function caretIn(line: string, fragment: string, offsetInFragment = 1): string {
  const at = line.indexOf(fragment);
  assert.ok(at >= 0, fragment);
  return line.slice(0, at + offsetInFragment) + '|' + line.slice(at + offsetInFragment);
}

describe('manifest hover', () => {
  it('a class-name value: the label and how many lines use it', () => {
    const h = hoverAtCaret(`{"source-ref":"s3://b/a.jpg","sport":1,"sport-metadata":${CLS_META.replace('"ball"', '"ba|ll"')}}`, COUNTS);
    assert.ok(h);
    assert.equal(h.covered, '"ball"');
    assert.match(h.markdown, /\*\*Label\*\* `ball`/);
    assert.match(h.markdown, /Used on 3 lines of this file/);
  });

  it('a class-map value: the label with its class id', () => {
    const h = hoverAtCaret(caretIn(DET, '"dog"', 2), COUNTS);
    assert.ok(h);
    assert.equal(h.covered, '"dog"');
    assert.match(h.markdown, /`dog` \(class_id 1\)/);
    assert.doesNotMatch(h.markdown, /Used on/); // no count known for dog
  });

  it('an annotation: geometry, fits, and size after scaling to 1280', () => {
    const h = hoverAtCaret(caretIn(DET, '"left": 20', 3));
    assert.ok(h);
    assert.equal(h.covered, '{"class_id": 0, "top": 10, "left": 20, "width": 100, "height": 50}');
    assert.match(h.markdown, /Box 1\*\* of `bb`: `cat` \(class_id 0\)/);
    assert.match(h.markdown, /left 20, top 10, 100 x 50 px in a 2560 x 1440 image, confidence 1/);
    assert.match(h.markdown, /Fits inside the image/);
    assert.match(h.markdown, /scales this image to 1280 px on its longest side \(x0\.5\): the box becomes 50 x 25 px, large enough\./);
  });

  it('an annotation outside the image and too small after scaling', () => {
    const h = hoverAtCaret(caretIn(DET, '"class_id": 1', 12));
    assert.ok(h);
    assert.match(h.markdown, /`dog` \(class_id 1\)/);
    assert.match(h.markdown, /Outside the image: right edge 2600 > image width 2560; bottom edge 1441 > image height 1440/);
    assert.match(h.markdown, /50 x 0\.5 px, \*\*too small\*\*: each side must be more than 1 px/);
  });

  it('an objects entry shows its box', () => {
    const h = hoverAtCaret(caretIn(DET, '{"confidence": 0.9}', 3));
    assert.ok(h);
    assert.equal(h.covered, '{"confidence": 0.9}');
    assert.match(h.markdown, /Box 2\*\* of `bb`/);
  });

  it('a small image is not scaled', () => {
    const line = '{"source-ref":"s3://b/a.jpg","x":{"image_size":[{"width":640,"height":480,"depth":3}],"annotations":[{"class_id":0,"top":0,"left":0,"width":|1,"height":1}]},"x-metadata":{}}';
    const h = hoverAtCaret(line);
    assert.ok(h);
    assert.match(h.markdown, /class_id 0 is not in the class-map/);
    assert.match(h.markdown, /\*\*Too small\*\*: each side must be more than 1 px \(an image of at most 1280 px is not scaled\)/);
    assert.doesNotMatch(h.markdown, /larger than 1 x 1|Not scaled/);
  });

  it('type: what it means, and a rejected type', () => {
    const ok = hoverAtCaret(caretIn(DET, 'groundtruth/object-detection', 4));
    assert.ok(ok);
    assert.equal(ok.covered, '"groundtruth/object-detection"');
    assert.match(ok.markdown, /Object localization/);
    const key = hoverAtCaret(caretIn(DET, '"type"', 2));
    assert.equal(key?.covered, '"type"');
    assert.match(key?.markdown ?? '', /Object localization/);
    const multi = hoverAtCaret('{"source-ref":"s3://b/a.jpg","s":[0],"s-metadata":{"type":"groundtruth/image-classification-multilabel|"}}');
    assert.match(multi?.markdown ?? '', /does \*\*not\*\* accept/);
    const typo = hoverAtCaret('{"s-metadata":{"type":"groundtruth/obj|ect"}}');
    assert.match(typo?.markdown ?? '', /not a type Custom Labels accepts/);
  });

  it('source-ref: bucket and key, or what is wrong', () => {
    const h = hoverAtCaret(caretIn(DET, 's3://bucket', 3));
    assert.ok(h);
    assert.equal(h.covered, '"s3://bucket/dir/b.jpg"');
    assert.match(h.markdown, /Bucket: `bucket`/);
    assert.match(h.markdown, /Key: `dir\/b\.jpg`/);
    const https = hoverAtCaret('{"source-ref": "https://bkt.s3.amazonaws.com/k|.jpg"}');
    assert.match(https?.markdown ?? '', /needs `s3:\/\/bkt\/k\.jpg`/);
  });

  it('a service error code inside errors / cl-errors', () => {
    const line = '{"source-ref":"s3://b/a.jpg","cl-errors":[{"code":"ERROR_MISSING_CLASS|_MAP_ID","message":"x"}]}';
    const h = hoverAtCaret(line);
    assert.ok(h);
    assert.equal(h.covered, '"ERROR_MISSING_CLASS_MAP_ID"');
    assert.match(h.markdown, /class_id that the class-map does not name/);
    // The same string outside an errors array is just a value.
    assert.equal(hoverAtCaret('{"x":"ERROR_MISSING_CLASS|_MAP_ID"}'), undefined);
  });

  it('keys: what they are for; a label attribute: what it holds', () => {
    const h = hoverAtCaret(caretIn(DET, '"human-annotated"', 3));
    assert.match(h?.markdown ?? '', /\*\*human-annotated\*\*/);
    const attr = hoverAtCaret(caretIn(DET, '"bb":', 1));
    assert.match(attr?.markdown ?? '', /Label attribute\*\* `bb`: 2 bounding box/);
  });

  it('works on a half-typed line and returns nothing off JSON or in punctuation', () => {
    const partial = hoverAtCaret('{"source-ref":"s3://b/a.jpg","s-metadata":{"class-name":"ca|t",');
    assert.match(partial?.markdown ?? '', /`cat`/);
    assert.equal(hoverAtCaret('not js|on'), undefined);
    assert.equal(hoverAtCaret('|'), undefined);
    assert.equal(hoverAtCaret('{"a": 1}|'), undefined);
    assert.equal(hoverAt('{"a":1}', -3), undefined);
    assert.equal(hoverAt('{"a":1}', 99), undefined);
  });

  it('manifest text is shown literally: backticks stay inside their code span, links and images do not render', () => {
    const line = '{"source-ref":"s3://b/a.jpg","x`y":{"image_size":[{"width":640,"height":480}],"annotations":[{"class_id":0,"top":0,"left":0,"width":9,"height":9}]},"x`y-metadata":{"class-map":{"0":"a`b ![i](https://e.invalid/i.png) [l](https://e.invalid)"},"type":"**t** [l](https://e.invalid)"}}';
    const box = hoverAt(line, line.indexOf('"top"'), COUNTS);
    assert.ok(box);
    assert.match(box.markdown, /\*\*Box 1\*\* of ``x`y``: ``a`b !\[i\]\(https:\/\/e\.invalid\/i\.png\) \[l\]\(https:\/\/e\.invalid\)`` \(class_id 0\)/);
    const type = hoverAt(line, line.indexOf('**t**') + 2, COUNTS);
    assert.ok(type);
    assert.ok(type.markdown.startsWith('`**t** [l](https://e.invalid)`: not a type'), type.markdown);
    const key = hoverAt(line, line.indexOf('"x`y-metadata"') + 2, COUNTS);
    assert.ok(key?.markdown.startsWith('``x`y-metadata``: the metadata of label attribute ``x`y``'), key?.markdown);
    const newline = hoverAt('{"s-metadata":{"class-name":"a\\n\\nb"}}', 30);
    assert.ok(newline?.markdown.startsWith('**Label** `a\\n\\nb`'), newline?.markdown);
  });

  it('property: never throws, and a result always covers the cursor inside the line', () => {
    const sample = '{"source-ref": "s3://b/k.jpg", "bb": {"image_size": [{"width": 640, "height": 480}], "annotations": [{"class_id": 0, "top": 1, "left": 2, "width": 3, "height": 4}]}, "bb-metadata": {"class-map": {"0": "cat"}, "type": "x", "cl-errors": [{"code": "ERROR_INVALID_IMAGE"}]}}';
    let hovers = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer({ min: 0, max: sample.length }).map((n) => sample.slice(0, n))), fc.nat(400), (text, at) => {
        const offset = at % (text.length + 1);
        const h = hoverAt(text, offset, COUNTS);
        if (h) {
          hovers++;
          assert.ok(h.start >= 0 && h.start <= offset && offset <= h.end && h.end <= text.length, JSON.stringify(h));
          assert.ok(h.markdown.length > 0);
        }
      }),
      { numRuns: 1000 },
    );
    assert.ok(hovers > 50, `only ${hovers} hovers`);
  });
});

describe('hover glossary of the service\'s codes', () => {
  const at = (line: string, needle: string): string => {
    const h = hoverAt(line, line.indexOf(needle) + 2);
    assert.ok(h, `no hover at ${needle}`);
    return h.markdown;
  };
  it('WARNING_NO_ANNOTATIONS is the line\'s warning, WARNING_NO_ATTRIBUTE_ANNOTATIONS the attribute\'s', () => {
    const line =
      '{"source-ref":"s3://b/a.png","bb":{"annotations":[],"warnings":[{"code":"WARNING_NO_ATTRIBUTE_ANNOTATIONS"}]},' +
      '"warnings":[{"code":"WARNING_NO_ANNOTATIONS"}]}';
    const line_ = at(line, '"WARNING_NO_ANNOTATIONS"');
    assert.match(line_, /^\*\*WARNING_NO_ANNOTATIONS\*\*: Written on the \*\*line\*\*: an object-localization line has no bounding box at all/);
    assert.match(line_, /tm-debugging-json-line-errors\.html#tm-warning-WARNING_NO_ANNOTATIONS/);
    const attr = at(line, '"WARNING_NO_ATTRIBUTE_ANNOTATIONS"');
    assert.match(attr, /^\*\*WARNING_NO_ATTRIBUTE_ANNOTATIONS\*\*: Written in one \*\*bounding-box attribute\*\*: its `annotations` array is missing or empty/);
  });
  it('the two shares\' codes name their stage', () => {
    const line = '{"source-ref":"s3://b/a.png","cl-errors":[{"code":"ERROR_TOO_MANY_RECORDS_IN_ERROR"},{"code":"ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST"}]}';
    assert.match(at(line, '"ERROR_TOO_MANY_RECORDS_IN_ERROR"'), /terminal content errors.*dataset create or update failed/);
    assert.match(at(line, '"ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST"'), /non-terminal errors.*never fail an import; this fails training/);
  });
});

describe('hover on a misspelt "source_ref"', () => {
  it('says "did you mean source-ref", not what a label attribute without metadata would be', () => {
    const line = '{"source_ref":"s3://b/a.png","label":0}';
    const h = hoverAt(line, 3);
    assert.ok(h);
    assert.match(h.markdown, /^\*\*source\\_ref\*\*: did you mean `source-ref`\? .*ERROR_MISSING_SOURCE_REF/);
    assert.equal(line.slice(h.start, h.end), '"source_ref"');
    assert.doesNotMatch(h.markdown, /Label attribute/);
    // With a source-ref on the line, a look-alike key is just another key.
    assert.match(hoverAt('{"source-ref":"s3://b/a.png","source_ref":1}', 32)?.markdown ?? '', /Label attribute/);
  });
});

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { completionsAt, type CompletionContext, type CompletionSpec } from '../../../../src/manifest/assists/completion';
import { parseCaret } from '../../helpers/caret';
import { validateLine } from '../../../../src/manifest';

const NOW = new Date('2024-05-06T07:08:09.010Z');

/** Completions at the `|` marker; `apply(label)` inserts one (snippet placeholders take their defaults). */
function at(marked: string, context: CompletionContext = {}) {
  const { text, caret } = parseCaret(marked);
  const items = completionsAt(text, caret, { now: () => NOW, ...context });
  const find = (label: string): CompletionSpec => {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `no completion "${label}" among ${items.map((i) => i.label).join(', ')}`);
    return item;
  };
  return {
    items,
    labels: items.map((i) => i.label),
    find,
    apply(label: string): string {
      const item = find(label);
      const insert = item.isSnippet ? expandSnippet(item.insertText) : item.insertText;
      return text.slice(0, item.start) + insert + text.slice(item.end);
    },
  };
}

/** Resolves `${1:default}`, `${1|a,b|}`, `$1`, `${1}` the way accepting the defaults would. */
function expandSnippet(s: string): string {
  let out = s;
  for (let i = 0; i < 5; i++) {
    out = out
      .replace(/\$\{\d+:([^{}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+\}/g, '')
      .replace(/\$\d+/g, '');
  }
  return out.replace(/\\([$}\\])/g, '$1');
}

const DET_ATTR = '"bb": {"image_size": [{"width": 640, "height": 480, "depth": 3}], "annotations": [{"class_id": 0, "top": 1, "left": 2, "width": 30, "height": 40}, {"class_id": 4, "top": 1, "left": 2, "width": 30, "height": 40}]}';

describe('manifest completion', () => {
  it('an empty line: a classification and a detection line snippet that expand to valid JSON', () => {
    const c = at('  |');
    assert.deepEqual(c.labels, ['Image-level label line', 'Bounding-box line']);
    assert.ok(c.items.every((i) => i.kind === 'snippet' && i.isSnippet && i.start === 0 && i.end === 2));
    const cls = JSON.parse(c.apply('Image-level label line'));
    assert.equal(cls['label-attribute-metadata']['creation-date'], NOW.toISOString());
    assert.equal(cls['label-attribute-metadata'].type, 'groundtruth/image-classification');
    const det = JSON.parse(c.apply('Bounding-box line'));
    assert.equal(det['bounding-box-metadata'].type, 'groundtruth/object-detection');
    assert.deepEqual(det['bounding-box'].annotations[0], { class_id: 0, top: 0, left: 0, width: 100, height: 100 });
  });

  it('top level: source-ref and the -metadata of attributes that lack it, never keys already there', () => {
    const c = at('{"sport": 1, "|"}');
    assert.deepEqual(c.labels, ['source-ref', 'sport-metadata']);
    const applied = JSON.parse(c.apply('sport-metadata'));
    assert.deepEqual(applied['sport-metadata'], {
      confidence: 1,
      'class-name': 'label',
      'human-annotated': 'yes',
      'creation-date': NOW.toISOString(),
      type: 'groundtruth/image-classification',
    });
    assert.deepEqual(at('{"source-ref": "s3://b/k", "sport": 1, "sport-metadata": {}, |}').labels, []);
  });

  it('after the source-ref of a line without labels: a label attribute with its metadata, for a label and for a box, in the line style', () => {
    const pairs = ['label-attribute, label-attribute-metadata', 'bounding-box, bounding-box-metadata'];
    for (const marked of ['{"source-ref":"s3://bucket/a.jpg",|}', '{"source-ref":"s3://bucket/a.jpg","|}', '{"source-ref": "s3://bucket/a.jpg", "|"}']) {
      const c = at(marked);
      assert.deepEqual(c.labels, pairs, marked);
      const cls = c.apply(pairs[0]!);
      assert.deepEqual(validateLine(cls).problems, [], `${marked} -> ${cls}`);
      assert.equal(JSON.parse(cls)['label-attribute-metadata']['class-name'], 'label');
      const det = c.apply(pairs[1]!);
      assert.deepEqual(validateLine(det).problems, [], `${marked} -> ${det}`);
      assert.deepEqual(JSON.parse(det)['bounding-box'].annotations[0], { class_id: 0, top: 0, left: 0, width: 100, height: 100 });
    }
    assert.ok(!at('{"source-ref":"s3://bucket/a.jpg",|}').apply(pairs[0]!).includes(': '), 'a compact line stays compact');
    const named = at('{"source-ref": "s3://bucket/a.jpg", "dog|"}');
    assert.deepEqual(named.labels, ['dog, dog-metadata (image-level label)', 'dog, dog-metadata (bounding box)'], 'the name typed names the pair');
    assert.equal(JSON.parse(named.apply('dog, dog-metadata (image-level label)'))['dog-metadata'].type, 'groundtruth/image-classification');
    assert.deepEqual(at('{"source-ref": "s3://bucket/a.jpg", "image-ref|"}').labels, [], 'no pair for a name an attribute cannot have');
  });

  it('a detection attribute gets a detection metadata snippet with its class ids and objects', () => {
    const c = at(`{"source-ref":"s3://b/k", ${DET_ATTR}, |}`);
    const meta = JSON.parse(c.apply('bb-metadata'))['bb-metadata'];
    assert.deepEqual(meta.objects, [{ confidence: 1 }, { confidence: 1 }]);
    assert.deepEqual(Object.keys(meta['class-map']), ['0', '4']);
    assert.equal(meta.type, 'groundtruth/object-detection');
  });

  it('inside metadata: the keys of its kind, minus existing ones, in the line style', () => {
    const cls = at('{"sport":1,"sport-metadata":{"confidence":1,"|"}}');
    assert.deepEqual(cls.labels, ['class-name', 'human-annotated', 'creation-date', 'type', 'job-name']);
    assert.equal(cls.apply('type'), '{"sport":1,"sport-metadata":{"confidence":1,"type":"groundtruth/image-classification"}}');
    assert.equal(cls.apply('human-annotated'), '{"sport":1,"sport-metadata":{"confidence":1,"human-annotated":"yes"}}');
    const det = at(`{${DET_ATTR}, "bb-metadata": {|}}`);
    assert.deepEqual(det.labels, ['objects', 'class-map', 'type', 'human-annotated', 'creation-date', 'job-name']);
    const unknown = at('{"x-metadata": {co|}}');
    assert.deepEqual(unknown.labels, ['confidence', 'class-name', 'human-annotated', 'creation-date', 'type', 'job-name', 'class-map', 'objects']);
    assert.equal(unknown.find('confidence').start, '{"x-metadata": {'.length); // replaces the bare word
    assert.equal(unknown.apply('confidence'), '{"x-metadata": {"confidence": 1}}');
  });

  it('inside an annotation, image_size and an objects entry', () => {
    assert.deepEqual(at('{"bb": {"annotations": [{"class_id": 0, "|"}]}}').labels, ['top', 'left', 'width', 'height']);
    assert.deepEqual(at('{"bb": {"image_size": [{"|"}]}}').labels, ['width', 'height', 'depth']);
    assert.deepEqual(at('{"bb-metadata": {"objects": [{|}]}}').labels, ['confidence']);
    assert.deepEqual(at('{"bb": {|}}').labels, ['image_size', 'annotations']);
  });

  it('renaming an existing key inserts only the name', () => {
    const c = at('{"sport":1,"sport-metadata":{"typ|": "x"}}');
    assert.equal(c.apply('type'), '{"sport":1,"sport-metadata":{"type": "x"}}');
  });

  it('type values (the implied one first) and yes/no for human-annotated', () => {
    const c = at(`{${DET_ATTR}, "bb-metadata": {"type": "gr|"}}`);
    assert.deepEqual(c.labels, ['groundtruth/image-classification', 'groundtruth/object-detection']);
    assert.equal(c.find('groundtruth/object-detection').sortText, '0');
    assert.ok(c.apply('groundtruth/object-detection').endsWith('"bb-metadata": {"type": "groundtruth/object-detection"}}'));
    const h = at('{"s-metadata": {"human-annotated": |}}');
    assert.deepEqual(h.labels, ['yes', 'no']);
    assert.equal(h.apply('no'), '{"s-metadata": {"human-annotated": "no"}}');
  });

  it('labels already used in the file for class-name and class-map values', () => {
    const ctx = { labels: ['cat', 'dog'] };
    const c = at('{"s-metadata": {"class-name": "|"}, "t-metadata": {"class-name": "bird"}}', ctx);
    assert.deepEqual(c.labels, ['cat', 'dog', 'bird']);
    assert.ok(c.items.every((i) => i.kind === 'label'));
    assert.equal(c.apply('dog'), '{"s-metadata": {"class-name": "dog"}, "t-metadata": {"class-name": "bird"}}');
    assert.deepEqual(at('{"bb-metadata": {"class-map": {"0": "c|"}}}', ctx).labels, ['cat', 'dog']);
  });

  it('class ids from the line class-map for class_id, and missing ids as class-map keys', () => {
    const line = `{${DET_ATTR.replace('"class_id": 4', '"class_id": |')}, "bb-metadata": {"class-map": {"0": "cat", "4": "dog"}}}`;
    const c = at(line);
    assert.deepEqual(c.items.map((i) => [i.label, i.detail, i.kind]), [['0', 'cat', 'classId'], ['4', 'dog', 'classId']]);
    assert.equal(JSON.parse(c.apply('4')).bb.annotations[1].class_id, 4);
    const keys = at(`{${DET_ATTR}, "bb-metadata": {"class-map": {"0": "cat", |}}}`);
    assert.deepEqual(keys.labels, ['4']);
    assert.deepEqual(JSON.parse(keys.apply('4'))['bb-metadata']['class-map'], { 0: 'cat', 4: '' });
  });

  it('nothing after a finished value, on a non-JSON line, or at a bad offset', () => {
    assert.deepEqual(at('{"s-metadata": {"type": "x"|}}').items, []);
    assert.deepEqual(at('not json |').items, []);
    assert.deepEqual(at('[1, |]').items, []);
    assert.deepEqual(completionsAt('{"a":1}', 42), []);
    assert.deepEqual(completionsAt('{"a":1}', -1), []);
  });

  it('inside quotes, every item passes the editor\'s filter of what was typed (range start to cursor)', () => {
    // VS Code matches line[range.start..cursor] against filterText (or the label): the typed
    // text starts with the quote, so a bare label would be filtered out ("No suggestions.").
    const passes = (c: ReturnType<typeof at>, marked: string): void => {
      const caret = marked.indexOf('|');
      const text = marked.replace('|', '');
      assert.ok(c.items.length > 0, `no items at ${marked}`);
      for (const item of c.items) {
        const typed = text.slice(item.start, caret).toLowerCase();
        const filter = (item.filterText ?? item.label).toLowerCase();
        let i = 0;
        for (const ch of filter) if (i < typed.length && ch === typed[i]) i++;
        assert.ok(typed === '' || (filter[0] === typed[0] && i === typed.length), `"${typed}" does not match "${filter}" at ${marked}`);
      }
    };
    const cases = [
      '{"|"}',
      '{"|',
      '{"sou|"}',
      '{"a":1,"a-metadata":{"type":"|"}}',
      '{"a":1,"a-metadata":{"type":"|',
      '{"a":1,"a-metadata":{"class-name":"|"}}',
      '{"bb-metadata":{"class-map":{"0":"Echo","4":"Mug"}},"bb":{"annotations":[{"class_id":"|"}]}}',
      '{"bb-metadata":{"class-map":{"0":"Echo","4":"Mug"}},"bb":{"annotations":[{"class_id":"|',
    ];
    for (const marked of cases) passes(at(marked, { labels: ['cat', 'dog'] }), marked);
    assert.deepEqual(at('{"bb-metadata":{"class-map":{"0":"Echo","4":"Mug"}},"bb":{"annotations":[{"class_id":"|').labels, ['0', '4']);
  });

  it('property: never throws, ranges stay inside the line and contain the cursor', () => {
    const sample = '{"source-ref": "s3://b/k.jpg", "bb": {"image_size": [{"width": 640}], "annotations": [{"class_id": 0, "top": 1}]}, "bb-metadata": {"class-map": {"0": "cat"}, "type": "gr", "human-annotated": "y"}}';
    let items = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer({ min: 0, max: sample.length }).map((n) => sample.slice(0, n))), fc.nat(400), (text, at) => {
        const offset = at % (text.length + 1);
        for (const c of completionsAt(text, offset, { labels: ['cat'] })) {
          items++;
          assert.ok(c.start >= 0 && c.start <= offset && offset <= c.end && c.end <= text.length, JSON.stringify(c));
          assert.ok(c.insertText.length > 0 && c.label.length > 0);
        }
      }),
      { numRuns: 1000 },
    );
    assert.ok(items > 100, `only ${items} completions`);
  });
});

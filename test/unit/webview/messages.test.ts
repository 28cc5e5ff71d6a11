/**
 * The webview kit's message checks, and each page's: what one side sends passes the other side's
 * check (sent through JSON as VS Code's postMessage does), and what does not hold is dropped.
 */
import * as assert from 'node:assert/strict';
import { buildEntries, type GalleryEntry } from '../../../src/gallery/entries';
import { readGalleryToPage, readPageToGallery } from '../../../src/gallery/messages';
import { readPageToStats } from '../../../src/label-stats/messages';
import { readPageToPreview, readPreviewToPage } from '../../../src/preview/messages';
import { previewOf } from '../../../src/preview/model';
import { arrayOf, isInteger, isNumber, isString, message, messageReader, nullable, oneOf, receiver, shape, tuple } from '../../../src/webview/messages';
import { errorLine, mixedManifest } from '../../bench/generate';

const DATE = '2024-05-01T10:00:00.000Z';
/** Lines whose problems are of each severity: a box outside its image (error), a label value not a number (warning), a warning the service recorded (information). */
const PROBLEM_LINES = [
  JSON.stringify({
    'source-ref': 's3://bucket/street.jpg',
    vehicles: { image_size: [{ width: 800, height: 600, depth: 3 }], annotations: [{ class_id: 0, left: 700, top: 500, width: 300, height: 200 }] },
    'vehicles-metadata': { objects: [{ confidence: 1 }], 'class-map': { '0': 'car' }, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': DATE },
  }),
  errorLine(0, () => 0.5),
  JSON.stringify({
    'source-ref': 's3://bucket/cat.jpg',
    animal: 1,
    'animal-metadata': { confidence: 1, 'class-name': 'cat', 'human-annotated': 'yes', 'creation-date': DATE, type: 'groundtruth/image-classification' },
    warnings: [{ code: 'SOME_WARNING', message: 'noted' }],
  }),
];

/** As postMessage carries it: JSON. */
const wire = <T>(m: T): unknown => JSON.parse(JSON.stringify(m));

describe('webview kit: message checks', () => {
  it('the checks accept what they describe and nothing else', () => {
    assert.ok(isNumber(1.5) && !isNumber('1') && !isNumber(Number.NaN) && !isNumber(Infinity));
    assert.ok(isInteger(-2) && !isInteger(1.5));
    assert.ok(oneOf('a', 'b')('b') && !oneOf('a', 'b')('c'));
    assert.ok(nullable(isString)(null) && !nullable(isString)(undefined));
    assert.ok(arrayOf(isString)([]) && arrayOf(isString)(['x']) && !arrayOf(isString)(['x', 1]) && !arrayOf(isString)('x'));
    const pair = tuple<[string, number]>(isString, isNumber);
    assert.ok(pair(['a', 1]) && !pair(['a']) && !pair(['a', 1, 2]) && !pair([1, 'a']));
    const s = shape({ a: isString }, { b: isNumber });
    assert.ok(s({ a: 'x' }) && s({ a: 'x', b: 2 }) && s({ a: 'x', extra: true }));
    assert.ok(!s({ a: 'x', b: 'y' }) && !s({ b: 2 }) && !s(null) && !s(['x']));
  });

  it('a reader tells the kinds apart by type; unknown kinds, prototype names and broken ones are dropped', () => {
    const read = messageReader<{ type: 'a'; n: number } | { type: 'b' }>({ a: message('a', { n: isNumber }), b: message('b') });
    assert.deepEqual(read({ type: 'a', n: 1 }), { type: 'a', n: 1 });
    assert.deepEqual(read({ type: 'b' }), { type: 'b' });
    for (const bad of [{ type: 'a' }, { type: 'a', n: '1' }, { type: 'c' }, { type: 'constructor' }, { type: '__proto__' }, { type: 'toString' }, {}, null, 'a', [{ type: 'b' }]]) {
      assert.equal(read(bad), undefined, JSON.stringify(bad));
    }
  });

  it("the extension's receiver drops what fails and logs the first one only, without its content", () => {
    const logged: string[] = [];
    const read = receiver('Gallery', readPageToGallery, (t) => logged.push(t));
    assert.equal(read({ type: 'reveal', id: '3' }), undefined);
    assert.equal(read({ type: 'visible', ids: [-1] }), undefined);
    assert.equal(read('<script>'), undefined);
    assert.deepEqual(read({ type: 'reveal', id: 3 }), { type: 'reveal', id: 3 });
    assert.equal(logged.length, 1, logged.join('\n'));
    assert.match(logged[0]!, /^Gallery: its page sent a "reveal" message the extension does not expect .*; it was ignored/);
    assert.doesNotMatch(logged[0]!, /'3'|"3"/);
  });
});

describe('gallery messages', () => {
  it("the page accepts the entries the extension builds (every kind of line, with problems)", async () => {
    const lines = [...mixedManifest(300), ...PROBLEM_LINES, '{"source-ref":"s3://b/<img src=x>.png"}'];
    const built: GalleryEntry[] = [];
    await buildEntries(lines, { onEntries: (batch) => built.push(...batch) });
    assert.ok(built.length > 300 && built.some((e) => e.boxes.length > 0), 'the fixture has boxes');
    assert.deepEqual([...new Set(built.flatMap((e) => e.problems.map((p) => p[0])))].sort(), ['error', 'info', 'warning'], 'the fixture has problems of each severity');
    assert.deepEqual(readGalleryToPage(wire({ type: 'entries', entries: built })), wire({ type: 'entries', entries: built }));
    assert.ok(readGalleryToPage(wire({ type: 'images', images: [[0, 'https://x/a.png'], [1, null]] })));
    assert.ok(readGalleryToPage(wire({ type: 'progress', text: 'Reading…' })));
    assert.ok(readGalleryToPage(wire({ type: 'progress', text: 'Done.', done: true })));
  });

  it('the page drops a message whose entries, images or progress are not as described', () => {
    const entry = { id: 0, line: 0, ref: 's3://b/a.png', w: 0, h: 0, labels: [], boxes: [], problems: [] };
    assert.ok(readGalleryToPage({ type: 'entries', entries: [entry] }));
    for (const bad of [
      { type: 'entries', entries: [{ ...entry, ref: 7 }] },
      { type: 'entries', entries: [{ ...entry, labels: [1] }] },
      { type: 'entries', entries: [{ ...entry, boxes: [['car', 1, 2, 3]] }] },
      { type: 'entries', entries: [{ ...entry, problems: [['fatal', 'X', 'y']] }] },
      { type: 'entries', entries: [{ ...entry, id: -1 }] },
      { type: 'images', images: [[0, 5]] },
      { type: 'progress', text: 1 },
      { type: 'progress', text: 'x', done: 'yes' },
    ]) {
      assert.equal(readGalleryToPage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('the extension accepts what the page posts and drops the rest', () => {
    for (const ok of [{ type: 'ready' }, { type: 'visible', ids: [3, 1] }, { type: 'reveal', id: 0 }, { type: 'rendered', cards: 2, shown: 2, total: 2, boxes: 2, loaded: 0, drawn: 2, first: true }]) {
      assert.deepEqual(readPageToGallery(wire(ok)), ok);
    }
    for (const bad of [{ type: 'visible', ids: [1.5] }, { type: 'visible' }, { type: 'reveal', id: null }, { type: 'rendered', cards: 2 }, { type: 'rendered', cards: 1, shown: 1, total: 1, boxes: 0, loaded: 0, drawn: 1, first: 1 }]) {
      assert.equal(readPageToGallery(wire(bad)), undefined, JSON.stringify(bad));
    }
  });
});

describe('preview messages', () => {
  it('the page accepts the view of every kind of line the extension sends', () => {
    const lines = [...mixedManifest(100), ...PROBLEM_LINES, '', 'not json', '{"a":1}', '{"source-ref":"https://x/y.png"}'];
    const views = lines.map((text, i) => previewOf(i, text));
    assert.deepEqual([...new Set(views.flatMap((v) => v.problems.map((p) => p.severity)))].sort(), ['error', 'information', 'warning'], 'the fixture has problems of each severity');
    assert.ok(views.some((v) => v.boxes.length > 0) && views.some((v) => v.note !== undefined), 'the fixture has boxes and notes');
    for (const [i, text] of lines.entries()) {
      const view = views[i]!;
      const show = { type: 'show', title: `Preview of m.manifest, line ${i + 1}`, view, image: { uri: 'https://x/a.png', width: 10, height: 20 }, highlight: 0 };
      assert.ok(readPreviewToPage(wire(show)), `line ${i}: ${text}`);
      assert.ok(readPreviewToPage(wire({ type: 'show', title: 't', view, imageNote: 'not there' })), `line ${i}`);
    }
    assert.ok(readPreviewToPage(wire({ type: 'highlight', box: 1 })) && readPreviewToPage(wire({ type: 'highlight' })));
  });

  it('each side drops what is not as described', () => {
    const view = previewOf(0, '{"source-ref":"s3://b/a.png"}');
    for (const bad of [
      { type: 'show', view },
      { type: 'show', title: 't', view: { ...view, labels: 'cat' } },
      { type: 'show', title: 't', view: { ...view, problems: [{ code: 'X', message: 'm', severity: 'fatal' }] } },
      { type: 'show', title: 't', view, image: { uri: 'u' } },
      { type: 'highlight', box: '1' },
    ]) {
      assert.equal(readPreviewToPage(bad), undefined, JSON.stringify(bad));
    }
    assert.deepEqual(readPageToPreview({ type: 'shown', line: 3, boxes: 2 }), { type: 'shown', line: 3, boxes: 2 });
    assert.equal(readPageToPreview({ type: 'shown', line: '3', boxes: 2 }), undefined);
  });

  it("the page accepts a model's predictions (boxes optional, as ratios) and drops malformed ones", () => {
    const predictions = {
      line: 2,
      model: 'birds <v1>',
      note: 'billed',
      minConfidence: 50,
      labels: [{ name: 'car', confidence: 91.5, box: { left: 0.1, top: 0.2, width: 0.3, height: 0.4 } }, { name: 'cat', confidence: 12 }],
    };
    assert.deepEqual(readPreviewToPage(wire({ type: 'predictions', predictions })), { type: 'predictions', predictions });
    for (const bad of [
      { type: 'predictions' },
      { type: 'predictions', predictions: { ...predictions, line: -1 } },
      { type: 'predictions', predictions: { ...predictions, labels: [{ name: 'car', confidence: '91' }] } },
      { type: 'predictions', predictions: { ...predictions, labels: [{ name: 'car', confidence: 9, box: { left: 0 } }] } },
      { type: 'predictions', predictions: { ...predictions, minConfidence: undefined } },
    ]) {
      assert.equal(readPreviewToPage(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('label statistics messages', () => {
  it('the extension accepts ready and browse with a label, and nothing else', () => {
    assert.deepEqual(readPageToStats({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(readPageToStats({ type: 'browse', label: '<b>x</b>' }), { type: 'browse', label: '<b>x</b>' });
    assert.equal(readPageToStats({ type: 'browse' }), undefined);
    assert.equal(readPageToStats({ type: 'browse', label: ['x'] }), undefined);
    assert.equal(readPageToStats({ type: 'open', label: 'x' }), undefined);
  });
});

/**
 * The gallery of mistakes' entries (src/gallery/mistake-entries.ts): evaluation manifest snapshot
 * lines in the guide's format (im-evaluation-manifest-snapshot-api), each prediction's outcome
 * worked out here by hand from the boxes written below (IoU of the two rectangles) and the
 * thresholds given, not read from the snapshot's `is-*` flags (set wrong on purpose here).
 */
import * as assert from 'node:assert/strict';
import { mistakeEntries } from '../../../src/gallery/mistake-entries';
import { readGalleryToPage } from '../../../src/gallery/messages';

const DATE = '2019-10-21T22:02:18.432644';
const details = (flag: string) => ({ version: 1, 'ground-truth-labelling-jobs': ['rekognition-custom-labels-training-job'], 'is-true-positive': flag === 'tp', 'is-true-negative': flag === 'tn', 'is-false-positive': flag === 'fp', 'is-false-negative': flag === 'fn', 'is-present-in-ground-truth': true });

// Truth: car (100,100,200,100), car (500,300,100,100). Predictions: car 0.9 at (110,100,200,100):
// IoU 190*100/(20000+20000-19000) = 0.905 -> TP; car 0.8 at (300,400,100,100): overlaps nothing -> FP;
// car 0.2 under the 0.5 threshold: no prediction. The second true car is unmatched -> FN.
const detection = JSON.stringify({
  'source-ref': 's3://bucket/street.jpg',
  'rekognition-custom-labels-training-0': { annotations: [{ class_id: 0, left: 100, top: 100, width: 200, height: 100 }, { class_id: 0, left: 500, top: 300, width: 100, height: 100 }], image_size: [{ width: 800, height: 600, depth: 3 }] },
  'rekognition-custom-labels-training-0-metadata': { 'job-name': 'rekognition-custom-labels-training-job', 'class-map': { '0': 'car' }, 'human-annotated': 'yes', objects: [{ confidence: 1 }, { confidence: 1 }], 'creation-date': DATE, type: 'groundtruth/object-detection' },
  'rekognition-custom-labels-evaluation': { annotations: [{ class_id: 0, left: 110, top: 100, width: 200, height: 100 }, { class_id: 0, left: 300, top: 400, width: 100, height: 100 }, { class_id: 0, left: 500, top: 300, width: 100, height: 100 }], image_size: [{ width: 800, height: 600, depth: 3 }] },
  'rekognition-custom-labels-evaluation-metadata': {
    confidence: 0.9, 'job-name': 'rekognition-custom-labels-evaluation-job', 'class-map': { '0': 'car' }, 'human-annotated': 'no',
    objects: [{ confidence: 0.9, 'rekognition-custom-labels-evaluation-details': details('fp') }, { confidence: 0.8, 'rekognition-custom-labels-evaluation-details': details('tp') }, { confidence: 0.2, 'rekognition-custom-labels-evaluation-details': details('tp') }],
    'creation-date': DATE, type: 'groundtruth/object-detection',
  },
});

const classMeta = (name: string, confidence: number, evaluation: boolean) => ({
  confidence, 'job-name': evaluation ? 'rekognition-custom-labels-evaluation-job' : 'rekognition-custom-labels-training-job', 'class-name': name, 'human-annotated': evaluation ? 'no' : 'yes', 'creation-date': DATE, type: 'groundtruth/image-classification',
  ...(evaluation ? { 'rekognition-custom-labels-evaluation-details': details('tn') } : {}),
});
// Truth: Football, Tennis. Predictions: Football 0.95 (>= 0.5: TP), Golf 0.7 (>= its 0.6: FP), Tennis 0.3 (< 0.5: FN), Chess 0.1 (TN: no mark).
const classification = JSON.stringify({
  'source-ref': 's3://bucket/beckham.jpeg',
  'rekognition-custom-labels-training-0': 1, 'rekognition-custom-labels-training-0-metadata': classMeta('Football', 1, false),
  'rekognition-custom-labels-training-1': 1, 'rekognition-custom-labels-training-1-metadata': classMeta('Tennis', 1, false),
  'rekognition-custom-labels-evaluation-0': 1, 'rekognition-custom-labels-evaluation-0-metadata': classMeta('Football', 0.95, true),
  'rekognition-custom-labels-evaluation-1': 1, 'rekognition-custom-labels-evaluation-1-metadata': classMeta('Golf', 0.7, true),
  'rekognition-custom-labels-evaluation-2': 1, 'rekognition-custom-labels-evaluation-2-metadata': classMeta('Tennis', 0.3, true),
  'rekognition-custom-labels-evaluation-3': 1, 'rekognition-custom-labels-evaluation-3-metadata': classMeta('Chess', 0.1, true),
});

describe('gallery of mistakes: snapshot lines to entries', () => {
  it('object detection: the true boxes, each prediction above its threshold judged at IoU 0.5, the missed box a false negative', () => {
    const e = mistakeEntries(new Map([['car', 0.5]]))(3, 7, detection)!;
    assert.deepEqual([e.id, e.line, e.ref, e.w, e.h], [3, 7, 's3://bucket/street.jpg', 800, 600]);
    assert.deepEqual(e.boxes, [['car', 100, 100, 200, 100], ['car', 500, 300, 100, 100]]);
    assert.deepEqual(e.labels, ['car']);
    assert.deepEqual([...e.marks!].sort(), [
      ['fn', 'car', -1, 500, 300, 100, 100],
      ['fp', 'car', 0.8, 300, 400, 100, 100],
      ['tp', 'car', 0.9, 110, 100, 200, 100],
    ]);
  });

  it('a higher threshold turns the 0.8 box into no prediction at all', () => {
    const e = mistakeEntries(new Map([['car', 0.85]]))(0, 0, detection)!;
    assert.deepEqual(e.marks!.map((m) => m[0]).sort(), ['fn', 'tp']);
  });

  it('image-level: predicted labels with their confidence, TP, FP and FN at each label\'s threshold (0.5 when the summary gives none); no box', () => {
    const e = mistakeEntries(new Map([['Golf', 0.6]]))(0, 0, classification)!;
    assert.deepEqual(e.labels, ['Football', 'Tennis']);
    assert.deepEqual(e.boxes, []);
    assert.deepEqual([e.w, e.h], [0, 0]);
    assert.deepEqual([...e.marks!].sort(), [
      ['fn', 'Tennis', 0.3, 0, 0, 0, 0],
      ['fp', 'Golf', 0.7, 0, 0, 0, 0],
      ['tp', 'Football', 0.95, 0, 0, 0, 0],
    ]);
  });

  it('a line that is not a snapshot line has no entry', () => {
    const entry = mistakeEntries(new Map());
    assert.equal(entry(0, 0, ''), undefined);
    assert.equal(entry(0, 0, '{"no-ref": 1}'), undefined);
    assert.equal(entry(0, 0, 'not json'), undefined);
  });

  it('the page accepts the entries and the opening filter, and refuses an outcome it does not know', () => {
    const e = mistakeEntries(new Map([['car', 0.5]]))(0, 0, detection)!;
    assert.ok(readGalleryToPage({ type: 'entries', entries: [e] }));
    assert.ok(readGalleryToPage({ type: 'filter', labels: ['car'], outcomes: ['fp'] }));
    assert.equal(readGalleryToPage({ type: 'filter', labels: ['car'], outcomes: ['tn'] }), undefined);
    assert.equal(readGalleryToPage({ type: 'entries', entries: [{ ...e, marks: [['xx', 'car', 1, 0, 0, 0, 0]] }] }), undefined);
  });
});

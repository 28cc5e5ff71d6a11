/**
 * What dataset health finds (src/health/check-health.ts), on manifests and pictures made for each
 * finding; the expected codes, numbers and lines come from how the fixtures were made.
 */
import * as assert from 'node:assert/strict';
import { checkHealth, fingerprintBytes, locationKey, type HealthFinding, type ImageRead } from '../../../src/health';
import { cls, od, type Box } from './manifest-lines';
import { photo, resized, toJpeg } from './synthetic-photo';

const W = 320;
const H = 240;
const pic = (palette: number, layout: number) => photo({ palette, layout, width: W, height: H });

/** The fingerprints of `files` (key -> bytes) in bucket "bkt", as readImages gives them. */
function imagesOf(files: Record<string, Buffer>): Map<string, ImageRead> {
  const out = new Map<string, ImageRead>();
  for (const [key, bytes] of Object.entries(files)) {
    const { thumbnail: _, ...fingerprint } = fingerprintBytes(bytes);
    out.set(locationKey({ bucket: 'bkt', key }), { fingerprint, etag: key });
  }
  return out;
}

const only = (findings: HealthFinding[], code: string) => findings.filter((f) => f.code === code);

describe('health: what it finds', () => {
  // Photo A (palette 1), C and D (both palette 3: distinct, one palette), E (palette 5), F (palette 6).
  const A = toJpeg(pic(1, 1), 90);
  const C = pic(3, 3);
  const D = pic(3, 4);
  const files = {
    'a.jpg': A,
    'a-copy.jpg': A,
    'c.jpg': toJpeg(C, 90),
    'c-q50.jpg': toJpeg(C, 50),
    'd.jpg': toJpeg(D, 90),
    'e.jpg': toJpeg(pic(5, 5), 90),
    'a-test.jpg': A,
    'd-resized.jpg': toJpeg(resized(D, 240, 180), 85),
    'f.jpg': toJpeg(pic(6, 6), 90),
  };
  const train = [
    cls('s3://bkt/a.jpg', ['cat']), // 1
    cls('s3://bkt/a-copy.jpg', ['cat']), // 2: A's bytes again
    cls('s3://bkt/c.jpg', ['dog']), // 3
    cls('s3://bkt/c-q50.jpg', ['dog']), // 4: C re-encoded
    cls('s3://bkt/d.jpg', ['dog']), // 5
  ];
  const test = [
    cls('s3://bkt/e.jpg', ['cat']), // 1
    cls('s3://bkt/a-test.jpg', ['cat']), // 2: A's bytes under a third name
    cls('s3://bkt/d-resized.jpg', ['dog']), // 3: D resized
    cls('s3://bkt/f.jpg', ['bird']), // 4: a label training lacks
  ];

  it('exact and near leaks, a near-duplicate in training, labels only in test, balance, too few images', async () => {
    const report = await checkHealth({ train, test, images: imagesOf(files) });
    const brief = report.findings.map((f) => [f.code, f.severity, f.lines]);
    assert.deepEqual(
      brief.filter(([c]) => c !== 'CL_HEALTH_IMAGE_SIZES'),
      [
        ['CL_HEALTH_TRAIN_TEST_LEAK', 'error', { train: [1, 2], test: [2] }],
        ['CL_HEALTH_NEAR_TRAIN_TEST_LEAK', 'error', { train: [5], test: [3] }],
        ['CL_HEALTH_NEAR_DUPLICATE', 'warning', { train: [3, 4] }],
        ['CL_HEALTH_FEW_IMAGES', 'warning', { train: [] }],
        ['CL_HEALTH_LABEL_ONLY_IN_TEST', 'warning', { test: [4] }],
        ['CL_HEALTH_LABEL_IMBALANCE', 'info', { train: [1, 2] }],
      ],
    );
    assert.deepEqual(only(report.findings, 'CL_HEALTH_TRAIN_TEST_LEAK')[0]!.numbers, { trainLines: 2, testLines: 1, sourceRefs: 3 });
    assert.deepEqual(only(report.findings, 'CL_HEALTH_LABEL_IMBALANCE')[0]!.numbers, { labels: 2, mostImages: 3, fewestImages: 2, ratio: 1.5, mostBoxes: 0, fewestBoxes: 0 });
    assert.deepEqual(only(report.findings, 'CL_HEALTH_FEW_IMAGES')[0]!.numbers, { images: 5, minimum: 10 });
    assert.deepEqual(report.images, { train: { images: 5, fingerprinted: 5 }, test: { images: 4, fingerprinted: 4 } });
  });

  it('the same photos in one dataset only: duplicates, no leak', async () => {
    const report = await checkHealth({ train: [...train, ...test.map((l) => l)], images: imagesOf(files) });
    const codes = report.findings.map((f) => [f.code, f.lines.train]).filter(([c]) => /DUPLICATE|LEAK/.test(String(c)));
    assert.deepEqual(codes, [
      ['CL_HEALTH_DUPLICATE_IMAGE', [1, 2, 7]],
      ['CL_HEALTH_NEAR_DUPLICATE', [3, 4]],
      ['CL_HEALTH_NEAR_DUPLICATE', [5, 8]],
    ]);
  });

  it('one source-ref in both manifests is a leak without reading any image', async () => {
    const report = await checkHealth({ train: [cls('s3://bkt/x.jpg', ['cat']), cls('s3://bkt/y.jpg', ['dog'])], test: [cls('s3://bkt/y.jpg', ['dog'])] });
    assert.deepEqual(only(report.findings, 'CL_HEALTH_TRAIN_TEST_LEAK').map((f) => f.lines), [{ train: [2], test: [1] }]);
  });

  it('boxes: under 1 px and under 4 px at the 1280 px scale, covering the image, near 50 per image', async () => {
    const big = { width: 4000, height: 3000 }; // scaled by 1280 / 4000 = 0.32
    const box = (w: number, h: number, label = 'part'): Box => ({ label, left: 5, top: 5, width: w, height: h });
    const lines = [
      od('s3://bkt/1.jpg', big, [box(3, 100), box(100, 100)]), // 3 px -> 0.96 px: under 1
      od('s3://bkt/2.jpg', big, [box(10, 12)]), // 10 px -> 3.2 px: under 4
      od('s3://bkt/3.jpg', big, [box(3990, 2990)]), // 99.4% of the image
      od('s3://bkt/4.jpg', big, [box(3900, 2900)]), // 94.3%: not
      od('s3://bkt/5.jpg', { width: 640, height: 480 }, Array.from({ length: 46 }, () => box(20, 20))), // 46 boxes
      od('s3://bkt/6.jpg', { width: 640, height: 480 }, [box(3, 3, 'other')]), // not scaled: 3 px, under 4
    ];
    const report = await checkHealth({ train: lines });
    const f = (code: string) => only(report.findings, code).map((x) => [x.severity, x.numbers, x.lines]);
    assert.deepEqual(f('CL_HEALTH_SMALL_BOXES'), [['warning', { under1px: 1, underFewPx: 2, fewPx: 4, images: 3 }, { train: [1, 2, 6] }]]);
    assert.deepEqual(f('CL_HEALTH_IMAGE_SIZED_BOXES'), [['info', { boxes: 1, images: 1, share: 0.95 }, { train: [3] }]]);
    assert.deepEqual(f('CL_HEALTH_MANY_BOXES'), [['info', { images: 1, most: 46, maximum: 50 }, { train: [5] }]]);
  });

  it('imbalance with boxes: images and boxes of the most common and the rarest label, the rarest label\'s lines', async () => {
    const b = (label: string) => ({ label, left: 10, top: 10, width: 50, height: 50 });
    const size = { width: 640, height: 480 };
    const lines = [
      ...Array.from({ length: 4 }, (_, i) => od(`s3://bkt/bolt${i}.jpg`, size, [b('bolt'), b('bolt')])),
      od('s3://bkt/nut.jpg', size, [b('nut')]),
    ];
    const [f] = only((await checkHealth({ train: lines })).findings, 'CL_HEALTH_LABEL_IMBALANCE');
    assert.deepEqual([f!.severity, f!.numbers, f!.lines], ['info', { labels: 2, mostImages: 4, fewestImages: 1, ratio: 4, mostBoxes: 8, fewestBoxes: 1 }, { train: [5] }]);
  });

  it('image sizes as distributions, and those outside 64..4096 px and 20:1', async () => {
    const sizes = [
      [640, 480],
      [1024, 768],
      [50, 60], // under 64
      [5000, 200], // over 4096, 25:1
      [800, 800],
    ];
    const lines = sizes.map(([w, h], i) => od(`s3://bkt/${i}.jpg`, { width: w!, height: h! }, [{ label: 'x', left: 1, top: 1, width: 40, height: 40 }]));
    const [f] = only((await checkHealth({ train: lines })).findings, 'CL_HEALTH_IMAGE_SIZES');
    assert.deepEqual([f!.severity, f!.lines], ['warning', { train: [3, 4] }]);
    assert.deepEqual(f!.numbers, {
      images: 5,
      widthMin: 50, widthMedian: 800, widthMax: 5000,
      heightMin: 60, heightMedian: 480, heightMax: 800,
      aspectMedian: 1.33, aspectMax: 25,
      underMinSide: 1, overMaxSide: 1, overMaxAspect: 1,
    });
  });

  it('labels: too thin for the 80/20 split without a test manifest; a test label over 1,000 images', async () => {
    const train = [
      ...Array.from({ length: 6 }, (_, i) => cls(`s3://bkt/a${i}.jpg`, ['common'])),
      cls('s3://bkt/r1.jpg', ['rare']),
      cls('s3://bkt/r2.jpg', ['rare', 'common']),
      cls('s3://bkt/s1.jpg', ['single']),
    ];
    const split = only((await checkHealth({ train })).findings, 'CL_HEALTH_LABEL_SPLIT');
    assert.deepEqual(split.map((f) => [f.numbers, f.lines]), [[{ labels: 2, minimumImages: 5, failTraining: 1 }, { train: [7, 8, 9] }]]);
    const test = Array.from({ length: 1001 }, (_, i) => cls(`s3://bkt/t${i}.jpg`, ['common']));
    const over = only((await checkHealth({ train, test })).findings, 'CL_HEALTH_TEST_LABEL_OVER_MAXIMUM');
    assert.deepEqual(over.map((f) => [f.numbers, f.lines.test?.length]), [[{ labels: 1, maximum: 1000, most: 1001 }, 1001]]);
  });
});

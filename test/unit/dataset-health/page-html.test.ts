/** The Dataset Health view: leaks first, every finding with its numbers, what to do and its gallery buttons; escaped text; a strict CSP. */
import * as assert from 'node:assert/strict';
import { healthHtml } from '../../../src/dataset-health/page-html';
import { distributions } from '../../../src/dataset-health/distributions';
import { readPageToHealth } from '../../../src/dataset-health/messages';
import { healthLines, type HealthFinding, type HealthReport } from '../../../src/health';
import { cls, od } from '../health/manifest-lines';

const finding = (code: HealthFinding['code'], severity: HealthFinding['severity'], lines: HealthFinding['lines'], numbers: Record<string, number> = {}): HealthFinding => ({
  code,
  severity,
  message: `${code} happened to <b>"x"</b>`,
  action: `Fix ${code}.`,
  numbers,
  lines,
});

// In the order checkHealth could give them: the near-duplicate before the exact leak on purpose.
const report: HealthReport = {
  findings: [
    finding('CL_HEALTH_NEAR_DUPLICATE', 'warning', { train: [4, 9] }, { images: 2, maxDistance: 3 }),
    finding('CL_HEALTH_TRAIN_TEST_LEAK', 'error', { train: [2], test: [1, 3] }, { trainLines: 1, testLines: 2 }),
    finding('CL_HEALTH_FEW_IMAGES', 'warning', { train: [] }, { images: 5, minimum: 10 }),
    finding('CL_HEALTH_SMALL_BOXES', 'warning', { test: [5] }, { under1px: 3, underFewPx: 1 }),
  ],
  images: { train: { images: 5, fingerprinted: 4 }, test: { images: 3, fingerprinted: 3 } },
  threshold: 10,
};

const html = healthHtml({
  title: 'Dataset health of <train>',
  report,
  labels: { rows: [{ label: '<cat>', trainImages: 4, trainBoxes: 0, testImages: 1, testBoxes: 0 }, { label: 'dog', trainImages: 1, trainBoxes: 0, testImages: 2, testBoxes: 0 }], trainLines: 5, testLines: 3 },
  sizes: { longestSide: [{ label: '64 to 640 px', train: 4, test: 2, outside: false }], aspectRatio: [{ label: 'square', train: 4, test: 2, outside: false }] },
  nonce: 'n0nce',
  script: 'https://x/dist/webview/dataset-health.js',
});

describe('Dataset Health view', () => {
  it('shows the train/test leak first among the duplicates, each finding with its numbers and what to do', () => {
    const dup = html.slice(html.indexOf('<section id="duplicates"'), html.indexOf('<section id="labels"'));
    const codes = [...dup.matchAll(/data-code="([A-Z_]+)"/g)].map((m) => m[1]);
    assert.deepEqual(codes, ['CL_HEALTH_TRAIN_TEST_LEAK', 'CL_HEALTH_NEAR_DUPLICATE']);
    assert.match(dup, /train lines 1 · test lines 2/);
    assert.match(dup, /<strong>What to do:<\/strong> Fix CL_HEALTH_TRAIN_TEST_LEAK\./);
    assert.match(html.slice(html.indexOf('<section id="boxes"')), /under 1px 3 · under few px 1/);
  });

  it('links each finding to the gallery per dataset, by its index in the report', () => {
    const buttons = [...html.matchAll(/<button class="gallery" data-finding="(\d+)" data-dataset="(train|test)">([^<]+)<\/button>/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    assert.deepEqual(buttons, [
      '1 train Show the training entry in the gallery',
      '1 test Show the 2 test entries in the gallery',
      '0 train Show the 2 training entries in the gallery',
      '2 train Show the training dataset in the gallery',
      '3 test Show the test entry in the gallery',
    ]);
  });

  it('shows the imbalance ratio and per-label images and boxes', () => {
    assert.match(html, /Imbalance ratio \(training images of the most and the least frequent label\): 4:1 over 2 labels\./);
    assert.match(html, /<th scope="row">&lt;cat&gt;<\/th>.*<td class="num">4<\/td><td class="num">0<\/td><td class="num">1<\/td><td class="num">0<\/td>/);
  });

  it('escapes manifest text and keeps a strict CSP: no inline handlers, no style attributes', () => {
    assert.ok(!html.includes('<b>'), 'no raw markup from a message');
    assert.ok(!html.includes('<cat>'));
    assert.ok(html.includes('Dataset health of &lt;train&gt;'));
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(csp, "default-src 'none'; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';");
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /\sstyle="/);
  });

  it('reads only well-formed messages from the page', () => {
    assert.deepEqual(readPageToHealth({ type: 'gallery', finding: 1, dataset: 'test' }), { type: 'gallery', finding: 1, dataset: 'test' });
    assert.equal(readPageToHealth({ type: 'gallery', finding: -1, dataset: 'test' }), undefined);
    assert.equal(readPageToHealth({ type: 'gallery', finding: 1, dataset: 'validation' }), undefined);
    assert.equal(readPageToHealth({ type: 'gallery', finding: '1', dataset: 'train' }), undefined);
  });
});

describe('image size distributions', () => {
  it('counts each dataset\'s images by longest side and aspect ratio, at the service\'s limits', () => {
    const b = { label: 'a', left: 1, top: 1, width: 5, height: 5 };
    const train = healthLines([
      od('s3://b/1.jpg', { width: 800, height: 600 }, [b]), // 641..1280, 1.33:1
      od('s3://b/2.jpg', { width: 50, height: 50 }, [b]), // shorter side under 64, square
      od('s3://b/3.jpg', { width: 5000, height: 200 }, [b]), // over 4096, 25:1
      cls('s3://b/4.jpg', ['x']), // no size: left out
    ]);
    const test = healthLines([od('s3://b/5.jpg', { width: 2000, height: 1000 }, [b])]); // 1281..4096, 2:1
    const d = distributions([['train', train], ['test', test]]);
    assert.deepEqual(d.longestSide.map((x) => [x.label, x.train, x.test, x.outside]), [
      ['shorter side under 64 px', 1, 0, true],
      ['64 to 640 px', 0, 0, false],
      ['641 to 1280 px', 1, 0, false],
      ['1281 to 4096 px', 0, 1, false],
      ['over 4096 px', 1, 0, true],
    ]);
    assert.deepEqual(d.aspectRatio.map((x) => [x.label, x.train, x.test]), [
      ['square (under 1.05:1)', 1, 0],
      ['1.05 to 1.5:1', 1, 0],
      ['1.5 to 2:1', 0, 0],
      ['2 to 20:1', 0, 1],
      ['over 20:1', 1, 0],
    ]);
  });
});

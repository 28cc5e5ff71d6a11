import * as assert from 'node:assert/strict';
import { isManifestPath, looksLikeJsonLines } from '../../../src/manifest/sniff';
import { describeTotals, formatPercent } from '../../../src/manifest/summary';
import type { ManifestStats } from '../../../src/manifest/types';

describe('manifest detection', () => {
  it('takes a file whose first non-blank character opens an object', () => {
    assert.equal(looksLikeJsonLines('{"source-ref":"s3://b/k.jpg"}\n'), true);
    assert.equal(looksLikeJsonLines('\uFEFF\n  {"a":1}'), true);
  });
  it('leaves XML application manifests and other text alone', () => {
    assert.equal(looksLikeJsonLines('<?xml version="1.0" encoding="UTF-8"?>\n<assembly>'), false);
    assert.equal(looksLikeJsonLines('<assembly xmlns="urn:schemas-microsoft-com:asm.v1">'), false);
    assert.equal(looksLikeJsonLines('[1,2]'), false);
    assert.equal(looksLikeJsonLines('   '), false);
    assert.equal(looksLikeJsonLines(''), false);
  });
  it('looks only at *.manifest paths, in any case', () => {
    assert.equal(isManifestPath('/data/train.manifest'), true);
    assert.equal(isManifestPath('/data/App.MANIFEST'), true);
    assert.equal(isManifestPath('/data/train.manifest.bak'), false);
    assert.equal(isManifestPath('/data/train.jsonl'), false);
  });
});

describe('manifest totals', () => {
  const stats = (over: Partial<ManifestStats>): ManifestStats => ({
    lines: 0,
    entries: 0,
    invalidLines: 0,
    invalidPercent: 0,
    labels: new Map(),
    buckets: new Map(),
    errors: 0,
    warnings: 0,
    ...over,
  });

  it('formats shares next to the 20% threshold', () => {
    assert.equal(formatPercent(0), '0');
    assert.equal(formatPercent(0.04), '<0.1');
    assert.equal(formatPercent(12.345), '12.3');
  });
  it('says lines, labels and the invalid share, and judges health against 20%', () => {
    const ok = describeTotals(stats({ lines: 12000, labels: new Map([['cat', 3], ['dog', 2]]) }));
    assert.equal(ok.text, '12,000 lines · 2 labels · 0% invalid');
    assert.equal(ok.health, 'ok');
    const some = describeTotals(stats({ lines: 10, invalidLines: 1, invalidPercent: 10, errors: 1 }));
    assert.equal(some.health, 'warning');
    assert.match(some.detail, /^1 invalid line;/);
    const many = describeTotals(stats({ lines: 1, invalidLines: 1, invalidPercent: 100, errors: 3, labels: new Map([['x', 1]]) }));
    assert.equal(many.text, '1 line · 1 label · 100.0% invalid');
    assert.equal(many.health, 'error');
  });
});

import { docsUrlFor } from '../../../src/manifest/docs';

describe('links to the developer guide', () => {
  it('links per-line service codes to their own anchor', () => {
    assert.equal(
      docsUrlFor('ERROR_INVALID_BOUNDING_BOX'),
      'https://docs.aws.amazon.com/rekognition/latest/customlabels-dg/tm-debugging-json-line-errors.html#tm-error-ERROR_INVALID_BOUNDING_BOX',
    );
  });
  it('links terminal codes to the terminal errors page and our own codes nowhere', () => {
    assert.match(docsUrlFor('ERROR_TOO_MANY_RECORDS_IN_ERROR') ?? '', /tm-debugging\.html$/);
    assert.equal(docsUrlFor('CL_DUPLICATE_SOURCE_REF'), undefined);
  });
});

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
    terminalLines: 0,
    terminalPercent: 0,
    nonTerminalLines: 0,
    nonTerminalPercent: 0,
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
  it('says lines, labels and the two shares, each at its stage, and judges health against 20%', () => {
    const ok = describeTotals(stats({ lines: 12000, labels: new Map([['cat', 3], ['dog', 2]]) }));
    assert.equal(ok.text, '12,000 lines · 2 labels · 0% dropped · 0% with errors');
    assert.equal(ok.health, 'ok');
    const some = describeTotals(stats({ lines: 10, terminalLines: 1, terminalPercent: 10, errors: 1 }));
    assert.equal(some.health, 'warning');
    assert.equal(some.label, '10 lines · 0 labels');
    assert.equal(some.detail, '10.0% dropped · 0% with errors');
    const dropped = describeTotals(stats({ lines: 1, terminalLines: 1, terminalPercent: 100, errors: 3, labels: new Map([['x', 1]]) }));
    assert.equal(dropped.text, '1 line · 1 label · 100.0% dropped · 0% with errors');
    assert.equal(dropped.health, 'error');
    // Lines imported with errors never fail an import, but too many fail training: still an error.
    const training = describeTotals(stats({ lines: 4, nonTerminalLines: 2, nonTerminalPercent: 50, errors: 2 }));
    assert.equal(training.text, '4 lines · 0 labels · 0% dropped · 50.0% with errors');
    assert.equal(training.health, 'error');
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
  it('links each code to the page of the stage that reports it, warnings to their own anchors, our own codes nowhere', () => {
    const guide = 'https://docs.aws.amazon.com/rekognition/latest/customlabels-dg';
    assert.equal(
      docsUrlFor('ERROR_TOO_MANY_RECORDS_IN_ERROR'),
      `${guide}/debugging-datasets-terminal-errors.html#md-error-status-ERROR_TOO_MANY_RECORDS_IN_ERROR`,
    );
    assert.equal(
      docsUrlFor('ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST'),
      `${guide}/tm-debugging-aggregate-errors.html#tm-error-ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST`,
    );
    assert.equal(
      docsUrlFor('ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS'),
      `${guide}/tm-debugging-aggregate-errors.html#tm-error-ERROR_IMAGES_IN_MULTIPLE_S3_BUCKETS`,
    );
    assert.equal(docsUrlFor('WARNING_NO_ANNOTATIONS'), `${guide}/tm-debugging-json-line-errors.html#tm-warning-WARNING_NO_ANNOTATIONS`);
    assert.equal(docsUrlFor('CL_DUPLICATE_SOURCE_REF'), undefined);
  });
});

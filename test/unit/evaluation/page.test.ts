/** The Evaluation view, pure side: the rows of a summary file, the one sort order, the page's HTML (escaped labels, strict CSP, a table). */
import * as assert from 'node:assert/strict';
import { evaluationHtml } from '../../../src/evaluation/page-html';
import { evaluationModel, sortRows } from '../../../src/evaluation/page-model';

/** A summary file in the guide's format (im-summary-file), read with JSON.parse as any tool would. */
const FILE = JSON.stringify({
  Version: 1,
  EvaluationDetails: { NumberOfTrainingImages: 160, NumberOfTestingImages: 40, Labels: ['cat', 'dog', '<b>bird</b>'] },
  AggregatedEvaluationResults: { Metrics: { F1Score: 0.8, Precision: 0.82, Recall: 0.78 } },
  LabelEvaluationResults: [
    { Label: 'dog', NumberOfTestingImages: 15, Metrics: { Threshold: 0.5, Precision: 0.9, Recall: 0.9, F1Score: 0.9 } },
    { Label: 'cat', NumberOfTestingImages: 20, Metrics: { Threshold: 0.4, Precision: 0.8, Recall: 0.7, F1Score: 0.7467 } },
    { Label: '<b>bird</b>', NumberOfTestingImages: 5, Metrics: { Threshold: 0.6, Precision: 0.7, Recall: 0.8, F1Score: 0.7467 } },
  ],
});

type Row = { Label: string; NumberOfTestingImages: number; Metrics: { Threshold: number; Precision: number; Recall: number; F1Score: number } };

function summaryOf(text: string) {
  const f = JSON.parse(text) as { EvaluationDetails: { NumberOfTrainingImages: number; NumberOfTestingImages: number }; AggregatedEvaluationResults: { Metrics: { F1Score: number; Precision: number; Recall: number } }; LabelEvaluationResults: Row[] };
  return {
    labels: f.LabelEvaluationResults.map((r) => ({ label: r.Label, testImages: r.NumberOfTestingImages, threshold: r.Metrics.Threshold, precision: r.Metrics.Precision, recall: r.Metrics.Recall, f1: r.Metrics.F1Score })),
    f1: f.AggregatedEvaluationResults.Metrics.F1Score,
    precision: f.AggregatedEvaluationResults.Metrics.Precision,
    recall: f.AggregatedEvaluationResults.Metrics.Recall,
    trainingImages: f.EvaluationDetails.NumberOfTrainingImages,
    testingImages: f.EvaluationDetails.NumberOfTestingImages,
  };
}

describe('Evaluation view: the page model and its HTML', () => {
  const model = evaluationModel(summaryOf(FILE), 'birds v1 <evaluation>');

  it('a row per label of the file, in its order, each number with three places', () => {
    assert.deepEqual(model.rows.map((r) => r.label), ['dog', 'cat', '<b>bird</b>']);
    const cat = model.rows[1]!;
    assert.deepEqual([cat.cells.f1.text, cat.cells.precision.text, cat.cells.recall.text, cat.cells.threshold.text, cat.cells.testImages.text], ['0.747', '0.800', '0.700', '0.400', '20']);
    assert.equal(model.overall, 'F1 score 0.800 · precision 0.820 · recall 0.780 · 40 test images · 160 training images · 3 labels');
  });

  it('sorts by a number column by value, ties in the file\'s order, either way round; labels by text', () => {
    const byF1 = (asc: boolean) => sortRows(model.rows, 'f1', asc).map((r) => r.label);
    // Independently: the file's rows sorted by F1 with a stable sort.
    const file = (JSON.parse(FILE) as { LabelEvaluationResults: Row[] }).LabelEvaluationResults;
    const expectedAsc = [...file].sort((a, b) => a.Metrics.F1Score - b.Metrics.F1Score).map((r) => r.Label);
    assert.deepEqual(byF1(true), expectedAsc);
    assert.deepEqual(byF1(true), ['cat', '<b>bird</b>', 'dog'], 'the tie keeps the file order');
    assert.deepEqual(byF1(false), ['dog', 'cat', '<b>bird</b>']);
    assert.deepEqual(sortRows(model.rows, 'testImages', true).map((r) => r.label), ['<b>bird</b>', 'dog', 'cat']);
    assert.deepEqual(sortRows(model.rows, 'label', true).map((r) => r.label), ['<b>bird</b>', 'cat', 'dog']);
  });

  it('the page: escaped labels and title, a strict CSP, sortable headers, bars without style attributes', () => {
    const html = evaluationHtml({ model, nonce: 'n0nce', script: 'https://x/dist/webview/evaluation.js' });
    assert.ok(!html.includes('<b>bird'), 'no raw markup from a label');
    assert.ok(html.includes('&lt;b&gt;bird&lt;/b&gt;'));
    assert.ok(html.includes('birds v1 &lt;evaluation&gt;'));
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(csp, "default-src 'none'; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';");
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /\sstyle="/);
    for (const h of ['Label', 'F1 score', 'Precision', 'Recall', 'Threshold', 'Test images']) assert.match(html, new RegExp(`<button class="sort"[^>]*>${h}</button>`));
    assert.match(html, /<td class="num" data-col="f1" data-value="0.7467">0.747<\/td>/);
    assert.match(html, /var\(--vscode-charts-green\)/);
  });

  it('with the snapshot\'s counts: each label\'s true/false positives and false negatives, each a button naming its label and outcome; no counts, no such column', () => {
    const counts = new Map([['cat', { tp: 14, fp: 3, fn: 6 }], ['<b>bird</b>', { tp: 4, fp: 2, fn: 1 }]]);
    const counted = evaluationModel(summaryOf(FILE), 'birds v1', counts);
    const html = evaluationHtml({ model: counted, nonce: 'n0nce', script: 'https://x/dist/webview/evaluation.js' });
    for (const h of ['True positives', 'False positives', 'False negatives']) assert.match(html, new RegExp(`<th scope="col">${h}</th>`));
    assert.match(html, /<button class="mistakes" type="button" data-outcome="fp" data-label="cat" aria-label="3 false positives of cat: show them in the gallery">3<\/button>/);
    assert.match(html, /data-outcome="fn" data-label="&lt;b&gt;bird&lt;\/b&gt;"[^>]*>1<\/button>/);
    // dog has no count in the snapshot: zeros, still a row of the file.
    assert.match(html, /data-outcome="tp" data-label="dog"[^>]*>0<\/button>/);
    assert.match(html, /<button id="show-mistakes" type="button">Show Mistakes in Gallery<\/button>/);
    assert.ok(!html.includes('<b>bird'), 'no raw markup from a label');
    const plain = evaluationHtml({ model, nonce: 'n0nce', script: 'https://x/dist/webview/evaluation.js' });
    assert.doesNotMatch(plain, /<button class="mistakes"|<button id="show-mistakes"|True positives/);
  });
});

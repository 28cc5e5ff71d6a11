/**
 * The Dataset Health view's HTML: the report of src/health in four parts, beside the label
 * statistics' style (tables a screen reader reads, bars in the theme's chart colours, widths set
 * by the script: the CSP blocks style attributes): duplicates and look-alikes (the train/test
 * leaks first), balance per label (images and boxes, the imbalance ratio), boxes, image sizes and
 * aspect ratios as distributions. Every finding with its numbers, what to do, and a button per
 * dataset showing its entries in the gallery. The head and its strict CSP are the webview kit's
 * (../webview/head.ts); every manifest text (labels, source-refs in messages) is HTML-escaped.
 * Pure (no `vscode`): unit-tested as a string.
 */
import { escapeHtml } from '../webview/html';
import { pageDocument } from '../webview/head';
import type { DatasetName, HealthCode, HealthFinding, HealthReport } from '../health';
import type { LabelStats } from '../training';
import type { Bucket, Distributions } from './distributions';

export interface HealthPage {
  title: string;
  report: HealthReport;
  labels: LabelStats;
  sizes: Distributions;
  nonce: string;
  /** The webview URI of dist/webview/dataset-health.js. */
  script: string;
}

/** The findings of each part, in the order shown (the leaks first). */
export const PARTS: ReadonlyArray<{ id: string; title: string; codes: readonly HealthCode[]; none: string }> = [
  { id: 'duplicates', title: 'Duplicates and look-alikes', codes: ['CL_HEALTH_TRAIN_TEST_LEAK', 'CL_HEALTH_NEAR_TRAIN_TEST_LEAK', 'CL_HEALTH_DUPLICATE_IMAGE', 'CL_HEALTH_NEAR_DUPLICATE'], none: 'No image is on two lines, no two images look the same, no image is in both datasets.' },
  { id: 'labels', title: 'Balance per label', codes: ['CL_HEALTH_FEW_IMAGES', 'CL_HEALTH_LABEL_IMBALANCE', 'CL_HEALTH_LABEL_ONLY_IN_TEST', 'CL_HEALTH_LABEL_SPLIT', 'CL_HEALTH_TEST_LABEL_OVER_MAXIMUM'], none: 'Nothing to report on the labels.' },
  { id: 'boxes', title: 'Boxes', codes: ['CL_HEALTH_SMALL_BOXES', 'CL_HEALTH_IMAGE_SIZED_BOXES', 'CL_HEALTH_MANY_BOXES'], none: 'No box too small, none covering its whole image, no image near the 50-box limit.' },
  { id: 'sizes', title: 'Image sizes', codes: ['CL_HEALTH_IMAGE_SIZES', 'CL_HEALTH_IMAGE_UNREADABLE'], none: 'No image size is known (no image was read, no line declares one).' },
];

const STYLE = `
  table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
  th, td { padding: 2px 8px; text-align: left; border-bottom: 1px solid var(--vscode-panel-border); }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  td.bars { width: 40%; }
  .bar { display: block; height: 6px; margin: 2px 0; width: 0; }
  .bar.train { background: var(--vscode-charts-blue); }
  .bar.test { background: var(--vscode-charts-orange); }
  .legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; }
  .legend .train { background: var(--vscode-charts-blue); } .legend .test { background: var(--vscode-charts-orange); }
  .finding { border-left: 3px solid var(--vscode-charts-blue); padding: 2px 10px; margin: 8px 0; }
  .finding.error { border-color: var(--vscode-errorForeground); }
  .finding.warning { border-color: var(--vscode-charts-yellow); }
  .finding h4 { margin: 4px 0; font-weight: 600; }
  .finding p { margin: 4px 0; }
  .numbers { color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
  tr.outside th { color: var(--vscode-errorForeground); }
  button.gallery { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 2px 8px; margin-right: 6px; cursor: pointer; font: inherit; }
  button.gallery:hover { background: var(--vscode-button-secondaryHoverBackground); }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
  .visually-hidden { position: absolute; left: -10000px; }
`;

const DATASET: Record<DatasetName, string> = { train: 'training', test: 'test' };
const SEVERITY: Record<HealthFinding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Information' };

export function healthHtml(page: HealthPage): string {
  const { report } = page;
  const hasTest = report.images.test !== undefined;
  const count = (s: HealthFinding['severity']) => report.findings.filter((f) => f.severity === s).length;
  const sets = (['train', 'test'] as const)
    .filter((d) => report.images[d])
    .map((d) => `${DATASET[d]}: ${plural(report.images[d]!.images, 'image')} (${report.images[d]!.fingerprinted} read)`)
    .join('; ');
  const summary = `${sets}. ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} information.`;
  const parts = PARTS.map((part) => {
    const findings = report.findings
      .map((f, index) => ({ f, index }))
      .filter(({ f }) => part.codes.includes(f.code))
      .sort((a, b) => part.codes.indexOf(a.f.code) - part.codes.indexOf(b.f.code));
    const table = part.id === 'labels' ? labelTable(page.labels, hasTest) : part.id === 'boxes' ? boxTable(report, hasTest) : part.id === 'sizes' ? sizeTables(page.sizes, hasTest) : '';
    const body = findings.map(({ f, index }) => finding(f, index)).join('\n');
    return `<section id="${part.id}" aria-labelledby="${part.id}-title">
<h3 id="${part.id}-title">${escapeHtml(part.title)}</h3>
${table}
${body || `<p class="none">${escapeHtml(part.none)}</p>`}
</section>`;
  }).join('\n');
  return pageDocument({
    title: page.title,
    nonce: page.nonce,
    style: STYLE,
    script: page.script,
    body: `
<h2>${escapeHtml(page.title)}</h2>
<p id="summary">${escapeHtml(summary)}<span class="legend" aria-hidden="true"><span class="train"></span>training${hasTest ? '<span class="test"></span>test' : ''}</span></p>
${parts}`,
  });
}

function finding(f: HealthFinding, index: number): string {
  const numbers = Object.entries(f.numbers).map(([k, v]) => `${words(k)} ${v}`).join(' · ');
  const buttons = (['train', 'test'] as const)
    .filter((d) => f.lines[d])
    .map((d) => {
      const n = f.lines[d]!.length;
      const text = n === 0 ? `Show the ${DATASET[d]} dataset in the gallery` : `Show ${n === 1 ? 'the' : `the ${n}`} ${DATASET[d]} ${n === 1 ? 'entry' : 'entries'} in the gallery`;
      return `<button class="gallery" data-finding="${index}" data-dataset="${d}">${text}</button>`;
    })
    .join('');
  return `<article class="finding ${f.severity}" data-code="${f.code}">
<h4>${SEVERITY[f.severity]}: <code>${f.code}</code></h4>
<p class="message">${escapeHtml(f.message)}</p>
<p class="numbers">${escapeHtml(numbers)}</p>
<p class="action"><strong>What to do:</strong> ${escapeHtml(f.action)}</p>
${buttons ? `<p class="links">${buttons}</p>` : ''}
</article>`;
}

/** A table with a bar per dataset: rows of [header, train, test, outside the limits?]. */
function barTable(id: string, caption: string, first: string, rows: Array<[string, number, number, boolean]>, hasTest: boolean): string {
  const max = Math.max(1, ...rows.map(([, a, b]) => Math.max(a, b)));
  const bar = (n: number, cls: string) => `<span class="bar ${cls}" data-share="${((n / max) * 100).toFixed(1)}"></span>`;
  const body = rows
    .map(([name, train, test, outside]) => `<tr${outside && train + test > 0 ? ' class="outside"' : ''}><th scope="row">${escapeHtml(name)}</th><td class="bars" aria-hidden="true">${bar(train, 'train')}${hasTest ? bar(test, 'test') : ''}</td><td class="num">${train}</td>${hasTest ? `<td class="num">${test}</td>` : ''}</tr>`)
    .join('\n');
  return `<table id="${id}">
<caption class="visually-hidden">${escapeHtml(caption)}</caption>
<thead><tr><th scope="col">${escapeHtml(first)}</th><th scope="col" aria-hidden="true">Chart</th><th scope="col">Training</th>${hasTest ? '<th scope="col">Test</th>' : ''}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

function labelTable(stats: LabelStats, hasTest: boolean): string {
  if (stats.rows.length === 0) return '';
  const max = Math.max(1, ...stats.rows.map((r) => Math.max(r.trainImages, r.testImages)));
  const bar = (n: number, cls: string) => `<span class="bar ${cls}" data-share="${((n / max) * 100).toFixed(1)}"></span>`;
  const trained = stats.rows.filter((r) => r.trainImages > 0);
  const ratio = trained.length >= 2 ? Math.round((trained[0]!.trainImages / trained[trained.length - 1]!.trainImages) * 10) / 10 : undefined;
  const rows = stats.rows
    .map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td class="bars" aria-hidden="true">${bar(r.trainImages, 'train')}${hasTest ? bar(r.testImages, 'test') : ''}</td>` +
      `<td class="num">${r.trainImages}</td><td class="num">${r.trainBoxes}</td>${hasTest ? `<td class="num">${r.testImages}</td><td class="num">${r.testBoxes}</td>` : ''}</tr>`)
    .join('\n');
  return `<p id="imbalance">${ratio === undefined ? 'Imbalance ratio: fewer than two labels in training.' : `Imbalance ratio (training images of the most and the least frequent label): ${ratio}:1 over ${trained.length} labels.`}</p>
<table id="label-table">
<caption class="visually-hidden">Images and boxes per label</caption>
<thead><tr><th scope="col">Label</th><th scope="col" aria-hidden="true">Chart</th><th scope="col">Training images</th><th scope="col">Training boxes</th>${hasTest ? '<th scope="col">Test images</th><th scope="col">Test boxes</th>' : ''}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function boxTable(report: HealthReport, hasTest: boolean): string {
  const of = (code: HealthCode, d: DatasetName, key: string) => report.findings.find((f) => f.code === code && f.lines[d] !== undefined)?.numbers[key] ?? 0;
  const row = (name: string, code: HealthCode, key: string, outside: boolean): [string, number, number, boolean] => [name, of(code, 'train', key), of(code, 'test', key), outside];
  return barTable('box-table', 'Boxes and images by kind', 'Boxes', [
    row('Boxes at most 1 px on a side at 1280 px (rejected)', 'CL_HEALTH_SMALL_BOXES', 'under1px', true),
    row('Boxes under 4 px on a side at 1280 px', 'CL_HEALTH_SMALL_BOXES', 'underFewPx', false),
    row('Boxes covering 95% of their image or more', 'CL_HEALTH_IMAGE_SIZED_BOXES', 'boxes', false),
    row('Images with 45 boxes or more (of 50)', 'CL_HEALTH_MANY_BOXES', 'images', false),
  ], hasTest);
}

function sizeTables(sizes: Distributions, hasTest: boolean): string {
  const rows = (bs: Bucket[]) => bs.map((b): [string, number, number, boolean] => [b.label, b.train, b.test, b.outside]);
  return barTable('side-table', 'Images by longest side', 'Longest side', rows(sizes.longestSide), hasTest) + '\n' + barTable('aspect-table', 'Images by aspect ratio', 'Aspect ratio', rows(sizes.aspectRatio), hasTest);
}

/** "trainLines" to "train lines". */
function words(key: string): string {
  return key.replace(/([a-z])([A-Z0-9])/g, '$1 $2').toLowerCase();
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

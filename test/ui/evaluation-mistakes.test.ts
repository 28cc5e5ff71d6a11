/**
 * Issue #24, the gallery of mistakes: an object-detection model trained on the sandbox (Train
 * Model from the project's menu), Show Evaluation on its row, a click on a label's false
 * positives: the gallery opens on the evaluation manifest snapshot filtered to them, each card
 * with its predicted boxes dashed (with their confidence) and its true boxes solid; a click on a
 * card reveals its line in the local manifest holding its source-ref. What must be shown (which
 * images, how many false positives, the boxes of each card) is computed here from the snapshot
 * file the sandbox wrote and the summary file's thresholds: JSON.parse and this file's own IoU
 * >= 0.5 matching, nothing of the extension's. The README's screenshots of the evaluation view
 * and of the gallery of mistakes are taken here (media/evaluation.png, media/mistakes.png).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { writeDemoImages } from '../../src/sandbox/demo/images';
import { closeEditors } from './actions';
import { activeTabLabel, answerDialog, cursorPosition, page, press, sidebarRows, type, until, waitForQuickInput, webview } from './driver';
import { chooseFromMenu, openContextMenuOf, showExplorer, showFileExplorer } from './explorer-actions';
import { session } from './session';

const PROJECT = 'ui-mistakes';
const BUCKET = 'demo-bucket';
const OUTPUT = `s3://custom-labels-ui/mistakes/`;
const LOCAL = 'datasets/mistakes-test.manifest';
const TEST_IMAGES = 30;

interface Box { label: string; left: number; top: number; width: number; height: number }

/** The demo's street picture i (0..9): the boxes drawn in it (src/sandbox/demo/manifest.ts's lines). */
function streetBoxes(i: number): Box[] {
  const boxes: Box[] = [{ label: i % 2 === 0 ? 'car' : 'bicycle', left: 40 + i * 10, top: 60, width: 200, height: 150 }];
  if (i % 3 === 0) boxes.push({ label: 'car', left: 400, top: 300, width: 120, height: 90 });
  return boxes;
}

function line(ref: string, boxes: Box[]): string {
  const names = [...new Set(boxes.map((b) => b.label))];
  return JSON.stringify({
    'source-ref': ref,
    vehicles: { image_size: [{ width: 800, height: 600, depth: 3 }], annotations: boxes.map((b) => ({ class_id: names.indexOf(b.label), left: b.left, top: b.top, width: b.width, height: b.height })) },
    'vehicles-metadata': { objects: boxes.map(() => ({ confidence: 1 })), 'class-map': Object.fromEntries(names.map((n, i) => [String(i), n])), type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': '2024-05-01T10:00:00.000Z' },
  });
}

const TRAIN = Array.from({ length: 40 }, (_, k) => line(`s3://${BUCKET}/mistakes/train-${k}.jpg`, streetBoxes(k % 10)));
const TEST = Array.from({ length: TEST_IMAGES }, (_, k) => line(`s3://${BUCKET}/mistakes/test-${k}.jpg`, streetBoxes(k % 10)));

function find(dir: string, name: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? find(full, name) : name.test(e.name) ? [full] : [];
  });
}

interface Judged { ref: string; truth: Box[]; predicted: Array<Box & { confidence: number; fp: boolean }> }

/**
 * The snapshot's test images judged here: a prediction counts at or above its label's threshold
 * (the summary file's); most confident first, it takes the unmatched true box of its label it
 * overlaps by IoU >= 0.5, else it is a false positive.
 */
function judge(snapshotText: string, thresholds: Map<string, number>): Judged[] {
  const iou = (a: Box, b: Box) => {
    const w = Math.max(0, Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left));
    const h = Math.max(0, Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top));
    return (w * h) / (a.width * a.height + b.width * b.height - w * h);
  };
  type Ann = { class_id: number; left: number; top: number; width: number; height: number };
  return snapshotText.split('\n').filter((l) => l.trim() !== '').map((text) => {
    const json = JSON.parse(text) as Record<string, { annotations: Ann[] } & { 'class-map': Record<string, string>; objects: Array<{ confidence: number }> }>;
    const boxes = (key: string) => json[key]!.annotations.map((a) => ({ label: json[`${key}-metadata`]!['class-map'][String(a.class_id)]!, left: a.left, top: a.top, width: a.width, height: a.height }));
    const truth = boxes('rekognition-custom-labels-training-0');
    const confidences = json['rekognition-custom-labels-evaluation-metadata']!.objects.map((o) => o.confidence);
    const all = boxes('rekognition-custom-labels-evaluation').map((b, i) => ({ ...b, confidence: confidences[i]!, fp: false }));
    const predicted = all.filter((p) => p.confidence >= thresholds.get(p.label)!).sort((a, b) => b.confidence - a.confidence);
    const used = new Set<number>();
    for (const p of predicted) {
      const j = truth.findIndex((t, k) => !used.has(k) && t.label === p.label && iou(p, t) >= 0.5);
      if (j >= 0) used.add(j);
      else p.fp = true;
    }
    return { ref: String((json as unknown as Record<string, unknown>)['source-ref']), truth, predicted };
  });
}

interface Card { ref: string; line: number; dashed: string[]; solid: number; fp: string[]; loaded: boolean }

async function cards(view: FrameLocator): Promise<Card[]> {
  return view.locator('.card').evaluateAll((els) =>
    els.map((e) => {
      const el = e as unknown as { getAttribute(n: string): string | null; querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
      return {
        ref: el.getAttribute('aria-label') ?? '',
        line: Number(el.getAttribute('data-line')),
        dashed: Array.from(el.querySelectorAll('.box.pred text.label')).map((t) => t.textContent ?? ''),
        solid: el.querySelectorAll('.box:not(.pred)').length,
        fp: Array.from(el.querySelectorAll('.box.pred.fp text.label')).map((t) => t.textContent ?? ''),
        loaded: el.querySelectorAll('image.loaded').length === 1,
      };
    }),
  );
}

/** A README picture: the element's screenshot (quantized for the README by hand: see the README's Packages section). */
async function shoot(locator: Locator, name: string): Promise<void> {
  const { shotsDir } = session();
  fs.mkdirSync(shotsDir, { recursive: true });
  await locator.screenshot({ path: path.join(shotsDir, `${name}.png`) });
}

describe('UI: the gallery of mistakes from the evaluation view', () => {
  before(async () => {
    const { service, s3Root, workspace } = session();
    // The test images are the demo's street pictures (their boxes are the lines' boxes).
    await writeDemoImages(s3Root);
    for (let k = 0; k < TEST_IMAGES; k++) {
      fs.mkdirSync(path.join(s3Root, BUCKET, 'mistakes'), { recursive: true });
      fs.copyFileSync(path.join(s3Root, BUCKET, 'images', `street-${String((k % 10) + 1).padStart(3, '0')}.jpg`), path.join(s3Root, BUCKET, 'mistakes', `test-${k}.jpg`));
    }
    fs.mkdirSync(path.join(workspace, 'datasets'), { recursive: true });
    fs.writeFileSync(path.join(workspace, LOCAL), TEST.join('\n') + '\n');
    const arn = await service.createProject(PROJECT);
    const trainArn = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
    const testArn = await service.createDataset(arn, 'TEST', { kind: 'empty' });
    await Promise.all([service.waitForStatus(trainArn), service.waitForStatus(testArn)]);
    await service.pushEntries(trainArn, TRAIN);
    await service.pushEntries(testArn, TEST);
  });
  after(async () => {
    await closeEditors();
    await showFileExplorer();
    fs.rmSync(path.join(session().workspace, LOCAL), { force: true });
  });

  it("a label's false positives open the gallery filtered to them, predicted boxes dashed beside the true ones; a card reveals its local line", async () => {
    await showExplorer(PROJECT);
    await openContextMenuOf(PROJECT);
    await chooseFromMenu('Train Model');
    await waitForQuickInput('the version name');
    await press('Enter');
    await until('the output location question', async () => (/s3:\/\/bucket\/prefix/.test((await page().locator('.quick-input-widget').textContent()) ?? '') ? true : undefined));
    await press('Control+A');
    await type(OUTPUT);
    await press('Enter');
    await answerDialog('Train');
    await until('the v1 row with its F1 score', async () => {
      const rows = await sidebarRows();
      const at = rows.findIndex((r) => r.label === PROJECT);
      const row = at < 0 ? undefined : rows.slice(at + 1, at + 6).find((r) => r.label === 'v1');
      return row && /F1 \d\.\d{3}/.test(row.description) ? row : undefined;
    }, async () => JSON.stringify(await sidebarRows()), 30_000);

    // What the files the sandbox wrote say, judged here.
    const root = path.join(session().s3Root, 'custom-labels-ui', 'mistakes');
    const [summaryFile] = find(root, /^EvaluationSummary-ui-mistakes-v1\.json$/);
    const [snapshotFile] = find(root, /^testing_manifest_snapshot\.manifest$/);
    assert.ok(summaryFile && snapshotFile, 'the summary file and the snapshot training wrote');
    const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as { LabelEvaluationResults: Array<{ Label: string; Metrics: { Threshold: number } }> };
    const thresholds = new Map(summary.LabelEvaluationResults.map((r) => [r.Label, r.Metrics.Threshold]));
    const judged = judge(fs.readFileSync(snapshotFile, 'utf8'), thresholds);
    assert.equal(judged.length, TEST_IMAGES);
    const fpOf = (label: string) => judged.flatMap((j) => j.predicted.filter((p) => p.fp && p.label === label));
    // The label with the most false positives (the stand-in is seeded by the version: the same every run).
    const label = ['bicycle', 'car'].sort((a, b) => fpOf(b).length - fpOf(a).length)[0]!;
    const fps = fpOf(label).length;
    assert.ok(fps > 0, 'the stand-in model makes false positives');
    const images = judged.filter((j) => j.predicted.some((p) => p.fp && p.label === label));

    await openContextMenuOf(PROJECT, 'v1');
    await chooseFromMenu('Show Evaluation');
    const evaluation = await webview(`${PROJECT} v1: evaluation`);
    const button = evaluation.locator(`tr:has(th[data-value="${label}"]) button.mistakes[data-outcome="fp"]`);
    await until(`the false positives of ${label} in its row`, async () => ((await button.count()) === 1 ? true : undefined));
    assert.equal((await button.textContent())?.trim(), String(fps), `${label}'s false positives`);
    await shoot(evaluation.locator('body'), 'evaluation');
    await button.click();

    const view = await webview(`Mistakes of ${PROJECT} v1`);
    let last: Card[] = [];
    const shown = await until(`the ${images.length} image(s) with false positives of ${label}, their pictures loaded`, async () => {
      last = await cards(view);
      const count = ((await view.locator('#count').textContent()) ?? '').trim();
      return count === `${images.length} of ${TEST_IMAGES} test images` && last.length === images.length && last.every((c) => c.loaded) ? last : undefined;
    }, async () => `${await view.locator('#count').textContent()} ${JSON.stringify(last)}`);
    assert.equal(await view.locator('#fp').isChecked(), true, 'the false positives filter is on');
    assert.equal(((await view.locator('#fp-count').textContent()) ?? '').trim(), `(${fps})`);
    assert.deepEqual(await view.locator('#label').evaluate((s) => Array.from((s as unknown as { selectedOptions: ArrayLike<{ value: string }> }).selectedOptions).map((o) => o.value)), [label]);
    assert.deepEqual(shown.map((c) => c.ref).sort(), images.map((j) => j.ref).sort(), 'the images with false positives of the label');
    for (const c of shown) {
      const j = judged.find((x) => x.ref === c.ref)!;
      const pct = (p: { label: string; confidence: number }) => `${p.label} ${(p.confidence * 100).toFixed(1)}%`;
      assert.deepEqual([...c.dashed].sort(), j.predicted.map(pct).sort(), `${c.ref}: each prediction dashed with its confidence`);
      assert.deepEqual([...c.fp].sort(), j.predicted.filter((p) => p.fp).map(pct).sort(), `${c.ref}: its false positives`);
      assert.equal(c.solid, j.truth.length, `${c.ref}: its true boxes, solid`);
    }
    await shoot(view.locator('body'), 'mistakes');

    // A card reveals its line in the local manifest that holds its source-ref.
    const target = shown[0]!;
    const localLine = TEST.findIndex((l) => l.includes(JSON.stringify(target.ref))) + 1;
    await view.locator(`.card[data-line="${target.line}"]`).click();
    await until(`line ${localLine} of ${LOCAL}`, async () => ((await cursorPosition()) === `Ln ${localLine}, Col 1` && (await activeTabLabel()).startsWith('mistakes-test.manifest') ? true : undefined), async () => `status bar "${await cursorPosition()}", tab "${await activeTabLabel()}"`);
  });
});

/**
 * Issue #24, "Use the model": a model version trained and started on the sandbox; the preview of
 * a manifest line (the first test image the model finds two boxes in at 50% or more); "Detect Labels with This Model" from the palette draws the model's predicted
 * boxes dashed over the ground truth with their confidence; the minimum-confidence slider, moved
 * with the keyboard above the lowest confidence shown, hides that box, without calling the model
 * again. With no model running, the command offers the stopped one to start (Start Model asks
 * first, saying the billing), then detects. The expected boxes and confidences are the sandbox's own answer, read here through the
 * SDK (DetectCustomLabels, MinConfidence 0, the same S3 object): not the extension's.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DetectCustomLabelsCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import type { FrameLocator } from 'playwright-core';
import { encodePng } from '../../src/sandbox/demo/png';
import { closeEditors, openManifestFile } from './actions';
import { answerDialog, goTo, page, pick, press, runCommand, screenshot, sidebarRows, until, webview } from './driver';
import { chooseFromMenu, openContextMenuOf, showExplorer, showFileExplorer } from './explorer-actions';
import { session } from './session';

const PROJECT = 'ui-detect';
const BUCKET = 'custom-labels-ui';
const FILE = 'datasets/detect.manifest';
const SIZE = { width: 400, height: 300 };

function boxes(i: number) {
  return [
    { label: 'car', left: 20 + (i % 5) * 10, top: 25, width: 100, height: 75 },
    { label: 'bike', left: 200, top: 150 - (i % 4) * 5, width: 80, height: 60 },
  ];
}

function line(key: string, i: number): string {
  const b = boxes(i);
  const names = ['car', 'bike'];
  return JSON.stringify({
    'source-ref': `s3://${BUCKET}/${key}`,
    traffic: { image_size: [{ ...SIZE, depth: 3 }], annotations: b.map((x) => ({ class_id: names.indexOf(x.label), left: x.left, top: x.top, width: x.width, height: x.height })) },
    'traffic-metadata': { objects: b.map(() => ({ confidence: 1 })), 'class-map': { '0': 'car', '1': 'bike' }, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00.000Z' },
  });
}

/** A PNG of one colour per image (their bytes differ). */
function writeImage(key: string, i: number): void {
  const file = path.join(session().s3Root, BUCKET, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const rgba = Buffer.alloc(SIZE.width * SIZE.height * 4);
  for (let p = 0; p < SIZE.width * SIZE.height; p++) rgba.set([40 + i * 5, 120, 200 - i * 5, 255], p * 4);
  fs.writeFileSync(file, encodePng(rgba, SIZE.width, SIZE.height));
}

const TRAIN = Array.from({ length: 20 }, (_, i) => `detect/train-${i}.png`);
const TEST = Array.from({ length: 12 }, (_, i) => `detect/test-${i}.png`);

interface Drawn {
  boxes: Array<{ text: string; dashed: boolean; confidence: number }>;
  slider: string;
}

async function drawn(view: FrameLocator): Promise<Drawn> {
  return view.locator('body').evaluate((body) => {
    type El = { textContent: string | null; getAttribute(n: string): string | null; querySelector(s: string): El | null; querySelectorAll(s: string): ArrayLike<El>; value?: string };
    const b = body as unknown as El;
    return {
      boxes: Array.from(b.querySelectorAll('svg#image #predictions g.prediction')).map((g) => ({
        text: (g.querySelector('text')?.textContent ?? '').trim(),
        dashed: (g.querySelector('rect')?.getAttribute('stroke-dasharray') ?? '') !== '',
        confidence: Number(g.getAttribute('data-confidence')),
      })),
      slider: b.querySelector('#min-confidence')?.value ?? '',
    };
  });
}

describe('UI: detect labels with a running model in the preview', () => {
  let expected: Array<{ name: string; confidence: number }> = [];
  /** The test line (0-based) whose image is detected. */
  let chosen = 0;

  before(async () => {
    const { service, sandbox } = session();
    [...TRAIN, ...TEST].forEach((k, i) => writeImage(k, i));
    const arn = await service.createProject(PROJECT);
    const trainArn = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
    const testArn = await service.createDataset(arn, 'TEST', { kind: 'empty' });
    await Promise.all([service.waitForStatus(trainArn), service.waitForStatus(testArn)]);
    await service.pushEntries(trainArn, TRAIN.map((k, i) => line(k, i)));
    await service.pushEntries(testArn, TEST.map((k, i) => line(k, i)));
    const versionArn = await service.trainModel(arn, 'v1', { bucket: BUCKET, prefix: 'detect-models/' });
    const status = async () => (await service.listModels(arn)).find((v) => v.arn === versionArn)?.status;
    await until('v1 trained on the sandbox', async () => ((await status()) === 'TRAINING_COMPLETED' ? true : undefined), async () => String(await status()), 30_000);
    await service.startModel(versionArn, 1);
    await until('v1 running on the sandbox', async () => ((await status()) === 'RUNNING' ? true : undefined), async () => String(await status()), 30_000);

    // The sandbox's own answers, through the SDK: the first test image with two predicted boxes at 50% or more.
    const client = new RekognitionClient({ region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    try {
      for (let i = 0; i < TEST.length && expected.filter((e) => e.confidence >= 50).length < 2; i++) {
        const out = await client.send(new DetectCustomLabelsCommand({ ProjectVersionArn: versionArn, Image: { S3Object: { Bucket: BUCKET, Name: TEST[i] } }, MinConfidence: 0 }));
        expected = (out.CustomLabels ?? []).filter((l) => l.Geometry?.BoundingBox).map((l) => ({ name: l.Name!, confidence: l.Confidence! }));
        chosen = i;
      }
    } finally {
      client.destroy();
    }
    fs.writeFileSync(path.join(session().workspace, FILE), `${TEST.map((k, i) => line(k, i)).join('\n')}\n`);
  });
  after(async () => {
    await closeEditors();
    await showFileExplorer();
  });

  it('draws the predicted boxes dashed with their confidence; the slider hides those under it without calling again', async () => {
    const shown = expected.filter((e) => e.confidence >= 50);
    assert.ok(shown.length >= 2, `the fixture: a test image with two predicted boxes at 50% or more: ${JSON.stringify(expected)}`);
    await showExplorer(PROJECT);
    await until('the v1 row running', async () => {
      const rows = await sidebarRows();
      const at = rows.findIndex((r) => r.label === PROJECT);
      return rows.slice(at + 1, at + 5).some((r) => r.label === 'v1' && /^running/.test(r.description)) ? true : undefined;
    }, async () => JSON.stringify(await sidebarRows()), 30_000);

    await openManifestFile(FILE);
    await goTo(chosen + 1, 1);
    const button = page().locator('.editor-group-container.active .editor-actions .action-label[aria-label^="Open Preview to the Side"]');
    await until('the "Open Preview to the Side" button', async () => ((await button.count()) ? true : undefined));
    await button.first().click();
    const view = await webview('Preview of detect.manifest');
    await until('the line\'s two boxes', async () => ((await view.locator('svg#image g.box').count()) === 2 ? true : undefined));

    const calls = () => session().sandbox.requests.filter((r) => r.operation === 'DetectCustomLabels').length;
    const before = calls();
    await runCommand('Custom Labels: Detect Labels with This Model');
    let seen: Drawn | undefined;
    const at50 = await until('the predicted boxes at 50% or more', async () => {
      seen = await drawn(view).catch(() => undefined);
      return seen && seen.boxes.length === shown.length ? seen : undefined;
    }, async () => JSON.stringify(seen), 30_000);
    assert.equal(calls(), before + 1, 'one DetectCustomLabels call');
    assert.equal(at50.slider, '50');
    assert.ok(at50.boxes.every((b) => b.dashed), 'dashed');
    assert.deepEqual(
      at50.boxes.map((b) => b.text).sort(),
      shown.map((e) => `${e.name} ${e.confidence.toFixed(1)}%`).sort(),
      'each box with its label and the confidence the model answered',
    );
    assert.equal(await view.locator('svg#image g.box').count(), 2, 'the ground truth stays');
    assert.match((await view.locator('#detect-note').textContent()) ?? '', /sandbox bills nothing/);
    await screenshot('detect-preview');

    // The slider, with the keyboard, to one above the lowest confidence shown (whole steps from 50).
    const lowest = Math.min(...shown.map((e) => e.confidence));
    const target = Math.floor(lowest) + 1;
    // A click on the thumb (the middle: 50%) takes the focus, as a person's does; then the arrows.
    const slider = view.locator('#min-confidence');
    await slider.click();
    const from = Number(await slider.inputValue());
    assert.ok(from <= target, `the click left the slider at ${from}`);
    // Step by step, watching the value, as a person does.
    for (let v = from; v < target; ) {
      await press('ArrowRight');
      const was = v;
      v = await until(`the slider past ${was}`, async () => {
        const now = Number(await slider.inputValue());
        return now > was ? now : undefined;
      });
    }
    const left = shown.filter((e) => e.confidence >= target);
    const after = await until(`the boxes at ${target}% or more only`, async () => {
      seen = await drawn(view).catch(() => undefined);
      return seen && seen.slider === String(target) && seen.boxes.length === left.length ? seen : undefined;
    }, async () => JSON.stringify(seen));
    assert.ok(after.boxes.every((b) => b.confidence >= target), JSON.stringify(after.boxes));
    assert.ok(left.length < shown.length, 'a box went');
    assert.equal(calls(), before + 1, 'the slider filters; the model is not called again');
  });

  it('with no model running, it offers one to start (Start Model says the billing first), then detects', async () => {
    const versionRow = async () => {
      const rows = await sidebarRows();
      const at = rows.findIndex((r) => r.label === PROJECT);
      return rows.slice(at + 1, at + 5).find((r) => r.label === 'v1');
    };
    await openContextMenuOf(PROJECT, 'v1');
    await chooseFromMenu('Stop Model');
    await answerDialog('Stop');
    await until('the v1 row stopped', async () => ((await versionRow())?.description.startsWith('stopped') ? true : undefined), async () => JSON.stringify(await versionRow()), 30_000);

    const view = await webview('Preview of detect.manifest');
    const calls = () => session().sandbox.requests.filter((r) => r.operation === 'DetectCustomLabels').length;
    const before = calls();
    await runCommand('Custom Labels: Detect Labels with This Model');
    await until('the offer to start a model, with the billing', async () =>
      /No model is running: start one\? A running model is billed for every hour it runs/.test((await page().locator('.quick-input-widget').textContent()) ?? '') ? true : undefined,
    );
    await pick(`${PROJECT} v1`);
    const question = await answerDialog('Start');
    assert.match(question, /Start model v1 of ui-detect with 1 inference unit\?/);
    assert.match(question, /billed for every minute it runs/);
    // The same answer for the same line: the slider stays where the person left it, and filters it.
    let seen: Drawn | undefined;
    await until('the predicted boxes at the slider\'s confidence or more, once the model runs', async () => {
      seen = await drawn(view).catch(() => undefined);
      const at = Number(seen?.slider);
      return seen && calls() === before + 1 && seen.boxes.length === expected.filter((e) => e.confidence >= at).length ? seen : undefined;
    }, async () => `${JSON.stringify(seen)}; ${calls() - before} calls`, 30_000);
    assert.ok(seen!.boxes.every((b) => b.dashed), JSON.stringify(seen));
    assert.ok((await versionRow())?.description.startsWith('running'), 'the row runs');
  });
});

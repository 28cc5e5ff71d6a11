/**
 * Issue #24: from a dataset to a model. "Train Model…" from a project's context menu checks the
 * datasets, asks the version name and the output location, says training is billed, and trains:
 * the version's row spins under the project, then shows its F1 score, the one the summary file
 * the (sandbox's) training wrote says (read here from the sandbox's S3 folder with JSON.parse).
 * "Show Evaluation" on the row shows each label's metrics; a click on the F1 header sorts them.
 * "Start Model…" asks with the billing, the row runs; "Stop Model…" stops it; "Delete Model
 * Version…" asks, and the row goes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { closeEditors } from './actions';
import { answerDialog, notifications, page, press, screenshot, sidebarRows, type, until, waitForQuickInput, webview } from './driver';
import { chooseFromMenu, openContextMenuOf, showExplorer, showFileExplorer } from './explorer-actions';
import { session } from './session';

const PROJECT = 'ui-train-model';
const BUCKET = 'custom-labels-ui';
const OUTPUT = `s3://${BUCKET}/models/`;

function classificationLine(name: string, label: string): string {
  return JSON.stringify({
    'source-ref': `s3://${BUCKET}/train-model/${name}.jpg`,
    animal: 1,
    'animal-metadata': { confidence: 1, 'class-name': label, 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00.000Z', type: 'groundtruth/image-classification' },
  });
}

function lines(set: string, labels: string[], each: number): string[] {
  return labels.flatMap((label) => Array.from({ length: each }, (_, i) => classificationLine(`${set}-${label}-${i}`, label)));
}

/** Every file under `dir` whose name matches. */
function find(dir: string, name: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? find(full, name) : name.test(e.name) ? [full] : [];
  });
}

interface SummaryFile {
  AggregatedEvaluationResults: { Metrics: { F1Score: number } };
  LabelEvaluationResults: { Label: string; Metrics: { F1Score: number } }[];
}

/** The rows of the evaluation table as a person reads them: label, then the numbers (the chart column has no text). */
async function tableRows(view: FrameLocator): Promise<string[][]> {
  return view.locator('#evaluation tbody tr').evaluateAll((rows) =>
    rows.map((r) =>
      Array.from((r as unknown as { cells: ArrayLike<{ className: string; textContent: string | null }> }).cells)
        .filter((c) => c.className !== 'bars')
        .map((c) => (c.textContent ?? '').trim()),
    ),
  );
}

async function versionRow() {
  const rows = await sidebarRows();
  const at = rows.findIndex((r) => r.label === PROJECT);
  return at < 0 ? undefined : rows.slice(at + 1, at + 6).find((r) => r.label === 'v1');
}

describe('UI: train a model and read its evaluation', () => {
  before(async () => {
    const { service } = session();
    const arn = await service.createProject(PROJECT);
    const trainArn = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
    const testArn = await service.createDataset(arn, 'TEST', { kind: 'empty' });
    await Promise.all([service.waitForStatus(trainArn), service.waitForStatus(testArn)]);
    const labels = ['cat', 'dog', 'fox', 'owl'];
    await service.pushEntries(trainArn, lines('train', labels, 12));
    await service.pushEntries(testArn, lines('test', labels, 6));
  });
  after(async () => {
    session().sandbox.faults.slowTransitionsMs = undefined;
    await closeEditors();
    await showFileExplorer();
  });

  it('Train Model from the project\'s menu: the row spins, then shows the F1 score of the summary file', async () => {
    await showExplorer(PROJECT);
    await openContextMenuOf(PROJECT);
    await chooseFromMenu('Train Model');

    // The readiness check runs first, then the version name (v1 offered), then the output location.
    await waitForQuickInput('the version name');
    await until('the version name "v1" offered', async () => ((await page().locator('.quick-input-widget input').inputValue()) === 'v1' ? true : undefined));
    await press('Enter');
    await until('the output location question', async () => (/s3:\/\/bucket\/prefix/.test((await page().locator('.quick-input-widget').textContent()) ?? '') ? true : undefined));
    await press('Control+A');
    await type(OUTPUT);
    await press('Enter');

    // Slow enough that a person sees it train (the sandbox's training otherwise takes 60 ms).
    session().sandbox.faults.slowTransitionsMs = 6_000;
    const question = await answerDialog('Train');
    assert.match(question, /Train model "v1" of ui-train-model\?/);
    assert.match(question, /Training readiness found no error/);
    assert.match(question, /billed/);
    assert.match(question, new RegExp(OUTPUT.replace(/[/.]/g, '\\$&')));

    const training = await until('the v1 row spinning under the project', async () => {
      const row = await versionRow();
      return row && /loading|spin/.test(row.icon) ? row : undefined;
    }, async () => JSON.stringify(await sidebarRows()));
    session().sandbox.faults.slowTransitionsMs = undefined;
    assert.match(training.description, /training/);
    await screenshot('train-model-training');

    const trained = await until('the v1 row with its F1 score', async () => {
      const row = await versionRow();
      return row && /F1 \d\.\d{3}/.test(row.description) ? row : undefined;
    }, async () => JSON.stringify(await sidebarRows()), 30_000);
    await screenshot('train-model-trained');

    const files = find(path.join(session().s3Root, BUCKET, 'models'), /^EvaluationSummary-ui-train-model-v1\.json$/);
    assert.equal(files.length, 1, `the summary file training wrote: ${JSON.stringify(files)}`);
    const summary = JSON.parse(fs.readFileSync(files[0]!, 'utf8')) as SummaryFile;
    const f1 = summary.AggregatedEvaluationResults.Metrics.F1Score.toFixed(3);
    assert.match(trained.description, new RegExp(`F1 ${f1.replace('.', '\\.')}`), `the row says ${trained.description}; the summary file ${f1}`);
    assert.doesNotMatch(trained.icon, /loading|spin/);
    await until('the notification of the trained model with its F1 score', async () => ((await notifications()).some((n) => n.includes(`Model v1 of ${PROJECT} is trained: F1 score ${f1}`)) ? true : undefined), async () => JSON.stringify(await notifications()));
  });

  it('Show Evaluation on the version\'s row: per-label metrics, sorted by F1 with a click on its header', async () => {
    const [file] = find(path.join(session().s3Root, BUCKET, 'models'), /^EvaluationSummary-ui-train-model-v1\.json$/);
    assert.ok(file, 'the summary file the training of the test before wrote');
    const summary = JSON.parse(fs.readFileSync(file, 'utf8')) as SummaryFile;
    await openContextMenuOf(PROJECT, 'v1');
    await chooseFromMenu('Show Evaluation');
    const view = await webview(`${PROJECT} v1: evaluation`);
    const inFileOrder = summary.LabelEvaluationResults.map((r) => r.Label);
    await until('a row per label of the summary file', async () => {
      const rows = await tableRows(view);
      return JSON.stringify(rows.map((r) => r[0])) === JSON.stringify(inFileOrder) ? true : undefined;
    }, async () => JSON.stringify(await tableRows(view)));

    await view.locator('button.sort', { hasText: 'F1 score' }).click();
    const expected = summary.LabelEvaluationResults.map((r) => r.Metrics.F1Score).sort((a, b) => a - b).map((n) => n.toFixed(3));
    let seen: string[] = [];
    await until('the rows sorted by F1 score, lowest first', async () => {
      seen = (await tableRows(view)).map((r) => r[1]!);
      return JSON.stringify(seen) === JSON.stringify(expected) ? true : undefined;
    }, async () => `F1 column ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`);
    assert.equal(await view.locator('#evaluation thead th[aria-sort="ascending"]').textContent(), 'F1 score');
    await screenshot('train-model-evaluation');
  });

  it('Start Model asks with the billing and the row runs; Stop Model stops it', async () => {
    await closeEditors();
    await openContextMenuOf(PROJECT, 'v1');
    await chooseFromMenu('Start Model');
    const question = await answerDialog('Start');
    assert.match(question, /Start model v1 of ui-train-model with 1 inference unit\?/);
    assert.match(question, /billed for every minute it runs/);
    const running = await until('the v1 row running', async () => {
      const row = await versionRow();
      return row && /^running/.test(row.description) ? row : undefined;
    }, async () => JSON.stringify(await sidebarRows()), 30_000);
    assert.match(running.icon, /play-circle/);

    await openContextMenuOf(PROJECT, 'v1');
    await chooseFromMenu('Stop Model');
    assert.match(await answerDialog('Stop'), /Stop model v1 of ui-train-model\?/);
    await until('the v1 row stopped', async () => {
      const row = await versionRow();
      return row && /^stopped/.test(row.description) ? row : undefined;
    }, async () => JSON.stringify(await sidebarRows()), 30_000);
  });

  it('Delete Model Version asks first, then the row leaves the explorer', async () => {
    await openContextMenuOf(PROJECT, 'v1');
    await chooseFromMenu('Delete Model Version');
    assert.match(await answerDialog('Delete'), /Delete model version v1 of ui-train-model\?/);
    await until('the v1 row gone', async () => ((await versionRow()) ? undefined : true), async () => JSON.stringify(await sidebarRows()), 30_000);
    const rows = await sidebarRows();
    assert.ok(rows.some((r) => r.label === PROJECT), 'the project stays');
  });
});

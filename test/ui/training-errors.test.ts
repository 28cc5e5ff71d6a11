/**
 * Issue #24, "When training fails": a project whose training dataset has three lines in eleven
 * with a per-line error (a label confidence of 2: outside 0-1), over the 20% of invalid rows
 * training allows (ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST, tm-debugging-aggregate-errors). The
 * person has that manifest in the workspace (not open). Train Model from the project's menu; the
 * training fails; the notification says why and offers "Show Errors on My Manifest"; the Problems
 * panel then lists, on the local manifest's lines, the errors of the validation manifest the
 * (sandbox's) training wrote: the expected lines and codes are worked out here from that file
 * (JSON.parse, its `errors` arrays) and this test's own lines, by source-ref.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeEditors } from './actions';
import { answerDialog, notifications, page, press, problems, screenshot, type, until, waitForQuickInput } from './driver';
import { chooseFromMenu, openContextMenuOf, showExplorer, showFileExplorer } from './explorer-actions';
import { session } from './session';

const PROJECT = 'ui-training-fails';
const BUCKET = 'custom-labels-ui';
const OUTPUT = `s3://${BUCKET}/failing-models/`;
const FILE = 'training-fails/birds.manifest';

function line(name: string, label: string, confidence = 1): string {
  return JSON.stringify({
    'source-ref': `s3://${BUCKET}/training-fails/${name}.jpg`,
    bird: 1,
    'bird-metadata': { confidence, 'class-name': label, 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00.000Z', type: 'groundtruth/image-classification' },
  });
}

// 0-based places of the three lines with confidence 2 among eleven.
const BAD = new Set([1, 6, 10]);
const TRAIN = Array.from({ length: 11 }, (_, i) => line(`train-${i}`, i % 2 === 0 ? 'sparrow' : 'robin', BAD.has(i) ? 2 : 1));
const TEST = ['sparrow', 'robin'].flatMap((l) => [0, 1].map((i) => line(`test-${l}-${i}`, l)));

/** Every {code} under an `errors` key anywhere in a JSON value. */
function codesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(codesIn);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'errors' && Array.isArray(v) ? v.map((e) => (e as { code: string }).code) : codesIn(v)));
}

function find(dir: string, name: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? find(full, name) : name.test(e.name) ? [full] : [];
  });
}

/** The 1-based local lines and codes the validation manifest's errors land on, by source-ref. */
function expectedRows(): { line: number; code: string }[] {
  const [file] = find(path.join(session().s3Root, BUCKET, 'failing-models'), /^training_manifest_with_validation\.json$/);
  assert.ok(file, 'the training validation manifest the sandbox wrote');
  const lineOf = new Map(TRAIN.map((t, i) => [(JSON.parse(t) as Record<string, string>)['source-ref'], i + 1]));
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => {
      const v = JSON.parse(l) as Record<string, unknown>;
      return codesIn(v).map((code) => ({ line: lineOf.get(v['source-ref'] as string)!, code }));
    });
}

describe('UI: a failed training\'s errors on the local manifest', () => {
  before(async () => {
    const { service } = session();
    const arn = await service.createProject(PROJECT);
    const trainArn = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
    const testArn = await service.createDataset(arn, 'TEST', { kind: 'empty' });
    await Promise.all([service.waitForStatus(trainArn), service.waitForStatus(testArn)]);
    await service.pushEntries(trainArn, TRAIN, { includeErrors: true });
    await service.pushEntries(testArn, TEST);
    fs.mkdirSync(path.join(session().workspace, path.dirname(FILE)), { recursive: true });
    fs.writeFileSync(path.join(session().workspace, FILE), `${TRAIN.join('\n')}\n`);
  });
  after(async () => {
    await closeEditors();
    await showFileExplorer();
  });

  it('Train Model fails; "Show Errors on My Manifest" lists the validation manifest\'s errors on the local lines', async () => {
    await showExplorer(PROJECT);
    await openContextMenuOf(PROJECT);
    await chooseFromMenu('Train Model');
    await waitForQuickInput('the version name');
    await until('the version name "v1" offered', async () => ((await page().locator('.quick-input-widget input').inputValue()) === 'v1' ? true : undefined));
    await press('Enter');
    await until('the output location question', async () => (/s3:\/\/bucket\/prefix/.test((await page().locator('.quick-input-widget').textContent()) ?? '') ? true : undefined));
    await press('Control+A');
    await type(OUTPUT);
    await press('Enter');
    const question = await answerDialog('Train Anyway');
    assert.match(question, /ERROR_TOO_MANY_INVALID_ROWS_IN_MANIFEST/, 'readiness predicted the failure');

    const toast = await until('the notification that training failed', async () => (await notifications()).find((n) => n.includes(`Training model v1 of ${PROJECT} failed`)), async () => JSON.stringify(await notifications()), 60_000);
    assert.match(toast, /failed: The manifest file contains too many invalid rows\./, 'why, in words');
    assert.doesNotMatch(toast, /ERROR_/, 'the status message in words, not codes');
    await page().locator('.notification-toast', { hasText: `Training model v1 of ${PROJECT} failed` }).locator('.monaco-button', { hasText: 'Show Errors on My Manifest' }).click();

    const expected = expectedRows();
    assert.deepEqual([...new Set(expected.map((e) => e.line))].sort((a, b) => a - b), [...BAD].map((i) => i + 1), 'the fixture: errors on the three bad lines');
    const fileName = path.basename(FILE);
    // The command opens the Problems panel itself, as a person sees.
    await until('the Problems panel open', async () => ((await page().locator('.markers-panel').isVisible()) ? true : undefined));
    const rows = await problems('the training errors on birds.manifest', (r) => expected.every((e) => r.some((t) => t.includes(e.code) && t.includes(`[Ln ${e.line}, Col`))));
    for (const e of expected) {
      const hits = rows.filter((t) => t.includes(e.code) && t.includes(`[Ln ${e.line}, Col`));
      assert.equal(hits.length, 1, `${e.code} on line ${e.line} once: ${JSON.stringify(rows)}`);
      assert.match(hits[0]!, new RegExp(`reported by the training of v1 of ${PROJECT}`), hits[0]);
    }
    assert.ok(rows.some((r) => r.includes(fileName)), `the file row: ${JSON.stringify(rows)}`);
    await until('the count of errors placed', async () => ((await notifications()).some((n) => n.includes(`reported ${expected.length} errors on 3 lines of ${fileName}`)) ? true : undefined), async () => JSON.stringify(await notifications()));
    await screenshot('training-errors-problems');
  });

  it('the failed version\'s row offers "Show Training Errors"', async () => {
    const menu = await openContextMenuOf(PROJECT, 'v1');
    assert.ok(menu.some((m) => /Show Training Errors/.test(m)), JSON.stringify(menu));
    assert.ok(!menu.some((m) => /Start Model|Show Evaluation/.test(m)), JSON.stringify(menu));
    await chooseFromMenu('Show Training Errors');
    // Read again, the errors replace those of the first reading: each still listed once.
    const expected = expectedRows();
    const rows = await problems('the training errors, once each', (r) => expected.every((e) => r.filter((t) => t.includes(e.code) && t.includes(`[Ln ${e.line}, Col`)).length === 1));
    assert.equal(rows.filter((r) => /reported by the training of v1/.test(r)).length, expected.length, JSON.stringify(rows));
  });
});

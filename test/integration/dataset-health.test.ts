/**
 * Check Dataset Health in the real workbench (issue #25: "a train/test leak found in both the
 * editor and the CLI"): a training photo and its resized copy in the test manifest, read from a
 * local folder (DIR/bucket/key), are a leak, a warning on line 1 of the training manifest and on
 * line 2 of the test manifest (the photos, lines and finding test/unit/cli/health.test.ts gives
 * the CLI, here as PNG); a note leaves its line when that line is edited; Clear Health Findings removes the rest.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { HealthOutcome } from '../../src/dataset-health/command';
import type { PushOutcome } from '../../src/commands/push-command';
import type { DatasetsApi } from '../../src/datasets/register';
import type { GalleryOutcome } from '../../src/gallery/command';
import { cls } from '../unit/health/manifest-lines';
import { photo, resized, toPng } from '../unit/health/synthetic-photo';
import { classificationLine, datasetsApi, useSandbox, writeWorkspaceFile } from './explorer-helpers';
import { projectWithEntries } from './sandbox-project';
import { closeAllEditors, codeOf, describeDiagnostics, openManifest, waitFor, workspaceFile } from './helpers';

const LEAK = 'CL_HEALTH_NEAR_TRAIN_TEST_LEAK';

/** The health diagnostics of `uri` as [0-based line, code, severity]. */
function health(uri: vscode.Uri): Array<[number, string, vscode.DiagnosticSeverity]> {
  return vscode.languages.getDiagnostics(uri).filter((d) => (codeOf(d) ?? '').startsWith('CL_HEALTH_')).map((d) => [d.range.start.line, codeOf(d)!, d.severity]);
}

function leakLines(uri: vscode.Uri): number[] {
  return health(uri).filter(([, code]) => code === LEAK).map(([line]) => line);
}

describe('Check Dataset Health (editor command)', () => {
  afterEach(closeAllEditors);

  it('finds a resized copy of a training photo in the test manifest: a leak on the lines of both files, in the view, until the line changes or is cleared', async () => {
    const dir = workspaceFile('health-leak/images');
    const put = (key: string, bytes: Uint8Array) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'photos', 'img', key), bytes);
    const shop = photo({ palette: 11, layout: 1, width: 400, height: 300 });
    await put('shop.png', toPng(shop));
    await put('street.png', toPng(photo({ palette: 12, layout: 2, width: 400, height: 300 })));
    await put('beach.png', toPng(photo({ palette: 14, layout: 4, width: 400, height: 300 })));
    await put('shop-small.png', toPng(resized(shop, 200, 150)));
    const train = await writeWorkspaceFile('health-leak/train.manifest', [cls('s3://photos/img/shop.png', ['shop']), cls('s3://photos/img/street.png', ['street'])]);
    const test = await writeWorkspaceFile('health-leak/test.manifest', [cls('s3://photos/img/beach.png', ['street']), cls('s3://photos/img/shop-small.png', ['shop'])]);
    const document = await openManifest('health-leak/train.manifest');

    const outcome = await vscode.commands.executeCommand<HealthOutcome | undefined>(Commands.checkDatasetHealth, { train, test, imagesDir: dir.fsPath });
    assert.ok(outcome, 'the command returned its outcome');
    const leak = outcome.report.findings.find((f) => f.code === LEAK);
    assert.deepEqual(leak?.lines, { train: [1], test: [2] }, JSON.stringify(outcome.report.findings.map((f) => [f.code, f.lines])));
    // The view: the leak first among the duplicates, its buttons to the gallery.
    await outcome.ready;
    assert.match(outcome.html, new RegExp(`<section id="duplicates"[^]*?data-code="${LEAK}"`));
    assert.equal(outcome.panel.title, 'Health: health-leak/train.manifest + health-leak/test.manifest');

    // The editor: a warning on line 1 of the training manifest and line 2 of the test manifest.
    await waitFor('the leak on both manifests', [vscode.languages.onDidChangeDiagnostics], () => (leakLines(train).join() === '0' && leakLines(test).join() === '1' ? true : undefined), () => `${describeDiagnostics(train)} | ${describeDiagnostics(test)}`);
    assert.ok(health(train).filter(([, c]) => c === LEAK).every(([, , s]) => s === vscode.DiagnosticSeverity.Warning));
    const message = vscode.languages.getDiagnostics(test).find((d) => codeOf(d) === LEAK)!.message;
    assert.match(message, /line 1 of the training manifest/);

    // Editing the training line takes its note away; the test manifest keeps its own.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 1), ' ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the leak to leave the edited line', [vscode.languages.onDidChangeDiagnostics], () => (leakLines(train).length === 0 ? true : undefined), () => describeDiagnostics(train));
    assert.deepEqual(leakLines(test), [1]);

    await vscode.commands.executeCommand(Commands.clearHealthFindings);
    await waitFor('Clear Health Findings to remove the rest', [vscode.languages.onDidChangeDiagnostics], () => (health(test).length === 0 && health(train).length === 0 ? true : undefined), () => describeDiagnostics(test));
    outcome.panel.dispose();
  });
});

describe('Check Dataset Health: fingerprints kept between windows', () => {
  afterEach(closeAllEditors);

  it('a second check with the cache file loaded afresh (as in a new window) reads no unchanged image, and reads a changed one', async () => {
    const dir = workspaceFile('health-cache/images');
    const put = (key: string, bytes: Uint8Array) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'pics', key), bytes);
    await put('a.png', toPng(photo({ palette: 21, layout: 1, width: 120, height: 90 })));
    await put('b.png', toPng(photo({ palette: 22, layout: 2, width: 120, height: 90 })));
    await put('c.png', toPng(photo({ palette: 23, layout: 3, width: 120, height: 90 })));
    const train = await writeWorkspaceFile('health-cache/train.manifest', [cls('s3://pics/a.png', ['x']), cls('s3://pics/b.png', ['y'])]);
    const test = await writeWorkspaceFile('health-cache/test.manifest', [cls('s3://pics/c.png', ['x'])]);
    const cacheFile = workspaceFile(`health-cache/fingerprints-${Date.now()}.json`);
    const run = async () => {
      const outcome = await vscode.commands.executeCommand<HealthOutcome | undefined>(Commands.checkDatasetHealth, { train, test, imagesDir: dir.fsPath, cacheFile });
      assert.ok(outcome, 'the command returned its outcome');
      await outcome.ready;
      outcome.panel.dispose();
      return outcome;
    };
    // The fixture's three images, none cached yet.
    assert.equal((await run()).imagesRead, 3);
    // JSON Lines: the format line, then one line per image.
    const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(cacheFile)).trimEnd().split('\n');
    assert.equal(saved.length, 1 + 3, 'the file holds the three fingerprints');
    assert.equal((await run()).imagesRead, 0, 'the unchanged images were not read again');
    // A changed image (new bytes, so a new ETag) is read again, only it.
    await put('b.png', toPng(photo({ palette: 24, layout: 4, width: 130, height: 90 })));
    assert.equal((await run()).imagesRead, 1);
  });
});

describe('Check Dataset Health of a project (sandbox)', function () {
  this.timeout(120_000);
  const projectName = `it-health-${Date.now()}`;
  let api: DatasetsApi;

  before(async () => {
    api = await datasetsApi();
    await useSandbox(api);
  });
  after(closeAllEditors);

  it("finds an entry of the training dataset pushed to the test dataset too, and the gallery of that finding's entry shows it alone", async () => {
    const train = Array.from({ length: 6 }, (_, i) => classificationLine(i, i % 2 ? 'finch' : 'sparrow'));
    const project = await projectWithEntries(api, { projectName, test: true, file: 'datasets/it-health.manifest', lines: train });
    // The test dataset: a new image, and training's line 4 again (the same source-ref: a leak).
    const testUri = await writeWorkspaceFile('datasets/it-health-test.manifest', [classificationLine(20, 'finch'), train[3]!]);
    const pushed = await vscode.commands.executeCommand<PushOutcome | undefined>(Commands.pushEntries, { datasetArn: project.testArn, uri: testUri });
    assert.deepEqual(pushed?.landed, [0, 1], JSON.stringify(pushed));

    const outcome = await vscode.commands.executeCommand<HealthOutcome | undefined>(Commands.checkDatasetHealth, { projectName });
    assert.ok(outcome, 'the command returned its outcome');
    const leak = outcome.report.findings.find((f) => f.code === 'CL_HEALTH_TRAIN_TEST_LEAK');
    assert.ok(leak, JSON.stringify(outcome.report.findings.map((f) => [f.code, f.lines])));
    assert.equal(leak.lines.train?.length, 1);
    assert.equal(leak.lines.test?.length, 1);
    assert.deepEqual(outcome.report.images, { train: { images: 6, fingerprinted: 0 }, test: { images: 2, fingerprinted: 0 } });
    await outcome.ready;
    assert.equal(outcome.panel.title, `Health: ${projectName}`);

    // What the view's button asks for: the test dataset's gallery of the finding's line (0-based).
    const gallery = await vscode.commands.executeCommand<GalleryOutcome | undefined>(Commands.showGallery, { datasetArn: project.testArn, lines: leak.lines.test!.map((l) => l - 1) });
    assert.ok(gallery, 'the gallery opened');
    const loaded = await gallery.loaded;
    assert.equal(loaded.entries, 1, JSON.stringify(loaded));
    assert.equal(loaded.lines, 2, 'both test entries were read, one kept');
    gallery.panel.dispose();
    outcome.panel.dispose();
  });
});

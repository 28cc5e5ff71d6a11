/**
 * Check Images in the real workbench: the images of the active manifest read from a local folder
 * (DIR/bucket/key), each problem a diagnostic on its line; it follows its line when lines move and
 * leaves while that line is edited.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PNG } from 'pngjs';
import type { CheckImagesOutcome } from '../../src/check-images/command';
import { Commands } from '../../src/constants';
import { classificationLine, writeWorkspaceFile } from './explorer-helpers';
import { closeAllEditors, codeOf, openManifest, waitForDiagnostics, workspaceFile } from './helpers';

function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data.fill(0x80);
  return PNG.sync.write(image);
}

describe('Check Images (editor command)', () => {
  afterEach(closeAllEditors);

  it('puts ERROR_INVALID_IMAGE on the lines whose image is too small or missing, and nothing on the good one', async () => {
    const dir = workspaceFile('check-images');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'bucket', 'good.png'), png(100, 80));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'bucket', 'small.png'), png(20, 20));
    const lines = [classificationLine(1, 'cat'), classificationLine(2, 'cat'), classificationLine(3, 'dog')].map((l, i) =>
      l.replace(/s3:\/\/[^"]+/, `s3://bucket/${['good.png', 'small.png', 'gone.png'][i]}`),
    );
    await writeWorkspaceFile('check-images/images.manifest', lines);
    const document = await openManifest('check-images/images.manifest');
    const outcome = await vscode.commands.executeCommand<CheckImagesOutcome | undefined>(Commands.checkImages, { imagesDir: dir.fsPath });
    assert.ok(outcome, 'the command returned its outcome');
    assert.equal(outcome.result.images, 3);
    assert.deepEqual(outcome.diagnostics.map((d) => [d.range.start.line, codeOf(d)]), [[1, 'ERROR_INVALID_IMAGE'], [2, 'ERROR_INVALID_IMAGE']]);
    const shown = await waitForDiagnostics(document.uri, 'the image problems', (ds) => ds.filter((d) => codeOf(d) === 'ERROR_INVALID_IMAGE').length === 2);
    assert.match(shown.find((d) => d.range.start.line === 1)!.message, /20 x 20 px/);
    const imageLines = (ds: readonly vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === 'ERROR_INVALID_IMAGE').map((d) => d.range.start.line).sort();
    const edit = async (apply: (e: vscode.WorkspaceEdit) => void): Promise<void> => {
      const e = new vscode.WorkspaceEdit();
      apply(e);
      assert.ok(await vscode.workspace.applyEdit(e));
    };
    // An edit of another line leaves them; a line inserted above moves them; editing a line drops its own.
    await edit((e) => e.insert(document.uri, new vscode.Position(0, 0), ' '));
    await edit((e) => e.insert(document.uri, new vscode.Position(0, 0), `${classificationLine(9, 'owl')}\n`));
    await waitForDiagnostics(document.uri, 'the image problems on lines 3 and 4 after a line is inserted at the top', (ds) => imageLines(ds).join() === '2,3');
    await edit((e) => e.insert(document.uri, new vscode.Position(2, 1), ' '));
    const after = await waitForDiagnostics(document.uri, 'the edited line without its image problem, the other kept', (ds) => imageLines(ds).join() === '3');
    assert.match(after.find((d) => d.range.start.line === 3)!.message, /gone\.png/);
  });
});

describe('Check Images quick fix: image_size to the real size', () => {
  afterEach(closeAllEditors);

  it('a wrong image_size gets "Set image_size to W x H (the image\'s real size)"; applied, it edits only the two numbers', async () => {
    const dir = workspaceFile('check-images-size');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'bucket', 'wide.png'), png(200, 100));
    const line = JSON.stringify({
      'source-ref': 's3://bucket/wide.png',
      boxes: { image_size: [{ width: 640, height: 480, depth: 3 }], annotations: [{ class_id: 0, left: 10, top: 10, width: 50, height: 40 }] },
      'boxes-metadata': { objects: [{ confidence: 1 }], 'class-map': { '0': 'car' }, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': '2024-05-01T10:00:00.000Z' },
    });
    await writeWorkspaceFile('check-images-size/size.manifest', [line]);
    const document = await openManifest('check-images-size/size.manifest');
    const outcome = await vscode.commands.executeCommand<CheckImagesOutcome | undefined>(Commands.checkImages, { imagesDir: dir.fsPath });
    const mismatch = outcome?.diagnostics.find((d) => codeOf(d) === 'CL_IMAGE_SIZE_MISMATCH');
    assert.ok(mismatch, `a size mismatch among ${JSON.stringify(outcome?.diagnostics.map((d) => codeOf(d)))}`);
    assert.match(mismatch.message, /is 200 x 100 px/, 'the diagnostic says the real size');
    await waitForDiagnostics(document.uri, 'the size mismatch', (ds) => ds.some((d) => codeOf(d) === 'CL_IMAGE_SIZE_MISMATCH'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, mismatch.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /^Set image_size of "boxes" to 200 x 100 \(the image's real size\)$/.test(a.title));
    assert.ok(fix?.edit, `the fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(0).text, line.replace('"width":640,"height":480', '"width":200,"height":100'));
    await waitForDiagnostics(document.uri, 'the size mismatch dropped after the fix', (ds) => !ds.some((d) => codeOf(d) === 'CL_IMAGE_SIZE_MISMATCH'));
  });
});

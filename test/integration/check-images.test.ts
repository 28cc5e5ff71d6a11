/**
 * Check Images in the real workbench: the images of the active manifest read from a local folder
 * (DIR/bucket/key), each problem a diagnostic on its line; an edit drops them until the next check.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PNG } from 'pngjs';
import type { CheckImagesOutcome } from '../../src/commands/check-images-command';
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
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), ' ');
    await vscode.workspace.applyEdit(edit);
    await waitForDiagnostics(document.uri, 'the image problems dropped after an edit', (ds) => !ds.some((d) => codeOf(d) === 'ERROR_INVALID_IMAGE'));
  });
});

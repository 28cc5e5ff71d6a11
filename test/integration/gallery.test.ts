/**
 * The gallery in the real workbench: the cards of a manifest whose images are in a local folder,
 * drawn in a webview with a strict CSP (the page's script runs: it reports its cards).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PNG } from 'pngjs';
import type { GalleryOutcome } from '../../src/commands/gallery-command';
import { Commands } from '../../src/constants';
import { writeWorkspaceFile } from './explorer-helpers';
import { closeAllEditors, openManifest, workspaceFile } from './helpers';

function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data.fill(0x80);
  return PNG.sync.write(image);
}

const DATE = '2024-05-01T10:00:00.000Z';
const line = (key: string, label: string) =>
  JSON.stringify({
    'source-ref': `s3://bucket/${key}`,
    boxes: { image_size: [{ width: 200, height: 100, depth: 3 }], annotations: [{ class_id: 0, left: 10, top: 10, width: 50, height: 40 }] },
    'boxes-metadata': { objects: [{ confidence: 1 }], 'class-map': { '0': label }, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': DATE },
  });

describe('gallery (webview)', () => {
  afterEach(async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows one card per entry with its boxes, images through asWebviewUri, and its script runs under the CSP', async () => {
    const dir = workspaceFile('gallery');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'bucket', 'a.png'), png(200, 100));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'bucket', 'b.png'), png(200, 100));
    await writeWorkspaceFile('gallery/g.manifest', [line('a.png', 'car'), line('b.png', '<b>bike</b>')]);
    await openManifest('gallery/g.manifest');
    const outcome = await vscode.commands.executeCommand<GalleryOutcome | undefined>(Commands.showGallery, { imagesDir: dir.fsPath });
    assert.ok(outcome, 'the command returned its outcome');
    assert.equal(outcome.cards.length, 2);
    assert.equal(await outcome.ready, 2, 'the page script ran and found both cards');
    assert.ok(outcome.cards.every((c) => c.imageUri?.startsWith('https://') || c.imageUri?.startsWith('vscode-')), outcome.cards.map((c) => c.imageUri).join(', '));
    assert.match(outcome.html, /<rect x="10" y="10" width="50" height="40"/);
    assert.ok(outcome.html.includes('&lt;b&gt;bike&lt;/b&gt;'), 'the label is escaped');
    assert.match(outcome.html, new RegExp(`img-src ${outcome.panel.webview.cspSource.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};`));
  });
});

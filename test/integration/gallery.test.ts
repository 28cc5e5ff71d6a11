/**
 * The gallery in the real workbench: a webview with a strict CSP whose script draws only the
 * visible cards (boxes as SVG, images through asWebviewUri from a local folder), and asks only
 * for the images of the cards it draws, even with 250,000 entries; a card of a 3 MB photo gets
 * the photo's thumbnail, not the photo.
 */
import * as assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { PNG } from 'pngjs';
import { imageSize } from 'image-size';
import { photo, toJpeg } from '../unit/health/synthetic-photo';
import type { GalleryOutcome, GalleryRendered } from '../../src/gallery/command';
import { Commands } from '../../src/constants';
import { mixedManifest } from '../bench/generate';
import { writeWorkspaceFile } from './explorer-helpers';
import { closeAllEditors, openManifest, waitFor, workspaceFile } from './helpers';

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

/** Waits for the page's report to satisfy `ok`. */
function rendered(outcome: GalleryOutcome, what: string, ok: (r: GalleryRendered) => boolean, timeoutMs?: number): Promise<GalleryRendered> {
  return waitFor(what, [outcome.onRendered], () => {
    const r = outcome.rendered();
    return r && ok(r) ? r : undefined;
  }, () => `last report ${JSON.stringify(outcome.rendered())}, images ${JSON.stringify(outcome.images())}`, timeoutMs);
}

describe('gallery (webview)', () => {
  afterEach(async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('draws one card per entry with its boxes and its image through asWebviewUri, under the CSP', async () => {
    const dir = workspaceFile('gallery');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'bucket', 'a.png'), png(200, 100));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'bucket', 'b.png'), png(200, 100));
    await writeWorkspaceFile('gallery/g.manifest', [line('a.png', 'car'), line('b.png', '<b>bike</b>')]);
    await openManifest('gallery/g.manifest');
    const outcome = await vscode.commands.executeCommand<GalleryOutcome | undefined>(Commands.showGallery, { imagesDir: dir.fsPath });
    assert.ok(outcome, 'the command returned its outcome');
    const done = await rendered(outcome, 'both cards drawn with their boxes and images loaded', (r) => r.cards === 2 && r.boxes === 2 && r.loaded === 2);
    assert.equal(done.total, 2);
    assert.equal(outcome.images().requested, 2);
    assert.match(outcome.html, new RegExp(`img-src ${outcome.panel.webview.cspSource.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};`));
    assert.ok(!outcome.html.includes('bike'), 'no manifest text is in the HTML: the script draws it with textContent');
  });

  it('with 250,000 entries, draws the first cards at once and fetches only the images of the cards it draws', async function () {
    this.timeout(300_000);
    const file = 'gallery/large.manifest';
    await vscode.workspace.fs.writeFile(workspaceFile(file), Buffer.from(mixedManifest(250_000).join('\n') + '\n'));
    const dir = workspaceFile('gallery-large-images');
    await vscode.workspace.fs.createDirectory(dir);
    // How long the extension host's event loop waits behind the build, at worst.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    // The file is not opened in an editor: the gallery streams it from disk.
    const outcome = await vscode.commands.executeCommand<GalleryOutcome | undefined>(Commands.showGallery, { uri: workspaceFile(file), imagesDir: dir.fsPath });
    assert.ok(outcome, 'the command returned its outcome');
    const first = await outcome.firstCards;
    const loaded = await outcome.loaded;
    delay.disable();
    assert.equal(loaded.entries, 250_000);
    // The image requests are read with the report they must agree with (a later scroll would draw more).
    let images = outcome.images();
    const all = await rendered(outcome, 'the page to hold all 250,000 entries', (r) => {
      images = outcome.images();
      return r.total === 250_000;
    }, 120_000);
    console.log(
      `    250,000 entries: first cards after ${Math.round(first.ms)} ms (${first.rendered.cards} cards, ${first.rendered.total} entries in the page), ` +
        `all built in ${Math.round(loaded.ms)} ms in ${loaded.steps} steps (longest ${Math.round(loaded.longestStepMs)} ms, ${Math.round(loaded.longestStepCpuMs)} ms CPU; ` +
        `extension host event loop delay p99 ${Math.round(delay.percentile(99) / 1e6)} ms, max ${Math.round(delay.max / 1e6)} ms); ` +
        `${all.cards} cards in the DOM (${all.drawn} drawn since it opened), ${images.requested} image requests (peak ${images.peak} at once, ${images.dropped} dropped)`,
    );
    assert.ok(all.cards > 0 && all.cards < 200, `${all.cards} cards in the DOM, not 250,000`);
    // The panel may be resized while it opens (the column count changes): each card drawn asks once.
    assert.ok(all.drawn >= all.cards && all.drawn < 400, `${all.drawn} cards drawn since the page opened`);
    assert.ok(images.requested > 0, 'the visible cards asked for their images');
    assert.ok(images.requested <= all.drawn, `${images.requested} image requests for ${all.drawn} cards drawn`);
    assert.ok(images.peak <= 8, `at most 8 at once (${images.peak})`);
    assert.ok(loaded.steps > 10, `built in ${loaded.steps} steps`);
  });

  it('a card of a 3 MB photo is given its thumbnail: a JPEG of 256 px on its long side, a small part of the photo', async function () {
    this.timeout(180_000);
    const dir = workspaceFile('gallery-photos');
    // 2880x2160 at quality 95: ~3.2 MB, as a camera's photo.
    const bytes = toJpeg(photo({ palette: 31, layout: 32, width: 2880, height: 2160 }), 95);
    assert.ok(bytes.length > 2.5e6, `the photo is ${bytes.length} bytes`);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'bucket', 'photo.jpg'), bytes);
    const big = JSON.stringify({
      'source-ref': 's3://bucket/photo.jpg',
      boxes: { image_size: [{ width: 2880, height: 2160, depth: 3 }], annotations: [{ class_id: 0, left: 100, top: 100, width: 500, height: 400 }] },
      'boxes-metadata': { objects: [{ confidence: 1 }], 'class-map': { '0': 'thing' }, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': DATE },
    });
    await writeWorkspaceFile('gallery/photo.manifest', [big]);
    await openManifest('gallery/photo.manifest');
    const outcome = await vscode.commands.executeCommand<GalleryOutcome | undefined>(Commands.showGallery, { imagesDir: dir.fsPath });
    assert.ok(outcome, 'the command returned its outcome');
    await rendered(outcome, 'the card drawn with its image loaded', (r) => r.cards === 1 && r.loaded === 1, 120_000);
    const given = outcome.imageFiles().get(0);
    assert.ok(given, `the card was given an image: ${JSON.stringify([...outcome.imageFiles()])}`);
    const shown = await vscode.workspace.fs.readFile(vscode.Uri.file(given.file));
    const size = imageSize(shown);
    // 2880x2160 brought to 256 on its long side: 256x192.
    assert.deepEqual([size.type, size.width, size.height], ['jpg', 256, 192], `the card's image ${given.file}`);
    assert.ok(shown.length * 50 < bytes.length, `the card's image is ${shown.length} bytes of the photo's ${bytes.length}`);
  });
});

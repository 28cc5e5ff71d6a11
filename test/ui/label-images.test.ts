/**
 * Label Images… from the Explorer's menu on a folder of the demo workspace (`to-label/`): the
 * save dialog offers `to-label/labels.manifest`, the new manifest opens with one line per image
 * of the folder (M, counted here from the fixture folder: .jpg, .jpeg, .png in any case,
 * subfolders included), and the status bar reads "Labelled 0 of M".
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeEditors } from './actions';
import { activeTabLabel, editorLineText, escape, notifications, openRowContextMenu, page, pick, press, type, until, visibleTexts, webview } from './driver';
import { chooseFromMenu, showFileExplorer } from './explorer-actions';
import { session } from './session';

const FOLDER = 'to-label';
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'workspace', FOLDER);

/** The images of the fixture folder, counted without the product's code. */
function imagesIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => ['.jpg', '.jpeg', '.png'].includes(path.extname(f).toLowerCase()))
    .map((f) => f.split(path.sep).join('/'));
}

describe('UI: Label Images… on a folder of the demo workspace', () => {
  after(async () => {
    await escape();
    await closeEditors();
  });

  it('writes a manifest of the folder\'s images, opens it, and the status bar reads "Labelled 0 of M"', async () => {
    const images = imagesIn(FIXTURE);
    const m = images.length;
    assert.ok(m >= 5, `the fixture folder holds ${m} images`);
    await showFileExplorer();
    const items = await openRowContextMenu(FOLDER);
    assert.ok(items.includes('Label Images…'), `the folder's menu: ${JSON.stringify(items)}`);
    await chooseFromMenu('Label Images…');
    // The save dialog (the workbench's own, a quick input) offers labels.manifest in the folder.
    const input = page().locator('.quick-input-widget .quick-input-box input');
    const value = async () => ((await input.isVisible()) ? await input.inputValue() : '(no dialog)');
    // The dialog fills its path in as it reads the folder: wait for it to settle on the file.
    await until(`the save dialog to offer ${FOLDER}/labels.manifest`, async () => (new RegExp(`/${FOLDER}/labels\\.manifest$`).test(await value()) ? true : undefined), async () => `"${await value()}"`);
    await press('Enter');
    await until('the new manifest to be the active editor', async () => ((await activeTabLabel()).startsWith('labels.manifest') ? true : undefined), async () => `tab "${await activeTabLabel()}"`);
    const statusText = `Labelled 0 of ${m}`;
    await until(`the status bar to read "${statusText}"`, async () => ((await visibleTexts('.statusbar-item')).some((t) => t === statusText) ? true : undefined), async () =>
      JSON.stringify((await visibleTexts('.statusbar-item')).filter((t) => /Labelled/.test(t))),
    );
    // M lines, each an image of the folder; nothing after them.
    const shown: string[] = [];
    for (let line = 1; line <= m + 1; line++) shown.push(await editorLineText(line));
    assert.deepEqual(
      shown.slice(0, m).map((l) => JSON.parse(l)['source-ref']).sort(),
      images.map((i) => `s3://${FOLDER}/${i}`).sort(),
    );
    assert.equal(shown[m], '');
    assert.ok(fs.existsSync(path.join(session().workspace, FOLDER, 'labels.manifest')));
    // The preview beside it, already in edit mode: the manifest is there to be labelled.
    const view = await webview('Preview of labels.manifest');
    await until('the preview in edit mode', async () => ((await view.locator('#edit-toggle').getAttribute('aria-pressed')) === 'true' ? true : undefined), async () => `aria-pressed=${await view.locator('#edit-toggle').getAttribute('aria-pressed')}`);
  });

  it('Upload Images to S3… puts them into the chosen bucket and rewrites every source-ref in one edit: one undo brings them all back', async () => {
    const images = imagesIn(FIXTURE).sort();
    // The bucket exists (made by whoever owns the account): the sandbox's S3 folder holds it.
    fs.mkdirSync(path.join(session().s3Root, 'upload-bucket'), { recursive: true });
    const puts = () => session().sandbox.requests.filter((r) => r.operation === 'S3.PutObject' && r.status === 200).length;
    const before = puts();
    const first = await editorLineText(1);
    await page().locator('.editor-group-container.active .monaco-editor').first().click();
    await press('F1');
    await type('Upload Images to S3');
    await pick('Upload Images to S3');
    // The palette closes and the question opens in the same widget: read its title before typing.
    const title = page().locator('.quick-input-widget .quick-input-title');
    await until('the bucket and prefix question', async () => ((await title.isVisible()) && /the bucket and prefix/.test((await title.textContent()) ?? '') ? true : undefined), async () =>
      `title "${(await title.textContent().catch(() => '')) ?? ''}"`,
    );
    await type('s3://upload-bucket/labelled/');
    await press('Enter');
    await until('the message that the images are uploaded', async () => ((await notifications()).some((n) => /^Uploaded the images of/.test(n)) ? true : undefined), async () => JSON.stringify(await notifications()));
    assert.equal(puts() - before, images.length, 'one PutObject per image');
    for (const i of images) assert.ok(fs.existsSync(path.join(session().s3Root, 'upload-bucket', 'labelled', ...i.split('/'))), `${i} in the bucket`);
    const ref = (line: string) => JSON.parse(line)['source-ref'] as string;
    await until('the first line to point at the bucket', async () => (ref(await editorLineText(1)) === ref(first).replace(`s3://${FOLDER}/`, 's3://upload-bucket/labelled/') ? true : undefined), async () => await editorLineText(1));
    const rewritten: string[] = [];
    for (let line = 1; line <= images.length; line++) rewritten.push(ref(await editorLineText(line)));
    assert.deepEqual(rewritten.sort(), images.map((i) => `s3://upload-bucket/labelled/${i}`).sort());
    // One undo: every line back as it was.
    await press('Control+Z');
    await until('every source-ref back after one undo', async () => {
      const back: string[] = [];
      for (let line = 1; line <= images.length; line++) back.push(ref(await editorLineText(line)));
      return back.every((r) => r.startsWith(`s3://${FOLDER}/`)) ? true : undefined;
    }, async () => `line 1: ${await editorLineText(1)}, line ${images.length}: ${await editorLineText(images.length)}`);
  });
});

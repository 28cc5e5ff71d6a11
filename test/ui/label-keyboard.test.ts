/**
 * Issue #23, "Keyboard-first, as labelling tools are": ten unlabelled images labelled with the
 * keyboard only. Label Images… from the command palette on a folder of 10 images (the quick pick,
 * the folder dialog and the save dialog answered with keys), then in the preview's edit mode:
 * Enter opens the label field, a new label typed and Enter adds it to the image; 1-9 add the Nth
 * of the file's labels (numbered in code-unit order, as the page shows them); B adds a box over
 * the middle quarter of the image, labelled in the field; N goes on to the next line; Escape
 * leaves edit mode; the manifest saved with Ctrl+S. The expected labels of each line are worked
 * out here from the keys pressed (the labels typed so far, sorted: the Nth), the box from the
 * image size the test wrote; the saved file is read from disk, and the built CLI's `lint` is clean
 * on it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodePng } from '../../src/sandbox/demo/png';
import { closeEditors } from './actions';
import { activeTabLabel, page, press, quickPickRows, type, until, visibleTexts, waitForQuickInput, webview } from './driver';
import { session } from './session';

const FOLDER = 'keyboard-label';
const COUNT = 10;
/** The size the test draws its images at. */
const SIZE = { width: 320, height: 240 };
const ROOT = path.join(__dirname, '..', '..');

/** What the person does on image i: label keys (1-9) pressed, or a new label typed after Enter, or B and a box label typed. */
type Step = { keys: string[] } | { typed: string } | { box: string };
const STEPS: Step[] = [
  { typed: 'cat' },
  { typed: 'dog' },
  { keys: ['1'] },
  { keys: ['2'] },
  { typed: 'bird' },
  { keys: ['1'] },
  { keys: ['2', '3'] },
  { box: 'car' },
  { keys: ['3'] },
  { keys: ['4', '1'] },
];

function image(i: number): Buffer {
  const rgba = Buffer.alloc(SIZE.width * SIZE.height * 4);
  for (let p = 0; p < SIZE.width * SIZE.height; p++) rgba.set([(i * 25) % 256, 120, 200 - i * 10, 255], p * 4);
  return encodePng(rgba, SIZE.width, SIZE.height);
}

/** Presses Down until the quick pick's focused row contains `text`, then Enter (as a person reads the list). */
async function chooseWithKeys(text: string): Promise<void> {
  const focused = page().locator('.quick-input-widget .quick-input-list .monaco-list-row.focused');
  for (let tries = 0; ; tries++) {
    const row = await until(`a focused row in the quick pick (looking for "${text}")`, async () => ((await focused.count()) ? ((await focused.first().textContent()) ?? '') : undefined));
    if (row.includes(text)) break;
    assert.ok(tries < 10, `no row "${text}" in the quick pick (last: "${row}")`);
    await press('ArrowDown');
  }
  await press('Enter');
}

async function quickInputValue(): Promise<string> {
  const input = page().locator('.quick-input-widget .quick-input-box input');
  return (await input.isVisible()) ? input.inputValue() : '(no quick input)';
}

describe('UI: ten unlabelled images labelled with the keyboard only', () => {
  const folder = () => path.join(session().workspace, FOLDER);
  before(() => {
    fs.mkdirSync(folder(), { recursive: true });
    for (let i = 1; i <= COUNT; i++) fs.writeFileSync(path.join(folder(), `image-${String(i).padStart(2, '0')}.png`), image(i));
  });
  after(async () => {
    await closeEditors();
  });

  it('Label Images… from the palette, then 1-9, typed labels, B, Enter, N and Escape: the saved manifest holds the labels the keys gave, and lint is clean', async () => {
    // The palette: Label Images…, "A local folder…", the folder typed into the folder dialog.
    await press('F1');
    await waitForQuickInput('the command palette');
    await type('Custom Labels: Label Images');
    await chooseWithKeys('Label Images…');
    await until('the question which images', async () => (/which images/.test((await page().locator('.quick-input-widget .quick-input-title').textContent().catch(() => '')) ?? '') ? true : undefined));
    await type('local folder');
    await chooseWithKeys('A local folder');
    await until('the folder dialog', async () => (/the folder of images/.test((await page().locator('.quick-input-widget .quick-input-title').textContent().catch(() => '')) ?? '') ? true : undefined), quickInputValue);
    // It opens on a folder (the workspace, or the one chosen last): once it shows one, the person
    // selects that path and types the folder's.
    await until('the folder dialog to show a folder', async () => ((await quickInputValue()).startsWith(`${session().workspace}/`) ? true : undefined), quickInputValue);
    await page().waitForTimeout(500);
    // The dialog lists each folder as its path is typed: typed at a person's pace (10 keys a second).
    await press('Control+a');
    await page().keyboard.type(`${folder()}/`, { delay: 100 });
    // Settled in the folder: its list shows only the way up (the images are files, not folders).
    await until('the folder dialog to show the typed folder', async () =>
      (await quickInputValue()) === `${folder()}/` && (await quickPickRows()).length === 1 && (await quickPickRows())[0]!.startsWith('..') ? true : undefined,
      async () => `${await quickInputValue()} ${JSON.stringify(await quickPickRows())}`,
    );
    await press('Enter');
    // The save dialog offers labels.manifest in the folder.
    await until(`the save dialog to offer ${FOLDER}/labels.manifest`, async () => (new RegExp(`/${FOLDER}/labels\\.manifest$`).test(await quickInputValue()) ? true : undefined), quickInputValue);
    await press('Enter');
    await until('the new manifest to be the active editor', async () => ((await activeTabLabel()).startsWith('labels.manifest') ? true : undefined), async () => `tab "${await activeTabLabel()}"`);
    const file = path.join(folder(), 'labels.manifest');
    const view = await webview('Preview of labels.manifest');
    await until('the preview in edit mode on line 1', async () =>
      (await view.locator('#edit-toggle').getAttribute('aria-pressed')) === 'true' && (await view.locator('#title').textContent())?.endsWith('line 1') ? true : undefined,
    );
    const refs = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)['source-ref'] as string);
    assert.equal(refs.length, COUNT);

    // The keys to the preview: its editor group (the second).
    await press('Control+2');
    await until('the keyboard in the preview', async () => ((await view.locator('body').evaluate((b) => b.ownerDocument.hasFocus())) ? true : undefined));

    const known: string[] = [];
    const sorted = () => [...known].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const expected: Array<{ labels: string[]; box?: string }> = [];
    for (let i = 0; i < COUNT; i++) {
      const step = STEPS[i]!;
      const chips = () => visibleTexts('#labels .chip', view.locator('body')).then((t) => t.map((c) => c.replace(/×$/, '').trim()));
      if ('typed' in step) {
        await press('Enter');
        await until('the image label field to have the keys', async () => ((await view.locator('#chip-label').evaluate((e) => e === e.ownerDocument.activeElement)) ? true : undefined));
        await type(step.typed);
        await press('Enter');
        if (!known.includes(step.typed)) known.push(step.typed);
        expected.push({ labels: [step.typed] });
      } else if ('keys' in step) {
        const labels: string[] = [];
        // The page lists the labels' keys ("1 bird  2 cat"): the person reads them before pressing one.
        const numbered = sorted().map((l, n) => `${n + 1} ${l}`).join(' ');
        const keysShown = async () => ((await view.locator('#label-keys').textContent()) ?? '').replace(/\s+/g, ' ').trim();
        await until(`the page to number the labels "${numbered}"`, async () => ((await keysShown()) === numbered ? true : undefined), keysShown);
        for (const key of step.keys) {
          const label = sorted()[Number(key) - 1]!;
          assert.ok(label, `key ${key} names a label of ${JSON.stringify(sorted())}`);
          await press(key);
          labels.push(label);
          await until(`the chip ${label} on line ${i + 1}`, async () => ((await chips()).includes(label) ? true : undefined), async () => JSON.stringify(await chips()));
        }
        expected.push({ labels });
      } else {
        await press('b');
        await until('the box label field to ask', async () => ((await view.locator('#box-label').evaluate((e) => e === e.ownerDocument.activeElement)) ? true : undefined));
        await type(step.box);
        await press('Enter');
        if (!known.includes(step.box)) known.push(step.box);
        expected.push({ labels: [], box: step.box });
        await until(`the box on line ${i + 1}`, async () => ((await view.locator('svg#image g.box').count()) === 1 ? true : undefined));
      }
      // The chips: the image's labels and its boxes' labels.
      const want = [...expected[i]!.labels, ...(expected[i]!.box ? [expected[i]!.box!] : [])];
      await until(`line ${i + 1}'s chips to read ${JSON.stringify(want)}`, async () => (JSON.stringify([...(await chips())].sort()) === JSON.stringify([...want].sort()) ? true : undefined), async () => JSON.stringify(await chips()));
      if (i < COUNT - 1) {
        await press('n');
        await until(`the preview of line ${i + 2}`, async () => ((await view.locator('#title').textContent())?.endsWith(`line ${i + 2}`) ? true : undefined));
      }
    }
    await press('Escape');
    await until('edit mode off', async () => ((await view.locator('#edit-toggle').getAttribute('aria-pressed')) === 'false' ? true : undefined));

    // Saved with the keyboard: the manifest's editor (the first group), Ctrl+S.
    await press('Control+1');
    await until('the manifest editor focused', async () => ((await activeTabLabel()).startsWith('labels.manifest') ? true : undefined), async () => `tab "${await activeTabLabel()}"`);
    await press('Control+s');
    const saved = await until('the labelled manifest on disk', async () => {
      const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
      return lines.length === COUNT && lines.every((l) => Object.keys(JSON.parse(l)).length > 1) ? lines.map((l) => JSON.parse(l) as Record<string, any>) : undefined;
    }, async () => fs.readFileSync(file, 'utf8').slice(0, 400));

    for (let i = 0; i < COUNT; i++) {
      const line = saved[i]!;
      assert.equal(line['source-ref'], refs[i], `line ${i + 1} keeps its image`);
      const want = expected[i]!;
      const classNames = Object.values(line)
        .filter((v): v is Record<string, any> => typeof v === 'object' && v !== null && typeof v['class-name'] === 'string')
        .map((v) => v['class-name'] as string);
      assert.deepEqual(classNames.sort(), [...want.labels].sort(), `line ${i + 1}'s image labels: ${JSON.stringify(line)}`);
      const boxes = Object.entries(line).filter(([, v]) => typeof v === 'object' && v !== null && Array.isArray(v.annotations));
      if (!want.box) {
        assert.equal(boxes.length, 0, `line ${i + 1} has no boxes`);
        continue;
      }
      assert.equal(boxes.length, 1, `line ${i + 1} has one box attribute: ${JSON.stringify(line)}`);
      const [attribute, value] = boxes[0]!;
      const meta = line[`${attribute}-metadata`];
      const left = Math.round(SIZE.width / 4);
      const top = Math.round(SIZE.height / 4);
      assert.deepEqual(value.image_size, [{ width: SIZE.width, height: SIZE.height, depth: 3 }]);
      assert.deepEqual(value.annotations, [{ class_id: 0, left, top, width: Math.round((3 * SIZE.width) / 4) - left, height: Math.round((3 * SIZE.height) / 4) - top }]);
      assert.deepEqual(meta['class-map'], { '0': want.box });
    }
    await until(`the status bar to read "Labelled ${COUNT} of ${COUNT}"`, async () => ((await visibleTexts('.statusbar-item')).includes(`Labelled ${COUNT} of ${COUNT}`) ? true : undefined), async () =>
      JSON.stringify((await visibleTexts('.statusbar-item')).filter((t) => /Labelled/.test(t))),
    );

    // The built CLI on the saved file: exit 0, nothing to report.
    const lint = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'lint', file], { encoding: 'utf8' });
    assert.equal(lint.status, 0, `custom-labels lint: ${lint.stdout}${lint.stderr}`);
    assert.match(lint.stdout, new RegExp(`\\b${COUNT} lines, 0 errors, 0 warnings\\b`), lint.stdout);
    assert.doesNotMatch(lint.stdout, /labels\.manifest:\d+:\d+/, 'no line reported');
  });
});

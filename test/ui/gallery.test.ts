/**
 * Issue #14, the gallery: the demo dataset's manifest (its 30 JPEGs in the sandbox's S3) shows
 * its cards with the images loaded and the boxes drawn; a label filter narrows them (the count
 * says so); a click on a card reveals its line in the editor. The same dataset pushed to the
 * sandbox shows its gallery from the explorer, and a card opens its entry in the browse document.
 * What each card must show (its boxes, its chips) and the counts come from the fixture's JSON.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { writeDemoImages } from '../../src/sandbox/demo/images';
import { closeEditors, openManifestFile } from './actions';
import { activeTabLabel, cursorPosition, editorLineText, notifications, page, pick, press, problems, quickPickRows, runCommand, screenshot, until, webview } from './driver';
import { chooseFromMenu, openContextMenuOf, showExplorer, showFileExplorer } from './explorer-actions';
import { session } from './session';

const FILE = 'datasets/gallery-demo.manifest';
const MANY = 'datasets/gallery-many.manifest';
const PROJECT = 'ui-gallery';

/**
 * The demo manifest, from its fixture (test/fixtures/sandbox/s3/demo-bucket/demo.manifest, the
 * same lines the sandbox seeds). What each card must show is read from its JSON here, with
 * JSON.parse and nothing of the extension's: the boxes of a line are its `annotations`, each named
 * by the `class-map` of its attribute's metadata; an image-level label is its metadata's `class-name`.
 */
const LINES = fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'sandbox', 's3', 'demo-bucket', 'demo.manifest'), 'utf8').split('\n').filter((l) => l !== '');
interface Expected { ref: string; boxes: number; labels: string[] }
const EXPECTED: Expected[] = LINES.map((text) => {
  const json = JSON.parse(text) as Record<string, unknown>;
  let boxes = 0;
  const labels = new Set<string>();
  for (const [key, value] of Object.entries(json)) {
    const meta = json[`${key}-metadata`] as { 'class-name'?: string; 'class-map'?: Record<string, string> } | undefined;
    if (!meta) continue;
    const annotations = (value as { annotations?: Array<{ class_id: number }> })?.annotations;
    if (Array.isArray(annotations)) {
      boxes += annotations.length;
      for (const a of annotations) {
        const name = meta['class-map']?.[String(a.class_id)];
        if (name !== undefined) labels.add(name);
      }
    } else if (meta['class-name'] !== undefined) labels.add(meta['class-name']);
  }
  return { ref: String(json['source-ref']), boxes, labels: [...labels].sort() };
});
// The fixture's two lines with errors (its README: a box off the image, a class_id missing from
// the class-map); the other 28 have no problems.
const ERROR_REFS = ['s3://demo-bucket/images/street-off-image.jpg', 's3://demo-bucket/images/street-missing-class.jpg'];
const byRef = (ref: string): Expected => {
  const e = EXPECTED.find((x) => x.ref === ref);
  assert.ok(e, `${ref} is a line of the demo fixture`);
  return e;
};

interface Shown {
  count: string;
  cards: Array<{ line: number; ref: string; labels: string[]; loaded: boolean; boxes: number }>;
}

/** What the gallery page shows: its count text and the cards drawn (line, source-ref, chips, image loaded, boxes (a group of a rectangle and its label each)). */
async function shown(view: FrameLocator): Promise<Shown> {
  const count = ((await view.locator('#count').textContent()) ?? '').trim();
  const cards = await view.locator('.card').evaluateAll((els) =>
    els.map((e) => {
      const el = e as unknown as { getAttribute(n: string): string | null; querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
      return {
        line: Number(el.getAttribute('data-line')),
        ref: el.getAttribute('aria-label') ?? '',
        labels: Array.from(el.querySelectorAll('.chip')).map((c) => c.textContent ?? ''),
        loaded: el.querySelectorAll('image.loaded').length === 1,
        boxes: el.querySelectorAll('.box').length,
      };
    }),
  );
  return { count, cards };
}

/** Waits until the page shows what `ok` accepts. */
async function pageShows(view: FrameLocator, what: string, ok: (s: Shown) => boolean): Promise<Shown> {
  let last: Shown | undefined;
  return until(what, async () => {
    last = await shown(view);
    return ok(last) ? last : undefined;
  }, async () => JSON.stringify(last));
}

/** The gallery webview, found by its heading. */
const gallery = (heading: string): Promise<FrameLocator> => webview(heading);

const allLoaded = (s: Shown): boolean => s.cards.length > 0 && s.cards.every((c) => c.loaded);

/**
 * Each card drawn has exactly its line's boxes (a rectangle per annotation of the fixture) and
 * the fixture's labels as chips (the line whose class_id is missing from the class-map excepted:
 * its box has no name in the fixture).
 */
function assertCardsAsInFixture(cards: Shown['cards'], expectedOf: (card: Shown['cards'][number]) => Expected): void {
  for (const c of cards) {
    const e = expectedOf(c);
    assert.equal(c.ref, e.ref, `the card of line ${c.line + 1} shows its line's source-ref`);
    assert.equal(c.boxes, e.boxes, `the card of line ${c.line + 1} (${c.ref}) draws its ${e.boxes} box(es) of the fixture`);
    if (!c.ref.endsWith('street-missing-class.jpg')) assert.deepEqual([...c.labels].sort(), e.labels, `the chips of line ${c.line + 1} (${c.ref})`);
  }
}

describe('UI: the gallery', () => {
  before(async () => {
    const { s3Root, workspace } = session();
    await writeDemoImages(s3Root);
    fs.mkdirSync(path.join(workspace, 'datasets'), { recursive: true });
    fs.writeFileSync(path.join(workspace, FILE), LINES.join('\n') + '\n');
  });
  after(async () => {
    await closeEditors();
    await showFileExplorer();
    // Leave no findings behind for later journeys that read the Problems panel.
    for (const f of [FILE, MANY]) fs.rmSync(path.join(session().workspace, f), { force: true });
    const mine = (rows: string[]) => rows.filter((r) => /gallery-(demo|many)\.manifest|ui-gallery/.test(r));
    await problems('no findings of the gallery\'s files', (rows) => mine(rows).length === 0);
  });

  it('shows the cards of a manifest with images and boxes, a label filter narrows them, a click reveals the line', async () => {
    await openManifestFile(FILE);
    await runCommand('Custom Labels: Show Gallery');
    await until('the question where the images are', async () => ((await quickPickRows()).some((r) => r.startsWith('From S3')) ? true : undefined), async () => JSON.stringify(await quickPickRows()));
    await pick('From S3');
    const view = await gallery(`Gallery of ${FILE}`);

    const all = await pageShows(view, 'the cards with their images loaded, every entry counted', (s) => s.count === `${LINES.length} of ${LINES.length} entries` && allLoaded(s));
    // Only the cards in view (and a row around) are drawn, in file order from the first line.
    assert.ok(all.cards.length < LINES.length, `${all.cards.length} cards drawn of ${LINES.length}`);
    assert.deepEqual(all.cards.map((c) => c.line).sort((a, b) => a - b), all.cards.map((_, i) => i), 'the first cards, in file order');
    assertCardsAsInFixture(all.cards, (c) => EXPECTED[c.line]!);
    assert.equal(await view.locator('#errors-count').textContent(), `(${ERROR_REFS.length})`);

    // Detection cards have their boxes drawn: filter on "car", a box label (8 lines of the fixture).
    const cars = EXPECTED.filter((e) => e.labels.includes('car'));
    assert.equal(cars.length, 8, 'the fixture has 8 lines with a car box');
    const option = view.locator('#label option[value="car"]');
    assert.equal(await option.textContent(), `car (${cars.length})`);
    await view.locator('#label').selectOption('car');
    const filtered = await pageShows(view, 'only the car entries', (s) => s.count === `${cars.length} of ${LINES.length} entries` && allLoaded(s) && s.cards.every((c) => c.labels.includes('car')));
    assert.ok(filtered.cards.length >= 3 && filtered.cards.length <= cars.length, `${filtered.cards.length} cards`);
    // Every car line has a box or two in the fixture: a card drawn without them fails here.
    assertCardsAsInFixture(filtered.cards, (c) => EXPECTED[c.line]!);
    assert.ok(filtered.cards.some((c) => c.boxes === 2), 'the car cards drawn include one with two boxes');
    await screenshot('gallery'); // media/gallery.png in the README

    // A click on the second car card reveals its line in the manifest's editor.
    const target = [...filtered.cards].sort((a, b) => a.line - b.line)[1]!;
    await view.locator(`.card[data-line="${target.line}"]`).click();
    await until(`the cursor on line ${target.line + 1} of ${FILE}`, async () => ((await cursorPosition()) === `Ln ${target.line + 1}, Col 1` && (await activeTabLabel()).startsWith('gallery-demo.manifest') ? true : undefined), async () => `status bar "${await cursorPosition()}", tab "${await activeTabLabel()}"`);
    assert.ok((await editorLineText(target.line + 1)).includes(target.ref.replace('s3://', '')), 'the revealed line is the card\'s');

    // The keyboard: back in the grid, ArrowRight moves to the next car card and Enter reveals its line.
    const next = [...filtered.cards].sort((a, b) => a.line - b.line)[2]!;
    await view.locator('#scroller').focus();
    await until('the clicked card to have the focus', async () => ((await view.locator('.card:focus').getAttribute('data-line').catch(() => null)) === String(target.line) ? true : undefined));
    await press('ArrowRight');
    await until('the next card to have the focus', async () => ((await view.locator('.card:focus').getAttribute('data-line').catch(() => null)) === String(next.line) ? true : undefined));
    await press('Enter');
    await until(`the cursor on line ${next.line + 1}`, async () => ((await cursorPosition()) === `Ln ${next.line + 1}, Col 1` ? true : undefined), async () => `status bar "${await cursorPosition()}"`);

    // The file changes under the gallery (a line inserted at the top): a card still reveals its own line.
    await press('Control+Home');
    await press('Enter');
    await until('the inserted first line', async () => ((await cursorPosition()) === 'Ln 2, Col 1' ? true : undefined), async () => `status bar "${await cursorPosition()}"`);
    await view.locator(`.card[data-line="${target.line}"]`).click();
    // (The editor may have scrolled: the line number is what the status bar says.)
    await until(`the cursor on line ${target.line + 2}, where the card's line moved`, async () => ((await cursorPosition()) === `Ln ${target.line + 2}, Col 1` ? true : undefined), async () => `status bar "${await cursorPosition()}"`);
  });

  it('with 5,000 entries, End jumps to the last cards, which get their images; the first cards are gone from the page', async () => {
    const { workspace } = session();
    // The demo lines over and over (their images are read once: the cache keys by bucket/key/ETag).
    const many = Array.from({ length: 5_000 }, (_, i) => LINES[i % LINES.length]!);
    fs.writeFileSync(path.join(workspace, MANY), many.join('\n') + '\n');
    await closeEditors();
    await openManifestFile(MANY);
    await runCommand('Custom Labels: Show Gallery');
    await until('the question where the images are', async () => ((await quickPickRows()).some((r) => r.startsWith('From S3')) ? true : undefined), async () => JSON.stringify(await quickPickRows()));
    await pick('From S3');
    const view = await gallery('Gallery of datasets/gallery-many.manifest');
    const first = await pageShows(view, 'the first cards with their images', (s) => s.count === '5,000 of 5,000 entries' && allLoaded(s));
    assert.ok(first.cards.length < 100, `${first.cards.length} cards drawn of 5,000`);
    await view.locator('#scroller').focus();
    await press('End');
    const last = await pageShows(view, 'the last cards with their images', (s) => s.cards.some((c) => c.line === 4_999) && allLoaded(s));
    assert.ok(last.cards.every((c) => c.line > 4_800), `only cards near the end are in the page: lines ${last.cards.map((c) => c.line).join(', ')}`);
    // Line i holds the fixture's line i mod 30; the last lines are its detection lines, with boxes.
    assertCardsAsInFixture(last.cards, (c) => EXPECTED[c.line % LINES.length]!);
    assert.ok(last.cards.some((c) => EXPECTED[c.line % LINES.length]!.boxes > 0), 'cards with boxes among the last ones');
    assert.equal(await view.locator('.card:focus').getAttribute('data-line'), '4999', 'the last card has the focus');
  });

  it('shows a dataset from the explorer; a card opens its entry in the browse document', async () => {
    const { service } = session();
    const arn = await service.createProject(PROJECT);
    const train = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
    await service.waitForStatus(train);
    // The lines without problems: the browse document it opens stays open (a virtual document), and
    // its findings would stay in the Problems panel that later journeys read.
    const clean = LINES.filter((_, i) => !ERROR_REFS.includes(EXPECTED[i]!.ref));
    assert.equal(clean.length, LINES.length - 2);
    await service.pushEntries(train, clean);
    await closeEditors();
    await showExplorer(PROJECT);
    // The row offers the gallery once the explorer knows the dataset has entries (its next poll after the push).
    await until('the Training dataset row to offer Show Gallery', async () => {
      if ((await openContextMenuOf(PROJECT, 'Training dataset')).includes('Show Gallery')) return true;
      await press('Escape');
      return undefined;
    });
    // Chosen once: the gallery opens, whatever the explorer redraws meanwhile (a row redrawn under
    // its open menu must not make the command run without its row).
    await chooseFromMenu('Show Gallery');
    const outcome = await until('the gallery to open (or the command to say it ran without its row)', async () => {
      if ((await page().locator('iframe.webview').count()) > 0) return 'opened';
      return (await notifications()).some((n) => n.includes('The gallery shows a Custom Labels manifest')) ? 'no row' : undefined;
    });
    assert.equal(outcome, 'opened', 'Show Gallery chosen on the row ran without its row');
    const view = await gallery(`Gallery of ${PROJECT}`);
    const all = await pageShows(view, 'the dataset\'s cards with their images loaded', (s) => s.count === `${clean.length} of ${clean.length} entries` && allLoaded(s));
    assertCardsAsInFixture(all.cards, (c) => byRef(c.ref));
    // The cards with boxes: filtered on "car", each draws the fixture's boxes of its entry (7 car
    // lines among the clean ones; the off-image one was not pushed).
    const cars = EXPECTED.filter((e) => !ERROR_REFS.includes(e.ref) && e.labels.includes('car'));
    assert.equal(cars.length, 7);
    await view.locator('#label').selectOption('car');
    const filtered = await pageShows(view, 'only the dataset\'s car entries', (s) => s.count === `${cars.length} of ${clean.length} entries` && allLoaded(s) && s.cards.every((c) => c.labels.includes('car')));
    assert.ok(filtered.cards.length >= 3, `${filtered.cards.length} car cards drawn`);
    assertCardsAsInFixture(filtered.cards, (c) => byRef(c.ref));

    const target = [...filtered.cards].sort((a, b) => a.line - b.line)[2]!;
    await view.locator(`.card[data-line="${target.line}"]`).click();
    await until('the browse document with the cursor on the card\'s entry', async () => {
      if (!/Training dataset\.manifest/.test(await activeTabLabel())) return undefined;
      if ((await cursorPosition()) !== `Ln ${target.line + 1}, Col 1`) return undefined;
      return (await editorLineText(target.line + 1)).includes(target.ref.replace('s3://', '')) ? true : undefined;
    }, async () => `tab "${await activeTabLabel()}", status bar "${await cursorPosition()}", line "${(await editorLineText(target.line + 1)).slice(0, 120)}"`);
  });
});

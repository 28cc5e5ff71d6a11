/**
 * The explorer at scale, as a person uses it on an account with 500 projects (another sandbox,
 * seeded with `seedProjects`): a connection switch leaves nothing of the old account on screen;
 * the tree shows a first page and a "Load more…" row that loads the next one; the tree's own find
 * works on the rows loaded; "Filter Projects…" asks the service for one name and the view's
 * header says so; "Clear Filter" brings the pages back.
 *
 * Rows are counted as the workbench announces them (aria-setsize of the tree's top-level rows):
 * the tree draws only the rows in view. The expected counts come from the account's size and the
 * page size the explorer asks DescribeProjects for (50, see the explorer's model), not the code.
 */
import * as assert from 'node:assert/strict';
import { closeEditors } from './actions';
import { notifications, page, pick, press, quickPickRows, screenshot, type, until, visibleTexts, waitForQuickInput } from './driver';
import { chooseFromMenu, openContextMenuOf, showExplorer, showFileExplorer } from './explorer-actions';
import { session } from './session';
import type { Sandbox } from '../../src/sandbox';

const SEEDED = 500;
const PAGE = 50;
const OLD_PROJECT = 'ui-scale-old-account';
const SIDEBAR = '[id="workbench.parts.sidebar"]';
const ROWS = `${SIDEBAR} .monaco-list-row`;

function classificationLine(i: number): string {
  return JSON.stringify({
    'source-ref': `s3://custom-labels-ui/scale/heron-${i}.jpg`,
    bird: 1,
    'bird-metadata': { confidence: 1, 'class-name': 'heron', 'human-annotated': 'yes', 'creation-date': '2024-01-01T00:00:00.000Z', type: 'groundtruth/image-classification' },
  });
}

interface Row { label: string; level: number; pos: number; size: number }

/** The rows the side bar's tree has drawn, with what it announces of each: level, position, set size. */
async function rows(): Promise<Row[]> {
  return page()
    .locator(ROWS)
    .evaluateAll((els) =>
      els.map((e) => {
        const r = e as unknown as { getAttribute(n: string): string | null; querySelector(s: string): { textContent: string | null } | null };
        return {
          label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
          level: Number(r.getAttribute('aria-level') ?? 0),
          pos: Number(r.getAttribute('aria-posinset') ?? 0),
          size: Number(r.getAttribute('aria-setsize') ?? 0),
        };
      }),
    );
}

/** How many top-level rows the tree holds (projects, "Load more…"), as it announces them. */
async function topLevelCount(): Promise<number | undefined> {
  return (await rows()).find((r) => r.level === 1)?.size;
}

async function describeTree(): Promise<string> {
  return JSON.stringify((await rows()).map((r) => `${r.level}:${r.pos}/${r.size} ${r.label}`));
}

/** The editor tabs' names. */
async function tabs(): Promise<string[]> {
  return page().locator('.tabs-container .tab').evaluateAll((els) => els.map((e) => ((e as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-label') ?? '').split(',')[0]!.trim()));
}

/** What the side bar says above the rows: the container's title, the view's header and message. */
async function header(): Promise<string> {
  return (await visibleTexts(`${SIDEBAR} .composite.title, ${SIDEBAR} .pane-header, ${SIDEBAR} .message`)).join(' | ');
}

/** Puts the keyboard focus in the tree (a click on a row in view), unless it is there already. */
async function focusTree(): Promise<void> {
  if (await page().locator(`${SIDEBAR} .monaco-list:focus-within`).count()) return;
  const all = page().locator(ROWS);
  const n = await all.count();
  await all.nth(Math.floor(n / 2)).click();
}

/** Clicks the view's title-bar action whose label starts with `label`. */
async function titleAction(label: string): Promise<void> {
  await page().mouse.move(800, 600); // no tooltip over the title bar
  const action = page().locator(`${SIDEBAR} .actions-container [aria-label^="${label}"]`).first();
  await until(`the "${label}" action in the view's title bar`, async () => ((await action.isVisible()) ? true : undefined), async () =>
    JSON.stringify(await page().locator(`${SIDEBAR} .actions-container .action-label`).evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-label')))),
  );
  await action.click();
}

/** Scrolls the tree to its last row with the keyboard (a click on a row, then End), as a person does. */
async function toLastRow(): Promise<void> {
  await focusTree();
  await press('End');
}

describe('UI: the explorer at scale (500 projects)', () => {
  let other: Sandbox;

  before(async () => {
    const { service } = session();
    const arn = await service.createProject(OLD_PROJECT);
    const train = await service.createDataset(arn, 'TRAIN', { kind: 'empty' });
    await service.waitForStatus(train);
    await service.pushEntries(train, Array.from({ length: 6 }, (_, i) => classificationLine(i)));
    other = await session().startSandbox({ seedProjects: SEEDED });
  });

  after(async () => {
    // Back on the session's sandbox, as the other journeys expect it.
    session().editMachineSettings({ 'customLabels.sandbox.endpoint': session().sandbox.endpoint });
    await until(`the explorer back on the session's sandbox (${OLD_PROJECT})`, async () => ((await rows()).some((r) => r.label === OLD_PROJECT) ? true : undefined), describeTree).catch(() => undefined);
    await closeEditors();
    await showFileExplorer();
  });

  it('switching to another sandbox leaves nothing of the old account on screen: tree, gallery, browse document', async () => {
    await closeEditors();
    await showExplorer(OLD_PROJECT);
    // The old account's dataset open as a person has it: its entries, and its gallery.
    const journeys = [
      { item: 'Browse Dataset Entries…', then: 'All entries', shows: () => tabs().then((t) => t.some((n) => n.includes(OLD_PROJECT) && n.endsWith('.manifest'))) },
      { item: 'Show Gallery', then: undefined, shows: () => tabs().then((t) => t.some((n) => n.startsWith('Gallery:'))) },
    ];
    for (const { item, then, shows } of journeys) {
      // Chosen once on the row: a row redrawn under its open menu must not make the command run
      // without its row (the explorer redraws only rows that changed: ProjectsTree.refreshTargets).
      await until(`the Training dataset row to offer ${item}`, async () => {
        if ((await openContextMenuOf(OLD_PROJECT, 'Training dataset')).includes(item)) return true;
        await press('Escape');
        return undefined;
      });
      await chooseFromMenu(item);
      const next = await until(`${item} to go on (its question, or its tab)`, async () => {
        const asked = await quickPickRows();
        if (asked.some((r) => r.includes(`${OLD_PROJECT} › Training dataset`))) return 'which dataset';
        if (then && asked.some((r) => r.includes(then))) return 'then';
        if (await shows()) return 'shown';
        return (await notifications()).some((n) => n.includes('The gallery shows a Custom Labels manifest')) ? 'no row' : undefined;
      });
      assert.ok(next === 'then' || next === 'shown', `${item} chosen on the row ran without its row (${next})`);
      if (then && next !== 'shown') await pick(then);
      await until(`${item} to open its tab`, async () => ((await shows()) ? true : undefined), async () => `tabs ${JSON.stringify(await tabs())}, notifications ${JSON.stringify(await notifications())}`);
    }
    await screenshot('explorer-scale-before-switch');

    session().editMachineSettings({ 'customLabels.sandbox.endpoint': other.endpoint });
    await until(
      'the other sandbox\'s projects, and nothing of the old account',
      async () => {
        const all = await rows();
        if (!all.some((r) => r.label === 'project-001') || all.some((r) => r.label === OLD_PROJECT)) return undefined;
        const open = await tabs();
        if (open.some((n) => n.includes(OLD_PROJECT) || n.startsWith('Gallery:'))) return undefined;
        // No gallery left: its webview goes with its panel, and its loading notification with it.
        if (await page().locator('iframe.webview').count()) return undefined;
        return (await notifications()).some((n) => /gallery/i.test(n)) ? undefined : true;
      },
      async () => `tree ${await describeTree()}, tabs ${JSON.stringify(await tabs())}, notifications ${JSON.stringify(await notifications())}`,
    );
    await screenshot('explorer-scale-after-switch');
  });

  it(`shows ${PAGE} of ${SEEDED} projects and "Load more…", which loads the next ${PAGE}`, async () => {
    const first = await until(`${PAGE} projects and the "Load more…" row`, async () => ((await topLevelCount()) === PAGE + 1 ? true : undefined), describeTree);
    assert.ok(first);
    await toLastRow();
    const last = await until('the last row in view', async () => {
      const top = (await rows()).filter((r) => r.level === 1);
      const end = top.find((r) => r.pos === PAGE + 1);
      return end ? { end, before: top.find((r) => r.pos === PAGE) } : undefined;
    }, describeTree);
    assert.equal(last.end.label, 'Load more…');
    assert.equal(last.before?.label, `project-0${PAGE}`);
    await page().locator(ROWS).filter({ hasText: 'Load more…' }).first().click();
    await until(`${2 * PAGE} projects and the "Load more…" row`, async () => ((await topLevelCount()) === 2 * PAGE + 1 ? true : undefined), describeTree);
    await toLastRow();
    const after = await until('the last rows after the second page', async () => {
      const top = (await rows()).filter((r) => r.level === 1);
      const end = top.find((r) => r.pos === 2 * PAGE + 1);
      return end ? { end, before: top.find((r) => r.pos === 2 * PAGE) } : undefined;
    }, describeTree);
    assert.equal(after.end.label, 'Load more…');
    assert.equal(after.before?.label, `project-${String(2 * PAGE).padStart(3, '0')}`);
    await screenshot('explorer-scale-second-page');
  });

  it('the tree\'s own find (type to filter) finds a loaded project, and not one of a page not loaded', async () => {
    await focusTree();
    await press('Control+Alt+F');
    const input = page().locator(`${SIDEBAR} .monaco-tree-type-filter input, ${SIDEBAR} .monaco-findInput input`).first();
    await until('the tree\'s find box', async () => ((await input.isVisible()) ? true : undefined));
    await type('project-042');
    await until('project-042 highlighted in the tree', async () => {
      const hits = await page().locator(`${ROWS} .label-name .highlight`).evaluateAll((els) => els.map((e) => (e as unknown as { closest(s: string): { textContent: string | null } | null }).closest('.label-name')?.textContent ?? ''));
      return hits.some((t) => t.trim() === 'project-042') ? true : undefined;
    }, describeTree);
    await screenshot('explorer-scale-find-loaded');
    await press('Control+A');
    await type('project-342');
    await until('the find box to say a project of a page not loaded is not found', async () => {
      // The find box's message is drawn in a context view beside it, outside the side bar's tree.
      const said = (await visibleTexts('.monaco-inputbox-message')).join(' ');
      return /No results/i.test(said) && (await page().locator(`${ROWS} .label-name .highlight`).count()) === 0 ? true : undefined;
    }, async () => `find box ${JSON.stringify(await visibleTexts('.monaco-inputbox-message'))}, tree ${await describeTree()}`);
    await screenshot('explorer-scale-find-not-loaded');
    await press('Escape');
    await page().mouse.move(800, 600); // away from the find box's tooltip
  });

  it('"Filter Projects…" with one name shows just that project and says so; "Clear Filter" brings the first page back', async () => {
    // In the view's "..." menu (the title bar keeps room for its name).
    await titleAction('Views and More Actions');
    await chooseFromMenu('Filter Projects…');
    await waitForQuickInput('the Filter Projects input box');
    const prompt = (await visibleTexts('.quick-input-widget .quick-input-message, .quick-input-widget .quick-input-title')).join(' ');
    assert.match(prompt, /exact/i, `the input box says names are exact: "${prompt}"`);
    await type('project-342');
    await press('Enter');
    await until('only project-342, and the header saying the filter', async () => {
      if ((await topLevelCount()) !== 1) return undefined;
      if (!(await rows()).some((r) => r.level === 1 && r.label === 'project-342')) return undefined;
      return /Filter: project-342 \(exact names\)/.test(await header()) ? true : undefined;
    }, async () => `tree ${await describeTree()}, header "${await header()}"`);
    await screenshot('explorer-scale-filtered');
    await titleAction('Clear Filter');
    await until(`the first page again (${PAGE} and "Load more…"), no filter in the header`, async () => {
      if ((await topLevelCount()) !== PAGE + 1) return undefined;
      return (await header()).includes('Filter:') ? undefined : true;
    }, async () => `tree ${await describeTree()}, header "${await header()}"`);
  });
});

/**
 * Steps in the Custom Labels explorer that journeys share: show it fresh, and open the context
 * menu of a project's row or of one of its datasets' rows (several projects have a "Training
 * dataset" row: the row is found under its project).
 */
import { answerDialog, modalDialog, page, pick, press, quickPickRows, until, visibleTexts } from './driver';

const ROWS = '[id="workbench.parts.sidebar"] .monaco-list-row';

/** Opens the Custom Labels side bar and refreshes it from its title bar, as a person does after changing the account elsewhere. */
export async function showExplorer(project?: string): Promise<void> {
  const refresh = page().locator('[id="workbench.parts.sidebar"] .actions-container [aria-label^="Refresh"]').first();
  // Known by the side bar's title, not by a Refresh button: the file Explorer has one too.
  const title = () => visibleTexts('[id="workbench.parts.sidebar"] .composite.title .title-label h2');
  const showing = async () => ((await title()).some((t) => /^Custom Labels/i.test(t)) ? true : undefined);
  // A click on the activity bar item of the view already showing would close the side bar.
  if (!(await showing())) await page().locator('.activitybar .action-item [aria-label^="Custom Labels"]').first().click();
  await until('the Custom Labels side bar', showing, async () => JSON.stringify(await title()));
  await refresh.click();
  if (!project) return;
  // Many projects (each suite makes its own) fill more than the view: collapse them all from the
  // title bar, as a person does, then open the one at hand.
  const collapse = page().locator('[id="workbench.parts.sidebar"] .actions-container [aria-label^="Collapse All"]').first();
  if (await collapse.count()) await collapse.click();
  const row = await rowUnder(project);
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
  await until(`${project} open in the explorer`, async () => ((await row.getAttribute('aria-expanded')) === 'false' ? undefined : true));
}

async function labels(): Promise<string[]> {
  return page().locator(ROWS).evaluateAll((rows) => rows.map((r) => ((r as unknown as { querySelector(s: string): { textContent: string | null } | null }).querySelector('.label-name')?.textContent ?? '').trim()));
}

/**
 * The row of `project` (no `child`) or of its child row labelled `child` ("Training dataset").
 * The tree draws only the rows in view: when the row is not among them, the list is scrolled on
 * (from the top again once at its end), as a person scrolls to find a project among many.
 */
async function rowUnder(project: string, child?: string) {
  return until(
    child ? `the "${child}" row of ${project} in the explorer` : `the ${project} row in the explorer`,
    async () => {
      const all = await labels();
      const at = all.indexOf(project);
      if (at >= 0 && !child) return page().locator(ROWS).nth(at);
      if (at >= 0) for (let i = at + 1; i < all.length && i < at + 4; i++) if (all[i] === child) return page().locator(ROWS).nth(i);
      await scrollTree(all);
      return undefined;
    },
    async () => JSON.stringify(await labels()),
  );
}

/** Scrolls the explorer's tree by most of its height; back to the top when it was at its end. */
async function scrollTree(before: string[]): Promise<void> {
  const list = page().locator('[id="workbench.parts.sidebar"] .monaco-list').first();
  const box = await list.boundingBox().catch(() => null);
  if (!box) return;
  await page().mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page().mouse.wheel(0, Math.max(100, box.height * 0.6));
  await page().waitForTimeout(200);
  if (JSON.stringify(await labels()) === JSON.stringify(before)) {
    await page().mouse.wheel(0, -1_000_000);
    await page().waitForTimeout(200);
  }
}

/**
 * Right-clicks a project's row, or one of its datasets' rows; returns the context menu's items.
 * The tree re-renders its rows while datasets are described (after a refresh, while one is in
 * progress): a right-click on a row being replaced opens no menu, so look again and click again.
 */
export async function openContextMenuOf(project: string, child?: string): Promise<string[]> {
  const menu = () => visibleTexts('.context-view .monaco-menu .action-item .action-label');
  return until(
    `the context menu of ${child ? `"${child}" under ` : ''}${project}`,
    async () => {
      const row = await rowUnder(project, child);
      await page().mouse.move(800, 600); // no hover tooltip over the row
      await row.click({ button: 'right' });
      const items = await until('the context menu', async () => {
        const shown = (await menu()).filter(Boolean);
        return shown.length ? shown : undefined;
      }, undefined, 2_000).catch(() => undefined);
      // The menu is the row's when the row the right-click focused is labelled so: rows still
      // coming in after a refresh can move another row under the pointer (the CI failure of the
      // Distribute fault test: "No test dataset"'s menu), and a person then sees the wrong menu,
      // closes it and right-clicks the row again.
      const focused = ((await page().locator(`${ROWS}.focused .label-name`).first().textContent({ timeout: 1_000 }).catch(() => null)) ?? '').trim();
      const ours = items !== undefined && focused === (child ?? project);
      if (!ours) await page().keyboard.press('Escape');
      return ours ? items : undefined;
    },
    async () => JSON.stringify(await labels()),
  );
}

/** Puts the side bar back on the file Explorer (Ctrl+Shift+E), as the journeys found it. */
export async function showFileExplorer(): Promise<void> {
  await press('Control+Shift+E');
  const title = () => visibleTexts('[id="workbench.parts.sidebar"] .composite.title .title-label h2');
  await until('the file Explorer in the side bar', async () => ((await title()).some((t) => /^Explorer/i.test(t)) ? true : undefined), async () => JSON.stringify(await title()));
}

/** Chooses an item of the open context menu, clicking again until the menu closes (it may be drawn anew while the tree re-renders). */
export async function chooseFromMenu(title: string): Promise<void> {
  let clicked = false;
  await until(
    `the context menu to close on "${title}"`,
    async () => {
      const item = page().locator('.context-view .monaco-menu .action-item', { hasText: title }).first();
      // Gone after a click: chosen. Never there: the menu lacks it (a failure, not a choice).
      if (!(await item.count()) || !(await item.isVisible())) return clicked ? true : undefined;
      await item.click({ timeout: 2_000 }).catch(() => undefined);
      clicked = true;
      return undefined;
    },
    async () => `the menu holds ${JSON.stringify(await visibleTexts('.context-view .monaco-menu .action-item .action-label'))}`,
  );
}

/**
 * Answers the modal question of a command chosen from a tree row's context menu. When the tree
 * re-rendered the row under the open menu, VS Code runs the command without the row (as from the
 * palette) and it asks for its target first: then the row containing `target` is picked, as a
 * person would, before the question is answered with `button`.
 */
export async function answerTreeCommand(target: string, button: string): Promise<string> {
  const first = await until(`the command to ask (its question, or which ${target})`, async () => {
    if (await modalDialog()) return 'dialog';
    return (await quickPickRows()).some((r) => r.includes(target)) ? 'pick' : undefined;
  });
  if (first === 'pick') await pick(target);
  return answerDialog(button);
}

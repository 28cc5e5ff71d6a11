/**
 * A person at the workbench: what they do (keys, clicks, the command palette, quick open, context
 * menus) and what they read (the suggest widget, the hover, the quick-fix menu, the Problems
 * panel, tree rows, notifications), in terms of the workbench's DOM.
 *
 * Every wait is on what the page shows, with a timeout whose message says what was awaited and
 * what the page showed last; nothing sleeps for a fixed time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { session } from './session';

/** How long a UI wait may take (ms). Generous: the workbench shares 2 slow cores in CI. */
export const UI_WAIT_MS = Number(process.env.CUSTOM_LABELS_UI_WAIT_MS) || 20_000;
/** Between two looks at the page while waiting for it to change. */
const POLL_MS = 100;

export function page(): Page {
  return session().page;
}

/**
 * Resolves with `probe()`'s first result that is not undefined, looking again until `timeoutMs`;
 * then rejects with "Timed out after N s waiting for <what>. The page showed: <describe()>".
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  describe: () => Promise<string> = async () => '',
  timeoutMs = UI_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const seen = await describe().catch((e: unknown) => `(could not read the page: ${String(e)})`);
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.${seen ? ` The page showed: ${seen}` : ''}`);
    }
    await page().waitForTimeout(POLL_MS);
  }
}

/** The text of each visible element matching `selector`, trimmed, in document order (one look at the page). */
export async function visibleTexts(selector: string, root?: Locator): Promise<string[]> {
  const all = root ? root.locator(selector) : page().locator(selector);
  return all.evaluateAll((els) =>
    els
      .filter((e) => (e as unknown as { checkVisibility(): boolean }).checkVisibility())
      .map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
}

// ---------------------------------------------------------------------------------------------
// Doing things

/** Presses keys (playwright names: "Control+Space", "Enter", "F1"). */
export async function press(...keys: string[]): Promise<void> {
  for (const key of keys) await page().keyboard.press(key);
}

/** Types text one key at a time, as a person does (trigger characters fire, pairs auto-close). */
export async function type(text: string): Promise<void> {
  await page().keyboard.type(text);
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;

async function quickInputVisible(): Promise<boolean> {
  return page().locator(QUICK_INPUT).isVisible();
}

/** Waits for the quick input (palette, quick open, a quick pick) to show. */
export async function waitForQuickInput(what: string): Promise<void> {
  await until(what, async () => ((await quickInputVisible()) ? true : undefined));
}

/** The visible rows of the open quick pick. */
export function quickPickRows(): Promise<string[]> {
  return visibleTexts(QUICK_ROWS);
}

/** Picks the quick-pick row whose text contains `text` (waits for it to show). */
export async function pick(text: string): Promise<void> {
  // A locator, not element handles: the list re-renders while it filters, rows come and go.
  const row = page().locator(QUICK_ROWS).filter({ hasText: text }).first();
  await until(`a quick-pick row with "${text}"`, async () => ((await row.isVisible()) ? true : undefined), async () =>
    `rows ${JSON.stringify(await quickPickRows())}`,
  );
  await row.click({ timeout: UI_WAIT_MS });
}

/** Runs a command from the command palette (F1), by the title a person reads there. */
export async function runCommand(title: string): Promise<void> {
  await press('F1');
  await waitForQuickInput('the command palette');
  await type(title);
  await pick(title);
  await until(`the palette to close after "${title}"`, async () => ((await quickInputVisible()) ? undefined : true)).catch(() => {
    // The command may open a quick pick of its own: that is fine, the caller reads it.
  });
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor tab to be active. */
export async function openFile(relative: string): Promise<void> {
  const name = path.basename(relative);
  // The file's own row: its label is the file name (an editor of it, "Gallery: x.manifest", is
  // listed too, among the recently opened).
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page().locator(QUICK_ROWS).filter({ has: page().locator('.label-name', { hasText: exact }) }).first();
  // Quick Open lists what VS Code's file search found when the name was typed, and the list does
  // not change after: a file a suite wrote a moment before may not be found yet (a full run saw
  // no row for 20 s). A person who sees no row closes Quick Open and asks again.
  let seen: string[] = [];
  await until(
    `a quick-open row named "${name}"`,
    async () => {
      await press('Control+P');
      await waitForQuickInput('quick open');
      await type(relative);
      const found = await until('the row', async () => ((await row.isVisible()) ? true : undefined), undefined, 5_000).catch(() => undefined);
      if (found) return true;
      seen = await quickPickRows();
      await press('Escape');
      return undefined;
    },
    async () => `rows ${JSON.stringify(seen)}`,
  );
  await row.click({ timeout: UI_WAIT_MS });
  await until(
    `the editor of ${relative} to be active`,
    async () => ((await activeTabName()) === name ? true : undefined),
    async () => `active tab "${await activeTabName()}"`,
  );
}

/** The active editor tab's file name (its aria-label starts with it, then ", preview" and the like). */
async function activeTabName(): Promise<string | undefined> {
  const tab = page().locator('.editor-group-container.active .tab.active').first();
  if (!(await tab.count())) return undefined;
  return ((await tab.getAttribute('aria-label')) ?? '').split(',')[0]?.trim();
}

const EDITOR = '.editor-group-container.active .monaco-editor';

/** Puts the keyboard focus in the active editor (a click in its text area). */
export async function focusEditor(): Promise<void> {
  await page().locator(`${EDITOR} .view-lines`).first().click();
}

/** Moves the cursor to a 1-based line and column with Go to Line (Ctrl+G). */
export async function goTo(line: number, column = 1): Promise<void> {
  await focusEditor();
  await press('Control+G');
  await waitForQuickInput('Go to Line');
  await type(`${line}:${column}`);
  await press('Enter');
  await until(`the cursor at ${line}:${column}`, async () => ((await cursorPosition()) === `Ln ${line}, Col ${column}` ? true : undefined), async () =>
    `status bar "${await cursorPosition()}"`,
  );
}

/** The status bar's "Ln 3, Col 7". */
export async function cursorPosition(): Promise<string | undefined> {
  const item = page().locator('[id="status.editor.selection"]').first();
  return (await item.count()) ? ((await item.textContent()) ?? '').trim() : undefined;
}

/** Adds a new last line and leaves the cursor on it (Ctrl+End, End, Enter). */
export async function newLastLine(): Promise<void> {
  await focusEditor();
  await press('Control+End', 'End', 'Enter');
}

/** The text of the active editor's line, as rendered (1-based). */
export async function editorLineText(line: number): Promise<string> {
  // The model is not in the DOM; Monaco renders each line in .view-line, ordered by `top`.
  const lines = await page().locator(`${EDITOR} .view-lines .view-line`).evaluateAll((els) =>
    els
      .map((e) => ({ top: parseFloat((e as unknown as { style: { top: string } }).style.top) || 0, text: (e.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
  return lines[line - 1] ?? '';
}

/** The text of the line the cursor is on (short files: the editor has not scrolled). */
export async function cursorLineText(): Promise<string> {
  const at = /Ln (\d+)/.exec((await cursorPosition()) ?? '');
  if (!at) throw new Error(`No cursor position in the status bar ("${await cursorPosition()}")`);
  return editorLineText(Number(at[1]));
}

// ---------------------------------------------------------------------------------------------
// Reading what the workbench shows

const SUGGEST = '.editor-widget.suggest-widget';

/** The suggest widget's state: its rows' labels, or its message ("No suggestions."), once it settles. */
export async function suggestions(what: string): Promise<string[]> {
  return until(
    `the suggest widget with suggestions (${what})`,
    async () => {
      const widget = page().locator(`${SUGGEST}.visible`);
      if (!(await widget.count())) return undefined;
      const labels = await visibleTexts('.monaco-list-row .label-name', widget);
      return labels.length ? labels : undefined;
    },
    describeSuggest,
  );
}

async function describeSuggest(): Promise<string> {
  const widget = page().locator(SUGGEST);
  if (!(await widget.count()) || !(await widget.first().isVisible())) return 'no suggest widget';
  const message = (await visibleTexts('.message', widget)).filter(Boolean);
  const rows = await visibleTexts('.monaco-list-row .label-name', widget);
  return `suggest widget message ${JSON.stringify(message)}, rows ${JSON.stringify(rows)}`;
}

/** Moves the suggest widget's focus to the row labelled `label` with the arrow keys, as a person does, and waits until it is focused. */
export async function focusSuggestion(label: string): Promise<void> {
  const widget = () => page().locator(`${SUGGEST}.visible`);
  const focused = async (): Promise<string | undefined> => (await visibleTexts('.monaco-list-row.focused .label-name', widget()))[0];
  for (let i = 0; i < 20 && (await focused()) !== label; i++) {
    await press('ArrowDown');
    await until(`the suggest widget's focus to move (toward ${label})`, async () => ((await focused()) !== undefined ? true : undefined), describeSuggest);
  }
  await until(`the suggestion ${label} to be focused`, async () => ((await focused()) === label ? true : undefined), describeSuggest);
}

/** Asks for suggestions where the cursor is (Ctrl+Space), as a person does when none showed. */
export async function triggerSuggest(): Promise<void> {
  await press('Control+Space');
}

/** Closes whatever widget is open in the editor (suggest, hover, quick-fix menu). */
export async function escape(): Promise<void> {
  await press('Escape');
}

const HOVER = '.monaco-hover:not(.hidden) .monaco-hover-content';

/** Hovers the mouse over the first rendered occurrence of `text` in the active editor; returns the hover's text. */
export async function hoverOver(text: string): Promise<{ text: string; html: string }> {
  const span = page().locator(`${EDITOR} .view-lines span span`, { hasText: text }).first();
  await until(`"${text}" rendered in the editor`, async () => ((await span.count()) ? true : undefined));
  const box = await span.boundingBox();
  if (!box) throw new Error(`"${text}" has no box on the page`);
  // A few pixels into the text: the hover is for the character under the mouse.
  await page().mouse.move(box.x + Math.min(4, box.width / 2), box.y + box.height / 2);
  return hoverContent(`a hover over ${text}`);
}

/** The hover widget's text and HTML once `ready` accepts its text (it fills in as providers answer). */
export async function hoverContent(what = 'something', ready: (text: string) => boolean = (t) => t.length > 0): Promise<{ text: string; html: string }> {
  let seen = '';
  return until(
    `the hover widget to show ${what}`,
    async () => {
      const hover = page().locator(HOVER).first();
      if (!(await hover.count()) || !(await hover.isVisible())) return undefined;
      seen = ((await hover.textContent()) ?? '').trim();
      return ready(seen) ? { text: seen, html: await hover.innerHTML() } : undefined;
    },
    async () => (seen ? `hover text ${JSON.stringify(seen)}` : 'no hover'),
  );
}

/** Opens the quick-fix menu (Ctrl+.) at the cursor; returns its rows. */
export async function quickFixMenu(): Promise<string[]> {
  const rows = async (): Promise<string[] | undefined> => {
    const found = await visibleTexts('.action-widget .monaco-list-row.action');
    return found.length ? found : undefined;
  };
  // A person who sees no menu (the key went to the editor before its code actions were ready)
  // presses Ctrl+. again: so does this, a few times, within the usual wait.
  const tries = 4;
  for (let i = 1; ; i++) {
    await press('Control+.');
    try {
      return await until('the quick-fix menu', rows, async () => `action widget rows ${JSON.stringify(await visibleTexts('.action-widget .monaco-list-row'))}`, i < tries ? UI_WAIT_MS / tries : UI_WAIT_MS);
    } catch (e) {
      if (i >= tries) throw e;
      await press('Escape');
    }
  }
}

/** Chooses a row of the open quick-fix menu by its title. */
export async function chooseQuickFix(title: string): Promise<void> {
  const row = page().locator('.action-widget .monaco-list-row.action', { hasText: title }).first();
  await row.click();
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its rows once `ready` accepts them. */
export async function problems(what: string, ready: (rows: string[]) => boolean): Promise<string[]> {
  if (!(await page().locator('.markers-panel').isVisible())) await press('Control+Shift+M');
  return until(
    `the Problems panel to show ${what}`,
    async () => {
      const rows = await visibleTexts('.markers-panel .monaco-list-row');
      return ready(rows) ? rows : undefined;
    },
    async () => `rows ${JSON.stringify(await visibleTexts('.markers-panel .monaco-list-row'))}`,
  );
}

/** Rows of the side bar's tree: each row's label and description, as rendered. */
export interface TreeRow {
  label: string;
  description: string;
  /** The row's full text (label + description) as a person reads it. */
  text: string;
  /** The description is cut short with an ellipsis at the sidebar's width. */
  truncated: boolean;
  /** The row's codicon classes (codicon-error, ...). */
  icon: string;
}

export async function sidebarRows(): Promise<TreeRow[]> {
  // No named functions inside: the page gets this function's source, without tsx's helpers.
  return page()
    .locator('[id="workbench.parts.sidebar"] .monaco-list-row')
    .evaluateAll((rows) =>
      rows.map((row) => {
        type El = { textContent: string | null; scrollWidth: number; clientWidth: number; className: string; querySelector(s: string): El | null };
        const r = row as unknown as El;
        const container = r.querySelector('.monaco-icon-label-container');
        const icon = r.querySelector('.custom-view-tree-node-item-icon, .codicon');
        return {
          label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
          description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
          text: (r.textContent ?? '').replace(/\s+/g, ' ').trim(),
          truncated: container ? container.scrollWidth > container.clientWidth + 1 : false,
          icon: icon?.className ?? '',
        };
      }),
    );
}

/**
 * What a person can read of each visible element matching `selector`: the characters whose box
 * ends left of the element's right edge (minus room for an ellipsis), so "Projects (Sandbox)" cut
 * to "Projects..." reads "Projects".
 */
export async function shownTexts(selector: string): Promise<Array<{ text: string; shown: string }>> {
  return page()
    .locator(selector)
    .evaluateAll((els) =>
      els
        .filter((e) => (e as unknown as { checkVisibility(): boolean }).checkVisibility())
        .map((e) => {
          const el = e as unknown as { textContent: string | null; scrollWidth: number; clientWidth: number; getBoundingClientRect(): { right: number }; ownerDocument: any };
          const whole = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
          if (el.scrollWidth <= el.clientWidth + 1) return { text: whole, shown: whole };
          const doc = el.ownerDocument;
          const right = el.getBoundingClientRect().right - 12;
          let shown = '';
          const walker = doc.createTreeWalker(el, 4);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text: string = node.textContent ?? '';
            for (let i = 0; i < text.length; i++) {
              const range = doc.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              if (range.getBoundingClientRect().right <= right) shown += text[i];
            }
          }
          return { text: whole, shown: shown.replace(/\s+/g, ' ').trim() };
        }),
    );
}

/** Right-clicks the side bar's tree row whose text starts with `rowText`; returns the context menu's items. */
export async function openRowContextMenu(rowText: string): Promise<string[]> {
  const rows = page().locator('[id="workbench.parts.sidebar"] .monaco-list-row');
  // Label and description render without a space between them: compare without spaces.
  const wanted = rowText.replace(/\s+/g, '');
  const index = await until(
    `a side bar row starting with "${rowText}"`,
    async () => {
      const texts = await rows.evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, '')));
      const i = texts.findIndex((t) => t.startsWith(wanted));
      return i >= 0 ? i : undefined;
    },
    async () => JSON.stringify((await sidebarRows()).map((r) => r.text)),
  );
  const row = rows.nth(index);
  await row.click({ button: 'right' });
  return until(
    'the context menu',
    async () => {
      const items = (await visibleTexts('.context-view .monaco-menu .action-item .action-label')).filter(Boolean);
      return items.length ? items : undefined;
    },
  );
}

/** Chooses an item of the open context menu by its title. */
export async function chooseMenuItem(title: string): Promise<void> {
  await page().locator('.context-view .monaco-menu .action-item .action-label', { hasText: title }).first().click();
}

/** The open modal dialog's message and buttons (undefined when none shows). */
export async function modalDialog(): Promise<{ message: string; buttons: string[] } | undefined> {
  const box = page().locator('.monaco-dialog-box');
  if (!(await box.count()) || !(await box.first().isVisible())) return undefined;
  const message = (await visibleTexts('.dialog-message-text, .dialog-message-detail', box)).join(' ');
  return { message, buttons: await visibleTexts('.dialog-buttons .monaco-button', box) };
}

/** Waits for a modal dialog and presses its button `label`; returns what the dialog said. */
export async function answerDialog(label: string): Promise<string> {
  const dialog = await until('a modal dialog', modalDialog);
  await page().locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: label }).first().click();
  return dialog.message;
}

/** The visible notification toasts' messages. */
export function notifications(): Promise<string[]> {
  return visibleTexts('.notification-toast .notification-list-item-message');
}

// ---------------------------------------------------------------------------------------------
// Screenshots

/** Saves a screenshot of the whole workbench as `<shotsDir>/<name>.png`; returns its path. */
export async function screenshot(name: string): Promise<string> {
  const { shotsDir } = session();
  fs.mkdirSync(shotsDir, { recursive: true });
  const file = path.join(shotsDir, `${name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100)}.png`);
  await page().screenshot({ path: file });
  return file;
}

// ---------------------------------------------------------------------------------------------
// Webviews

/**
 * The document of the visible webview whose page has an `<h2>` reading `heading`. A webview
 * panel is an `iframe.webview` in the workbench holding the extension's page in a nested
 * `iframe#active-frame`; hidden panels keep their iframes, so look at each. The one found is
 * held by its own name (VS Code names each webview's iframe with the webview's id), not by its
 * place among the others: a webview made or dropped later (a view opened in the panel) shifts
 * the places, and a locator by place would then read another page.
 */
export async function webview(heading: string): Promise<FrameLocator> {
  const outer = page().locator('iframe.webview');
  return until(`a webview showing "${heading}"`, async () => {
    const n = await outer.count();
    for (let i = n - 1; i >= 0; i--) {
      const frame = outer.nth(i);
      if (!(await frame.isVisible())) continue;
      const name = await frame.getAttribute('name', { timeout: 1000 }).catch(() => null);
      if (!name) continue;
      const inner = page().locator(`iframe.webview[name="${name}"]`).contentFrame().frameLocator('iframe#active-frame');
      const h2 = inner.locator('h2', { hasText: heading });
      if (await h2.count().catch(() => 0)) return inner;
    }
    return undefined;
  }, async () => `${await outer.count()} webview iframe(s)`);
}

/** The active editor tab's aria-label (its name, then ", preview" and the like). */
export async function activeTabLabel(): Promise<string> {
  const tab = page().locator('.editor-group-container.active .tab.active').first();
  return (await tab.count()) ? ((await tab.getAttribute('aria-label')) ?? '') : '';
}

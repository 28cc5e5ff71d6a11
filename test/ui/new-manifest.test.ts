/**
 * A new, empty `.manifest` file: the first character typed tells JSON Lines from an XML
 * application manifest, and a `{` makes it a Custom Labels manifest with completion.
 * What a person sees: the status bar names the language within a moment of the keystroke
 * (SWITCH_MS) and keeps naming it; an XML file keeps its language while the person looks on
 * (the status bar is watched for twice that moment, so a late switch fails too).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGE_NAME, closeEditors, languageMode } from './actions';
import { escape, focusEditor, openFile, page, suggestions, type, until } from './driver';
import { session } from './session';

const FILE = 'datasets/new-empty.manifest';
const XML_FILE = 'datasets/new-app.manifest';

/** How long a person waits, after a keystroke, for the status bar to name the language (ms). */
const SWITCH_MS = 3_000;
/** How long the status bar is watched to see that a language stays (ms). */
const WATCH_MS = 2 * SWITCH_MS;
const SAMPLE_MS = 100;

async function waitForLanguage(what: string, language: string, timeoutMs?: number): Promise<void> {
  await until(`${what}: the status bar to say "${language}"`, async () => ((await languageMode()) === language ? true : undefined), async () =>
    `language "${await languageMode()}"`,
  timeoutMs);
}

/** Every language the status bar names while it is watched for `ms`, in order (each change once). */
async function languagesShownFor(ms: number): Promise<string[]> {
  const seen: string[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const now = await languageMode();
    if (seen[seen.length - 1] !== now) seen.push(now);
    await page().waitForTimeout(SAMPLE_MS);
  }
  return seen;
}

describe('UI: a new, empty .manifest file', () => {
  before(() => {
    fs.writeFileSync(path.join(session().workspace, FILE), '');
    fs.writeFileSync(path.join(session().workspace, XML_FILE), '');
  });
  after(closeEditors);
  afterEach(escape);

  it('becomes a Custom Labels manifest when a line starts with {, and offers the keys', async () => {
    await openFile(FILE);
    await waitForLanguage('opened empty', 'Plain Text');
    await focusEditor();
    const typed = Date.now();
    await type('{');
    await waitForLanguage(`within ${SWITCH_MS / 1000} s of typing {`, LANGUAGE_NAME, SWITCH_MS);
    console.log(`    the status bar said "${LANGUAGE_NAME}" ${Date.now() - typed} ms after the keystroke`);
    // And it stays so: nothing switches it back or elsewhere a moment later.
    assert.deepEqual(await languagesShownFor(WATCH_MS), [LANGUAGE_NAME], `the language in the status bar over ${WATCH_MS / 1000} s after the switch`);
    await type('"');
    const rows = await suggestions('after {"');
    assert.ok(rows.includes('source-ref'), `suggestions after {": ${JSON.stringify(rows)}`);
  });

  it('stays as it is when it starts as XML', async () => {
    await closeEditors();
    await openFile(XML_FILE);
    await waitForLanguage('opened empty', 'Plain Text');
    await focusEditor();
    await type('<?xml version="1.0"?>');
    await until('the typed text in the editor', async () => ((await page().locator('.view-lines').innerText()).includes('<?xml') ? true : undefined));
    // The language must not change, now nor a moment later: the status bar is watched for twice
    // as long as a `{` may take to switch it, and names Plain Text all along.
    assert.deepEqual(await languagesShownFor(WATCH_MS), ['Plain Text'], `the language in the status bar over ${WATCH_MS / 1000} s after typing XML`);
  });
});

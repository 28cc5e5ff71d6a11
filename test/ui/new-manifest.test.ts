/**
 * A new, empty `.manifest` file: the first character typed tells JSON Lines from an XML
 * application manifest, and a `{` makes it a Custom Labels manifest with completion.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGE_NAME, closeEditors, languageMode } from './actions';
import { escape, focusEditor, openFile, page, suggestions, type, until } from './driver';
import { session } from './session';

const FILE = 'datasets/new-empty.manifest';
const XML_FILE = 'datasets/new-app.manifest';

async function waitForLanguage(what: string, language: string): Promise<void> {
  await until(`${what}: the status bar to say "${language}"`, async () => ((await languageMode()) === language ? true : undefined), async () =>
    `language "${await languageMode()}"`,
  );
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
    await type('{');
    await waitForLanguage('after typing {', LANGUAGE_NAME);
    await type('"');
    const rows = await suggestions('after {"');
    assert.ok(rows.includes('source-ref'), `suggestions after {": ${JSON.stringify(rows)}`);
  });

  it('stays as it is when it starts as XML', async () => {
    await closeEditors();
    await openFile(XML_FILE);
    await focusEditor();
    await type('<?xml version="1.0"?>');
    // The language must not change: wait until the edit shows, then look once more.
    await until('the typed text in the editor', async () => ((await page().locator('.view-lines').innerText()).includes('<?xml') ? true : undefined));
    assert.notEqual(await languageMode(), LANGUAGE_NAME);
  });
});

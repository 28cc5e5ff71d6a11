/**
 * "Treat File as Custom Labels Manifest" from the command palette is remembered: closed and
 * opened again, the file is still checked as a manifest.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGE_NAME, closeEditors, languageMode } from './actions';
import { openFile, runCommand, until } from './driver';
import { session } from './session';

const FILE = 'datasets/export.txt';
const LINE = JSON.stringify({
  'source-ref': 's3://custom-labels-demo/images/cat-09.jpg',
  animal: 1,
  'animal-metadata': { confidence: 1, 'class-name': 'cat', 'human-annotated': 'yes', 'creation-date': '2024-03-01T10:00:00.000Z', type: 'groundtruth/image-classification' },
});

async function waitForLanguage(what: string, language: string): Promise<void> {
  await until(`${what}: the status bar to say "${language}"`, async () => ((await languageMode()) === language ? true : undefined), async () =>
    `language "${await languageMode()}"`,
  );
}

describe('UI: Treat File as Custom Labels Manifest', () => {
  before(() => fs.writeFileSync(path.join(session().workspace, FILE), `${LINE}\n${LINE.replace('cat-09', 'cat-10')}\n`));
  after(closeEditors);

  it('is remembered when the file is closed and opened again', async () => {
    await openFile(FILE);
    await waitForLanguage('a .txt file opens as text', 'Plain Text');
    await runCommand('Custom Labels: Treat File as Custom Labels Manifest');
    await waitForLanguage('after the command', LANGUAGE_NAME);
    await closeEditors();
    await openFile(FILE);
    await waitForLanguage('opened again', LANGUAGE_NAME);
    assert.equal(await languageMode(), LANGUAGE_NAME);
  });
});

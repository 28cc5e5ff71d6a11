/**
 * The integration tests' entry point, loaded by the extension host
 * (extensionTestsPath = out/test/integration/index). It exports `run()`, as both code-server's
 * smoke-test driver (test/workbench/run.ts) and @vscode/test-electron (run-electron.ts) expect.
 *
 * HOW A SUITE IS PICKED UP — nobody edits this file to add one:
 *   1. write `test/integration/<name>.test.ts` (subfolders too) with mocha BDD globals
 *      (`describe`/`it`) and the `vscode` API; helpers live in `./helpers.ts`;
 *   2. `npm run build` (esbuild.js) bundles every `test/integration/**` `*.test.ts` to
 *      `out/test/integration/<same path>.test.js` (`vscode` and `mocha` stay external);
 *   3. this index loads every `*.test.js` found under its own folder, sorted by path.
 * Only files ending in `.test.ts` are suites; anything else is a helper bundled into them.
 *
 * Environment (set by the runner through the payload's extensionEnvironment):
 *   CUSTOM_LABELS_TEST=1             always, so the extension can tell it runs under test;
 *   CUSTOM_LABELS_TEST_GREP          only tests whose full title matches (runner: --grep);
 *   CUSTOM_LABELS_TEST_COLOR=1       coloured reporter output;
 *   CUSTOM_LABELS_TEST_INSTALLED     the folder of an installed .vsix (runner: --installed): the
 *                                    run fails unless the extension under test is loaded from it;
 *   CUSTOM_LABELS_SCREENSHOT_DONE    a file path: after passing tests, show the explorer view
 *                                    and a manifest with problems, print SCREENSHOT_READY and wait
 *                                    for that file (the runner writes it after its screenshot).
 */
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';
import { INSTALLED_ENV } from './installed-protocol';
import { SCREENSHOT_DONE_ENV } from './screenshot-protocol';
import { prepareScreenshot } from './screenshot-scene';

export async function run(): Promise<void> {
  const installed = process.env[INSTALLED_ENV];
  if (installed) assertLoadedFrom(installed);
  const grep = process.env.CUSTOM_LABELS_TEST_GREP;
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: process.env.CUSTOM_LABELS_TEST_COLOR === '1',
    timeout: 60_000,
    ...(grep ? { grep } : {}),
  });
  const suites = findSuites(__dirname);
  if (suites.length === 0) {
    throw new Error(`No integration suites (*.test.js) in ${__dirname}: run \`npm run build\` first.`);
  }
  for (const file of suites) mocha.addFile(file);

  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  if (failures > 0) throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed.`);

  const doneFile = process.env[SCREENSHOT_DONE_ENV];
  if (doneFile) await prepareScreenshot(doneFile);
}

/** Fails the run unless the extension under test is the copy installed in `folder`. */
function assertLoadedFrom(folder: string): void {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded: installing the .vsix into ${folder} did not take.`);
  const loaded = fs.realpathSync(extension.extensionPath);
  if (loaded !== fs.realpathSync(folder)) {
    throw new Error(`${EXTENSION_ID} is loaded from ${loaded}, not from the installed package in ${folder}: the tests would not test the package.`);
  }
  console.log(`Testing ${EXTENSION_ID} ${String((extension.packageJSON as { version?: unknown }).version)} installed in ${loaded}`);
}

/** Every `*.test.js` under `dir`, sorted, as absolute paths. */
function findSuites(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Steps a person takes in many journeys, built on driver.ts: open a manifest and wait until the
 * workbench treats it as one, put the editors away without saving.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeDemoImages } from '../../src/sandbox/demo/images';
import { escape, openFile, page, runCommand, until, visibleTexts } from './driver';
import { session } from './session';

export const LANGUAGE_NAME = 'Custom Labels Manifest';

/** The language shown in the status bar for the active editor. */
export async function languageMode(): Promise<string> {
  return (await visibleTexts('[id="status.editor.mode"]'))[0] ?? '';
}

/** Opens a file with Quick Open and waits for the status bar to say it is a Custom Labels manifest. */
export async function openManifestFile(relative: string): Promise<void> {
  await openFile(relative);
  await until(
    `${relative} to open as a ${LANGUAGE_NAME}`,
    async () => ((await languageMode()) === LANGUAGE_NAME ? true : undefined),
    async () => `language "${await languageMode()}"`,
  );
}

/** Reverts and closes every open editor (View: Revert and Close Editor), so the next test starts clean. */
export async function closeEditors(): Promise<void> {
  await escape();
  for (let i = 0; i < 20; i++) {
    const tabs = await page().locator('.tabs-container .tab').count();
    if (tabs === 0) return;
    // Clean-up between journeys, not a check: a palette that closed before its row was clicked
    // (focus taken by a view the journey left behind) is opened again.
    for (let attempt = 1; ; attempt++) {
      try {
        await runCommand('View: Revert and Close Editor');
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        await escape();
      }
    }
    await until(`an editor tab to close (${tabs} open)`, async () =>
      (await page().locator('.tabs-container .tab').count()) < tabs ? true : undefined,
    );
  }
}

/**
 * The demo images in the workspace's images/ folder, and the workspace setting that reads them
 * there (.vscode/settings.json written as a person writes it), for a suite's before().
 */
export async function useDemoImagesFolder(): Promise<void> {
  const { workspace } = session();
  await writeDemoImages(path.join(workspace, 'images'));
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'customLabels.images.folder': 'images' }, null, 2));
}

/** A suite's after() with the preview: the mouse off the page, every editor closed, the workspace setting gone. */
export async function leavePreviewSuite(): Promise<void> {
  await page().mouse.move(0, 0);
  await closeEditors();
  fs.rmSync(path.join(session().workspace, '.vscode'), { recursive: true, force: true });
}

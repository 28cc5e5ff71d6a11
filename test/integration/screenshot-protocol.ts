/**
 * What the extension host and the runner (test/workbench/run.ts) agree on for --screenshot.
 * No vscode import: the runner imports it too.
 */

/** Printed through the extension host's console once the scene is set. */
export const SCREENSHOT_READY = '[custom-labels] SCREENSHOT_READY';

/** Environment variable with the file the runner writes after taking the screenshot. */
export const SCREENSHOT_DONE_ENV = 'CUSTOM_LABELS_SCREENSHOT_DONE';

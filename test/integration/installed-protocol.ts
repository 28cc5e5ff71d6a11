/**
 * What the extension host and the runner (test/workbench/run.ts --installed) agree on when the
 * suites test an installed .vsix. No vscode import: the runner imports it too.
 */

/** Environment variable with the folder code-server unpacked the .vsix to. */
export const INSTALLED_ENV = 'CUSTOM_LABELS_TEST_INSTALLED';

/**
 * Every id the extension contributes shares one prefix and lives here:
 * commands, views, settings, context keys, the language id.
 * Pure module: no `vscode` import, so tests and the build can read it.
 */
export const PREFIX = 'customLabels';

/** Language id of a SageMaker Ground Truth / Custom Labels manifest (JSON Lines). */
export const LANGUAGE_ID = 'customlabels-manifest';

/** URI scheme of the read-only documents that show a dataset's entries. */
export const ENTRIES_SCHEME = 'customlabels-entries';

export const VIEW_CONTAINER_ID = 'customLabels';

export const Views = {
  projects: `${PREFIX}.projects`,
} as const;

export const Commands = {
  // Manifest language
  treatAsManifest: `${PREFIX}.treatAsManifest`,
  validateFile: `${PREFIX}.validateFile`,
  showLogs: `${PREFIX}.showLogs`,
} as const;

export const Settings = {
  section: PREFIX,
  /** Per-code severity overrides: { "ERROR_BLANK_LINE": "warning" | "off" | ... }. */
  severityOverrides: 'diagnostics.severityOverrides',
  /** Milliseconds between the last keystroke and re-validation. */
  debounceMs: 'diagnostics.debounceMs',
} as const;

export const ContextKeys = {
  sandboxActive: `${PREFIX}.sandboxActive`,
} as const;

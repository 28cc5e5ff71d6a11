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
  /** AWS region (application scope). */
  region: 'region',
  /** Named profile from the shared config files (application scope). */
  profile: 'profile',
  /** Endpoint override for Rekognition (machine scope: an untrusted workspace cannot redirect traffic). */
  endpoint: 'endpoint',
  /** 'aws' or 'sandbox' (application scope). */
  connection: 'connection',
  /** URL of an already running sandbox to use in 'sandbox' mode; empty: start one inside the extension (machine scope). */
  sandboxEndpoint: 'sandbox.endpoint',
  /** Slowest interval, in ms, between status polls while something is in progress. */
  pollingIntervalMs: 'pollingIntervalMs',
} as const;

export const ContextKeys = {
  sandboxActive: `${PREFIX}.sandboxActive`,
} as const;

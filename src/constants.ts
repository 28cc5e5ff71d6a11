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
  convert: `${PREFIX}.convert`,
  checkTraining: `${PREFIX}.checkTraining`,
  checkProjectTraining: `${PREFIX}.checkProjectTraining`,
  showLabelStatistics: `${PREFIX}.showLabelStatistics`,
  checkImages: `${PREFIX}.checkImages`,
  checkDatasetHealth: `${PREFIX}.checkDatasetHealth`,
  clearHealthFindings: `${PREFIX}.clearHealthFindings`,
  showGallery: `${PREFIX}.showGallery`,
  openPreviewToSide: `${PREFIX}.openPreviewToSide`,
  /** Open Preview to the Side in edit mode, for a manifest URI (another feature opens its new manifest with it). */
  openPreviewInEditMode: `${PREFIX}.openPreviewInEditMode`,
  togglePreviewEditMode: `${PREFIX}.preview.toggleEditMode`,
  labelImages: `${PREFIX}.labelImages`,
  uploadImages: `${PREFIX}.uploadImages`,
  showLogs: `${PREFIX}.showLogs`,
  // Explorer and datasets
  refresh: `${PREFIX}.refresh`,
  retry: `${PREFIX}.retry`,
  createProject: `${PREFIX}.createProject`,
  deleteProject: `${PREFIX}.deleteProject`,
  createDataset: `${PREFIX}.createDataset`,
  deleteDataset: `${PREFIX}.deleteDataset`,
  pushEntries: `${PREFIX}.pushEntries`,
  distribute: `${PREFIX}.distribute`,
  browseEntries: `${PREFIX}.browseEntries`,
  downloadDataset: `${PREFIX}.downloadDataset`,
  listLabels: `${PREFIX}.listLabels`,
  copyArn: `${PREFIX}.copyArn`,
  // Model versions
  trainModel: `${PREFIX}.trainModel`,
  deleteModelVersion: `${PREFIX}.deleteModelVersion`,
  showEvaluation: `${PREFIX}.showEvaluation`,
  showMistakes: `${PREFIX}.showMistakes`,
  startModel: `${PREFIX}.startModel`,
  stopModel: `${PREFIX}.stopModel`,
  showTrainingErrors: `${PREFIX}.showTrainingErrors`,
  detectWithModel: `${PREFIX}.detectWithModel`,
  // Connection
  useSandbox: `${PREFIX}.useSandbox`,
  useAws: `${PREFIX}.useAws`,
  selectProfile: `${PREFIX}.selectProfile`,
  selectRegion: `${PREFIX}.selectRegion`,
  // Explorer at scale
  loadMoreProjects: `${PREFIX}.loadMoreProjects`,
  filterProjects: `${PREFIX}.filterProjects`,
  clearProjectFilter: `${PREFIX}.clearProjectFilter`,
  signInAgain: `${PREFIX}.signInAgain`,
} as const;

export const Settings = {
  section: PREFIX,
  /** Per-code severity overrides: { "ERROR_BLANK_LINE": "warning" | "off" | ... }. */
  severityOverrides: 'diagnostics.severityOverrides',
  /** Open `*.manifest` files holding JSON Lines as manifests. */
  detectManifests: 'detectManifests',
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
  /** A local folder standing in for S3 in the preview (s3://bucket/key read from FOLDER/bucket/key); empty: S3. */
  imagesFolder: 'images.folder',
  /** Check Images reads the end of every image on S3 larger than its first read (one more request each). */
  checkTruncation: 'checkImages.checkTruncation',
} as const;

/** Diagnostic collection names and the `source` shown in the Problems view. */
export const DIAGNOSTIC_SOURCE = 'Custom Labels';

/** Id of the language status item that shows a manifest's totals. */
export const LANGUAGE_STATUS_ID = `${PREFIX}.manifestStatus`;

export const ContextKeys = {
  sandboxActive: `${PREFIX}.sandboxActive`,
  /** AWS mode and the SDK's credential chain found nothing for the selected profile. */
  noCredentials: `${PREFIX}.noCredentials`,
  /** Connected, loaded, and the region holds no Custom Labels project. */
  noProjects: `${PREFIX}.noProjects`,
  /** The explorer shows only the projects named by "Filter Projects…". */
  projectsFiltered: `${PREFIX}.projectsFiltered`,
} as const;

/** Name of the diagnostic collection that maps a dataset's entry errors back to the pushed file. */
export const DATASET_DIAGNOSTICS = `${DIAGNOSTIC_SOURCE} (dataset)`;

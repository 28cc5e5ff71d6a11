/** Training readiness: the training-time failures, predicted from the manifests. Pure: no `vscode` import. */
export * from './check-training';
export { profileDataset, profileDatasetSync, labelsByType, TRAINING_FILE_CODES, type DatasetProfile, type ModelType } from './dataset-profile';
export { textReport } from './report-text';
export { labelStats, type LabelRow, type LabelStats } from './label-stats';

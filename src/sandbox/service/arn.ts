/** Rekognition Custom Labels ARNs: patterns (as in the API model) and builders. */

export const PROJECT_ARN_PATTERN = /^arn:[a-z\d-]+:rekognition:[a-z\d-]+:\d{12}:project\/[a-zA-Z0-9_.\-]{1,255}\/[0-9]+$/;
export const DATASET_ARN_PATTERN =
  /^arn:[a-z\d-]+:rekognition:[a-z\d-]+:\d{12}:project\/[a-zA-Z0-9_.\-]{1,255}\/dataset\/(train|test)\/[0-9]+$/;
export const PROJECT_NAME_PATTERN = /^[a-zA-Z0-9_.\-]+$/;
export const ARN_MIN = 20;
export const ARN_MAX = 2048;

export function projectArn(region: string, account: string, name: string, stamp: number): string {
  return `arn:aws:rekognition:${region}:${account}:project/${name}/${stamp}`;
}

export function datasetArn(project: string, type: 'TRAIN' | 'TEST', stamp: number): string {
  // The dataset ARN extends the project ARN without its numeric suffix.
  const base = project.replace(/\/[0-9]+$/, '');
  return `${base}/dataset/${type.toLowerCase()}/${stamp}`;
}

/** The project name inside a project or dataset ARN. */
export function projectNameOf(arn: string): string {
  const m = /:project\/([^/]+)\//.exec(arn);
  return m ? m[1] : '';
}

export const PROJECT_VERSION_ARN_PATTERN =
  /^arn:[a-z\d-]+:rekognition:[a-z\d-]+:\d{12}:project\/[a-zA-Z0-9_.\-]{1,255}\/version\/[a-zA-Z0-9_.\-]{1,255}\/[0-9]+$/;
export const VERSION_NAME_PATTERN = /^[a-zA-Z0-9_.\-]+$/;

export function projectVersionArn(project: string, versionName: string, stamp: number): string {
  // The version ARN extends the project ARN without its numeric suffix.
  const base = project.replace(/\/[0-9]+$/, '');
  return `${base}/version/${versionName}/${stamp}`;
}

/**
 * Project and dataset ARNs, parsed and checked against the patterns of the Rekognition API
 * reference. Errors say what is wrong, not just "invalid".
 */
import { CustomLabelsError, type DatasetType } from './types';
import { ErrorCodes } from './errors';

interface ArnParts {
  arn: string;
  partition: string;
  region: string;
  account: string;
  /** The project name (1-255 of [a-zA-Z0-9_.-]). */
  projectName: string;
  /**
   * Identifies the project: `arn:<partition>:rekognition:<region>:<account>:project/<name>`.
   * A dataset ARN holds no project number, so compare projects by this key.
   */
  projectKey: string;
}

export interface ProjectArn extends ArnParts {
  /** The numeric suffix of the project ARN (its creation time in ms). */
  projectId: string;
}

export interface DatasetArn extends ArnParts {
  datasetType: DatasetType;
  datasetId: string;
}

const MIN_LEN = 20;
const MAX_LEN = 2048;
const NAME = /^[a-zA-Z0-9_.-]{1,255}$/;
const PREFIX = /^arn:([a-z\d-]+):rekognition:([a-z\d-]+):(\d{12}):(.*)$/;
const PROJECT_RE = /^arn:[a-z\d-]+:rekognition:[a-z\d-]+:\d{12}:project\/[a-zA-Z0-9_.-]{1,255}\/[0-9]+$/;
const DATASET_RE =
  /^arn:[a-z\d-]+:rekognition:[a-z\d-]+:\d{12}:project\/[a-zA-Z0-9_.-]{1,255}\/dataset\/(train|test)\/[0-9]+$/;

const PROJECT_SHAPE = 'arn:aws:rekognition:<region>:<12-digit account>:project/<name>/<number>';
const DATASET_SHAPE = 'arn:aws:rekognition:<region>:<12-digit account>:project/<name>/dataset/train|test/<number>';

function fail(kind: string, arn: string, why: string, shape: string): never {
  const shown = arn.length > 120 ? `${arn.slice(0, 117)}...` : arn;
  throw new CustomLabelsError(
    `"${shown}" is not a ${kind} ARN: ${why}.`,
    ErrorCodes.invalidArn,
    `A ${kind} ARN looks like ${shape}. Copy it from the explorer or from DescribeProjects.`,
  );
}

/** The parts common to both ARN kinds; `rest` is the resource part after the account. */
function parsePrefix(kind: string, arn: string, shape: string) {
  if (typeof arn !== 'string' || arn.length === 0) fail(kind, String(arn ?? ''), 'it is empty', shape);
  if (arn !== arn.trim()) fail(kind, arn, 'it has leading or trailing spaces', shape);
  if (arn.length < MIN_LEN) fail(kind, arn, `it is ${arn.length} characters long; the minimum is ${MIN_LEN}`, shape);
  if (arn.length > MAX_LEN) fail(kind, arn, `it is ${arn.length} characters long; the maximum is ${MAX_LEN}`, shape);
  if (!arn.startsWith('arn:')) fail(kind, arn, 'it must start with "arn:"', shape);
  const fields = arn.split(':');
  if (fields.length < 6) fail(kind, arn, 'it must have the form arn:partition:rekognition:region:account:resource', shape);
  if (fields[2] !== 'rekognition') fail(kind, arn, `the service is "${fields[2]}", expected "rekognition"`, shape);
  if (!/^[a-z\d-]+$/.test(fields[1])) fail(kind, arn, `the partition "${fields[1]}" is not valid`, shape);
  if (!/^[a-z\d-]+$/.test(fields[3])) fail(kind, arn, `the region "${fields[3]}" is not valid (e.g. us-east-1)`, shape);
  if (!/^\d{12}$/.test(fields[4])) fail(kind, arn, `the account "${fields[4]}" must be exactly 12 digits`, shape);
  const m = PREFIX.exec(arn);
  if (!m) fail(kind, arn, 'it must have the form arn:partition:rekognition:region:account:resource', shape);
  const [, partition, region, account, rest] = m;
  const parts = rest.split('/');
  if (parts[0] !== 'project') fail(kind, arn, `the resource part must start with "project/", not "${parts[0]}"`, shape);
  if (parts.length < 3) fail(kind, arn, `the resource part is too short; expected ${shape.split(':').pop()}`, shape);
  const projectName = parts[1];
  if (!NAME.test(projectName)) {
    fail(kind, arn, `the project name "${projectName}" must be 1-255 letters, digits, "_", "." or "-"`, shape);
  }
  const projectKey = `arn:${partition}:rekognition:${region}:${account}:project/${projectName}`;
  return { partition, region, account, projectName, projectKey, parts };
}

export function parseProjectArn(arn: string): ProjectArn {
  const { parts, ...rest } = parsePrefix('project', arn, PROJECT_SHAPE);
  if (parts[2] === 'dataset') fail('project', arn, 'it is a dataset ARN; use the ARN of the project it belongs to', PROJECT_SHAPE);
  if (parts[2] === 'version') fail('project', arn, 'it is a model (project version) ARN', PROJECT_SHAPE);
  if (parts.length > 3) fail('project', arn, 'the resource part must end after project/<name>/<number>', PROJECT_SHAPE);
  const projectId = parts[2];
  if (!/^[0-9]+$/.test(projectId)) fail('project', arn, `the project number "${projectId}" must be digits only`, PROJECT_SHAPE);
  if (!PROJECT_RE.test(arn)) fail('project', arn, 'it does not match the documented pattern', PROJECT_SHAPE);
  return { arn, ...rest, projectId };
}

export function parseDatasetArn(arn: string): DatasetArn {
  const { parts, ...rest } = parsePrefix('dataset', arn, DATASET_SHAPE);
  const why = 'the resource part must end in /dataset/train/<n> or /dataset/test/<n>';
  if (parts.length === 3 && /^[0-9]+$/.test(parts[2])) fail('dataset', arn, `it is a project ARN; ${why}`, DATASET_SHAPE);
  if (parts.length !== 5 || parts[2] !== 'dataset') fail('dataset', arn, why, DATASET_SHAPE);
  const kind = parts[3];
  if (kind !== 'train' && kind !== 'test') {
    fail('dataset', arn, `the dataset type is "${kind}"; it must be "train" or "test"`, DATASET_SHAPE);
  }
  const datasetId = parts[4];
  if (!/^[0-9]+$/.test(datasetId)) fail('dataset', arn, `the dataset number "${datasetId}" must be digits only`, DATASET_SHAPE);
  if (!DATASET_RE.test(arn)) fail('dataset', arn, 'it does not match the documented pattern', DATASET_SHAPE);
  return { arn, ...rest, datasetType: kind === 'train' ? 'TRAIN' : 'TEST', datasetId };
}

export function isProjectArn(arn: string): boolean {
  return typeof arn === 'string' && arn.length >= MIN_LEN && arn.length <= MAX_LEN && PROJECT_RE.test(arn);
}

export function isDatasetArn(arn: string): boolean {
  return typeof arn === 'string' && arn.length >= MIN_LEN && arn.length <= MAX_LEN && DATASET_RE.test(arn);
}

/** The project name of a valid project ARN. */
export function projectNameOf(projectArn: string): string {
  return parseProjectArn(projectArn).projectName;
}

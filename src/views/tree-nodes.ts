/**
 * The elements of the explorer tree. Plain data (no `vscode`): commands receive them as
 * their first argument when run from the tree.
 */
import type { DatasetType } from '../rekognition';

export type TreeNode =
  | { kind: 'project'; projectArn: string }
  | { kind: 'dataset'; projectArn: string; datasetArn: string; type: DatasetType }
  /** A model version of the project, after its datasets (newest first). */
  | { kind: 'version'; projectArn: string; versionArn: string }
  /** The project's model versions could not be listed. */
  | { kind: 'versionsError'; projectArn: string; message: string; code?: string }
  | { kind: 'missingDataset'; projectArn: string; type: DatasetType }
  | { kind: 'error'; message: string; code?: string; datasetArn?: string; type?: DatasetType }
  | { kind: 'message'; message: string }
  /** After the projects shown when DescribeProjects has more pages. */
  | { kind: 'loadMore' }
  /** The one row shown when the credentials are missing, expired or refused. */
  | { kind: 'signedOut'; message: string; code?: string };

export function isTreeNode(value: unknown): value is TreeNode {
  if (!value || typeof value !== 'object') return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'project' || kind === 'dataset' || kind === 'missingDataset' || kind === 'error' || kind === 'message' || kind === 'loadMore' || kind === 'signedOut';
}

/** A model version's row (commands run from it receive it). */
export function isVersionNode(value: unknown): value is Extract<TreeNode, { kind: 'version' }> {
  return !!value && typeof value === 'object' && (value as { kind?: unknown }).kind === 'version' && typeof (value as { versionArn?: unknown }).versionArn === 'string';
}

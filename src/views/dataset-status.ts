/**
 * Pure mapping from a dataset's state to what the tree shows: codicon, contextValue
 * tokens, description and tooltip text. No `vscode` import: unit-tested in plain Node.
 */
import { statusPhase, type Dataset, type DatasetRef, type DatasetStatus, type DatasetType, type Project } from '../rekognition';

export interface StatusIcon {
  /** Codicon id, e.g. `loading~spin`. */
  id: string;
  /** Theme color id, e.g. `errorForeground`. */
  color?: string;
}

/** The codicon for a dataset status: spinning while in progress, a check when complete, red error when failed. */
export function statusIcon(status: DatasetStatus | undefined): StatusIcon {
  switch (statusPhase(status)) {
    case 'busy':
      return { id: 'loading~spin' };
    case 'idle':
      return { id: 'pass', color: 'testing.iconPassed' };
    case 'failed':
      return { id: 'error', color: 'errorForeground' };
    default:
      return { id: 'database' };
  }
}

/** A readable status: "Update in progress". */
export function statusLabel(status: DatasetStatus | undefined): string {
  if (!status) return 'Unknown status';
  const words = status.toLowerCase().split('_');
  return [words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1), ...words.slice(1)].join(' ');
}

/**
 * Why a command that changes a dataset cannot run while it is busy, and what to do:
 * "is being updated (UPDATE_IN_PROGRESS): wait until it is complete, then push again".
 * Undefined when the dataset is not busy. `again` is what the person does next ("push again").
 */
export function busyReason(status: DatasetStatus | undefined, again: string): string | undefined {
  if (statusPhase(status) !== 'busy') return undefined;
  switch (status) {
    case 'CREATE_IN_PROGRESS':
      return `is being created (${status}): wait until it is complete, then ${again}`;
    case 'DELETE_IN_PROGRESS':
      return `is being deleted (${status}): it leaves the explorer when the service is done`;
    default:
      return `is being updated (${status}): wait until it is complete, then ${again}`;
  }
}

export function datasetTypeLabel(type: DatasetType): string {
  return type === 'TRAIN' ? 'Training dataset' : 'Test dataset';
}

/**
 * contextValue of a dataset node: `dataset;<train|test>;<empty|nonempty|unknown>;<busy|idle|failed|unknown>`.
 * `when` clauses match it by regex, e.g. `viewItem =~ /^dataset;train;nonempty;idle$/`.
 */
export function datasetContextValue(type: DatasetType, dataset: Dataset | undefined, ref?: DatasetRef): string {
  const status = dataset?.status ?? ref?.status;
  const size = dataset ? (dataset.stats.totalEntries > 0 ? 'nonempty' : 'empty') : 'unknown';
  return `dataset;${type.toLowerCase()};${size};${statusPhase(status)}`;
}

/** contextValue of a project node: `project;<status>;<train|notrain>;<test|notest>`. */
export function projectContextValue(project: Project): string {
  const has = (t: DatasetType) => project.datasets.some((d) => d.type === t);
  return `project;${project.status.toLowerCase()};${has('TRAIN') ? 'train' : 'notrain'};${has('TEST') ? 'test' : 'notest'}`;
}

/**
 * What shows beside a dataset, most important first, since the side bar cuts the end off:
 * "update failed · 2 errors · 120 entries · 4 labels · 118 labelled". A failure is said in
 * words (the red icon alone does not say it), errors before the counts that are rarely needed.
 */
export function datasetDescription(dataset: Dataset | undefined): string {
  if (!dataset) return '';
  const { totalEntries, labeledEntries, totalLabels, errorEntries } = dataset.stats;
  const parts: string[] = [];
  const phase = statusPhase(dataset.status);
  if (phase === 'busy') parts.push(statusLabel(dataset.status).toLowerCase() + '…');
  if (phase === 'failed') parts.push(statusLabel(dataset.status).toLowerCase());
  if (errorEntries > 0) parts.push(plural(errorEntries, 'error', 'errors'));
  parts.push(plural(totalEntries, 'entry', 'entries'), plural(totalLabels, 'label', 'labels'), `${count(labeledEntries)} labelled`);
  return parts.join(' · ');
}

/** Markdown tooltip: status, message and code, timestamps, ARN. */
export function datasetTooltip(type: DatasetType, dataset: Dataset | undefined, ref: DatasetRef, error?: string): string {
  const status = dataset?.status ?? ref.status;
  const lines = [`**${datasetTypeLabel(type)}**: ${statusLabel(status)}`, ''];
  const message = dataset?.statusMessage ?? ref.statusMessage;
  const code = dataset?.statusMessageCode ?? ref.statusMessageCode;
  if (message) lines.push(`${escapeMarkdown(message)}${code ? ` (\`${code}\`)` : ''}`, '');
  if (error) lines.push(`Could not describe the dataset: ${escapeMarkdown(error)}`, '');
  if (dataset) {
    const s = dataset.stats;
    lines.push(
      `| | |`,
      `|---|---|`,
      `| Entries | ${count(s.totalEntries)} |`,
      `| Labelled | ${count(s.labeledEntries)} |`,
      `| Labels | ${count(s.totalLabels)} |`,
      `| Entries with errors | ${count(s.errorEntries)} |`,
      '',
    );
  }
  const created = dataset?.created ?? ref.created;
  if (created) lines.push(`Created: ${created.toISOString()}  `);
  if (dataset?.lastUpdated) lines.push(`Last updated: ${dataset.lastUpdated.toISOString()}  `);
  lines.push(`ARN: \`${ref.arn}\``);
  return lines.join('\n');
}

function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** 23,086: the side bar cuts the end off, and "230" must not pass for a count. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, (c) => `\\${c}`);
}

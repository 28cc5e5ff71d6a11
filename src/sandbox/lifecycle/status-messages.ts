/** Status messages and terminal failures as the sandbox reports them (code first, then what to do). */
import { Limits, ServiceCodes } from '../../manifest';
import type { StatusTriple } from '../state/records';

export const Messages = {
  creating: 'The dataset is being created.',
  created: 'The dataset was successfully created.',
  createdFromManifest: 'The dataset was successfully created from the manifest file.',
  updating: 'The dataset is being updated.',
  updated: 'The dataset was successfully updated.',
  distributing: 'The dataset entries are being distributed.',
  distributed: 'The dataset entries were successfully distributed.',
  deleting: 'The dataset is being deleted.',
} as const;

export function complete(status: 'CREATE_COMPLETE' | 'UPDATE_COMPLETE', message: string): StatusTriple {
  return { status, message, code: 'SUCCESS' };
}

export function failed(status: 'CREATE_FAILED' | 'UPDATE_FAILED', code: string, detail: string): StatusTriple {
  return { status, message: `${code}: ${detail}`, code: 'CLIENT_ERROR' };
}

/** The guide: "The manifest file has too many terminal errors" (lines with terminal content errors). */
export function tooManyRecordsInError(status: 'CREATE_FAILED' | 'UPDATE_FAILED', terminal: number, lines: number): StatusTriple {
  const pct = lines === 0 ? 0 : Math.round((terminal / lines) * 1000) / 10;
  return failed(
    status,
    ServiceCodes.TOO_MANY_RECORDS_IN_ERROR,
    `the manifest file has too many terminal errors: ${terminal} of ${lines} lines (${pct}%) have terminal content errors (invalid JSON, source-ref missing, malformed or repeated, over 100,000 characters); at most ${Limits.invalidShareThresholdPercent}% may. Nothing was changed. Fix or remove those lines (validate the manifest in the editor) and try again.`,
  );
}

export function tooManyLabels(status: 'CREATE_FAILED' | 'UPDATE_FAILED', labels: number): StatusTriple {
  return failed(
    status,
    ServiceCodes.MANIFEST_TOO_MANY_LABELS,
    `the dataset would have ${labels} labels; at most ${Limits.maxLabelsPerDataset} are allowed. Nothing was changed. Merge or remove labels and try again.`,
  );
}

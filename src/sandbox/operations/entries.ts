/** ListDatasetEntries, ListDatasetLabels, UpdateDatasetEntries. */
import { Limits } from '../../manifest';
import type { Context } from '../service/context';
import { invalidParameter, notReady } from '../service/errors';
import { type Body, checkString, optionalBoolean, optionalList, optionalObject, optionalString, paging, required, requiredDatasetArn } from '../service/input';
import { boxCountOf, ingest, labelsOf, tooManyTerminal, upsert } from '../entries/ingest';
import { filteredPage, page } from '../service/pagination';
import type { DatasetRecord, EntryRecord, StatusTriple } from '../state/records';
import { Messages, complete, failed, tooManyLabels, tooManyRecordsInError } from '../lifecycle/status-messages';
import { beginDataset } from '../lifecycle/transitions';
import { findDataset, requireIdle } from './lookup';

export const MAX_CHANGES_BYTES = 5_242_880;

/** Entries can be listed once the dataset has been created (and until it is deleted). */
function requireListable(d: DatasetRecord): void {
  if (d.status === 'CREATE_IN_PROGRESS' || d.status === 'CREATE_FAILED' || d.status === 'DELETE_IN_PROGRESS') {
    throw notReady(`The dataset ${d.arn} is ${d.status}: its entries cannot be listed. Wait until DescribeDataset shows CREATE_COMPLETE (a failed dataset has no entries: delete it and create it again).`);
  }
}

export function listDatasetEntries(ctx: Context, body: Body): Body {
  const arn = requiredDatasetArn(body);
  const containsLabels = optionalList(body, 'ContainsLabels', 1, 10)?.map((l) => checkString('ContainsLabels', l, 1, 255, /^.{1,}$/));
  const labeled = optionalBoolean(body, 'Labeled');
  const sourceRefContains = optionalString(body, 'SourceRefContains', 1, 2048, /.*\S.*/);
  const hasErrors = optionalBoolean(body, 'HasErrors');
  const { maxResults, nextToken } = paging(body);
  const d = findDataset(ctx, arn);
  requireListable(d);
  const wanted = containsLabels ? new Set(containsLabels) : undefined;
  const keep = (e: EntryRecord) =>
    (!wanted || e.labels.some((l) => wanted.has(l))) &&
    (labeled === undefined || e.labeled === labeled) &&
    (sourceRefContains === undefined || e.sourceRef.includes(sourceRefContains)) &&
    (hasErrors === undefined || e.hasErrors === hasErrors);
  // The filters stay server-side, in the cursor's scope: the token is short whatever they are.
  const scope = JSON.stringify(['ListDatasetEntries', arn, containsLabels ?? null, labeled ?? null, sourceRefContains ?? null, hasErrors ?? null]);
  const result = filteredPage(ctx.cursors, nextToken, maxResults, scope, () => d.entries, keep);
  return { DatasetEntries: result.items.map((e) => e.line), NextToken: result.nextToken };
}

export function listDatasetLabels(ctx: Context, body: Body): Body {
  const arn = requiredDatasetArn(body);
  const { maxResults, nextToken } = paging(body);
  const d = findDataset(ctx, arn);
  requireListable(d);
  // Computed once per listing (first page); later pages slice the cursor's snapshot.
  const result = page(ctx.cursors, nextToken, maxResults, JSON.stringify(['ListDatasetLabels', arn]), () => labelStats(d.entries));
  return {
    DatasetLabelDescriptions: result.items.map((s) => ({ LabelName: s.name, LabelStats: { EntryCount: s.entries, BoundingBoxCount: s.boxes } })),
    NextToken: result.nextToken,
  };
}

interface LabelStats {
  name: string;
  entries: number;
  boxes: number;
}

function labelStats(entries: readonly EntryRecord[]): LabelStats[] {
  const stats = new Map<string, LabelStats>();
  for (const e of entries) {
    for (const l of e.labels) {
      let s = stats.get(l);
      if (!s) stats.set(l, (s = { name: l, entries: 0, boxes: 0 }));
      s.entries++;
      s.boxes += boxCountOf(e, l);
    }
  }
  return [...stats.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Decodes Changes.GroundTruth (base64 on the wire) and checks the 1-5,242,880 byte limit. */
export function decodeGroundTruth(body: Body): Buffer {
  const changes = optionalObject(body, 'Changes');
  if (!changes) required(body, 'Changes');
  const raw = required(changes!, 'GroundTruth');
  if (typeof raw !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(raw) || raw.length % 4 !== 0) {
    throw invalidParameter("Changes.GroundTruth is not base64. Send the JSON Lines as bytes (the SDK encodes a Uint8Array for you).");
  }
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length < 1) throw invalidParameter('Changes.GroundTruth is empty. Send at least one JSON line.');
  if (bytes.length > MAX_CHANGES_BYTES) {
    throw invalidParameter(
      `Changes.GroundTruth is ${bytes.length} bytes; at most ${MAX_CHANGES_BYTES} (5 MB) are allowed per UpdateDatasetEntries call. Split the lines into several calls.`,
    );
  }
  return bytes;
}

export function updateDatasetEntries(ctx: Context, body: Body): Body {
  const arn = requiredDatasetArn(body);
  const bytes = decodeGroundTruth(body);
  const d = findDataset(ctx, arn);
  requireIdle(d, 'update the dataset');
  if (d.status === 'CREATE_FAILED') {
    throw invalidParameter(`The dataset ${arn} failed to be created (${d.statusMessage}). Delete it and create it again before adding entries.`);
  }
  const result = ingest(bytes.toString('utf8'));
  let final: StatusTriple;
  let entries = d.entries;
  if (ctx.faults.failNextUpdate) {
    ctx.faults.failNextUpdate = false;
    final = failed('UPDATE_FAILED', 'SANDBOX_FAULT', 'the sandbox failed this update on purpose (faults.failNextUpdate). Nothing was changed; try again.');
  } else if (tooManyTerminal(result)) {
    final = tooManyRecordsInError('UPDATE_FAILED', result.terminal, result.lines);
  } else {
    entries = upsert(d.entries, result.entries);
    const labels = labelsOf(entries).size;
    final = labels > Limits.maxLabelsPerDataset ? tooManyLabels('UPDATE_FAILED', labels) : complete('UPDATE_COMPLETE', Messages.updated);
  }
  beginDataset(ctx, d, 'UPDATE_IN_PROGRESS', Messages.updating, { final, entries });
  ctx.changed();
  return {};
}

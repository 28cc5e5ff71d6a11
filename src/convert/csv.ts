/**
 * CSV (`image,label[,label...]`, one row per image) to an image-level manifest with one
 * classification attribute per label (multi-label), as AWS's custom_labels_csv_to_manifest.py
 * does: the attribute is named after the label and holds 1; its metadata has confidence 1,
 * job-name "labeling-job/<label>", class-name, human-annotated "yes", creation-date (the
 * conversion time, UTC) and type groundtruth/image-classification. Blank rows and empty label
 * cells are skipped. The first column is the image: an S3 URL as it is, else joined to
 * `--images s3://bucket/prefix/`.
 *
 * Repeated images are reported the way the script does: the first row of an image is used (the
 * script's "-deduplicated.csv"), every later row is listed with its row number (its
 * "-duplicates.csv"), so the user can merge the labels onto one row. Unlike the script we still
 * write the manifest for the other images (the script writes none until the CSV has no repeats).
 * Other differences, by the guide's rules: a label whose name cannot be an attribute name (it
 * contains "-metadata", ends in "-ref", or is a reserved key) gets the attribute "label-<n>" (the
 * script writes the invalid name); a label twice on one row is written once. A row without
 * labels is written as the script writes it, a line with only its source-ref (imported
 * unlabelled), unless the writer leaves unlabelled images out. A first row that names columns
 * ("image,label") is read as a header: noted, not converted, not an error.
 * Fields follow RFC 4180: `"a,b"` is one field, `""` inside quotes is a quote, and a quoted
 * field may hold line breaks (a row then spans lines; it is numbered by its first line). The
 * script reads `|` as its quote character.
 *
 * Rows are read as a stream and each line is written as it is made: its JSON text built directly
 * (no object keyed by label names), valid by construction when its parts pass the validator's
 * limits (`validByConstruction`), otherwise through the writer's validator. Memory: the
 * source-refs written (for repeats), not the input nor the output.
 * Pure: no `vscode` import.
 */
import { Limits, NON_ATTRIBUTE_KEYS, creationDateProblem, sourceRefBucket } from '../manifest';
import { ManifestWriter } from './manifest-writer';
import { isS3Url, joinS3 } from './s3-path';
import type { ConvertResult } from './types';

export interface CsvOptions {
  /** Several inputs into one manifest: pass the same writer (repeated images are found across them). */
  writer?: ManifestWriter;
  images?: string;
  now?: () => Date;
}

/** Lines of a CSV file as they are read: 1-based number of the first, and the lines that are not text (why). */
export interface CsvLines {
  first: number;
  lines: readonly string[];
  /** By index in `lines`: why the line cannot be read (bytes that are not UTF-8). */
  unreadable?: ReadonlyMap<number, string>;
}

/** A whole CSV text (tests, small inputs). */
export function convertCsv(text: string, file: string, options: CsvOptions = {}): ConvertResult {
  const rows = new CsvRows(file, options);
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  rows.push({ first: 1, lines });
  return rows.end();
}

/** A CSV file read as a stream of lines; each line is handed to the writer as it is made. */
export async function convertCsvStream(batches: AsyncIterable<CsvLines>, file: string, options: CsvOptions = {}): Promise<ConvertResult> {
  const rows = new CsvRows(file, options);
  for await (const batch of batches) {
    rows.push(batch);
    const drained = rows.writer.drain();
    if (drained) await drained;
  }
  return rows.end();
}

/** A quoted field left open this many lines is reported, and the lines after its start read as rows again. */
const MAX_ROW_LINES = 1000;

const NO_CELLS: string[] = [];

/** Assembles rows over lines (a quoted field may span lines) and converts each. */
class CsvRows {
  readonly writer: ManifestWriter;
  private readonly prefix: string | undefined;
  private readonly created: string;
  /** The conversion time is a creation-date the validator accepts (it is, unless the clock is past year 9999). */
  private readonly createdValid: boolean;
  /** The lines of a row whose quoted field is still open, and the row's first line number. */
  private open: string[] = [];
  private openAt = 0;
  private openUnreadable: string | undefined;
  private seenRow = false;
  /** Each label's line fragment (by label: a Map, never an object keyed by user strings). */
  private readonly fragments = new Map<string, string>();

  constructor(private readonly file: string, options: CsvOptions) {
    this.writer = options.writer ?? new ManifestWriter();
    this.prefix = options.images;
    // One conversion time for every line (the script takes the clock per label).
    this.created = JSON.stringify((options.now ?? (() => new Date()))().toISOString());
    this.createdValid = creationDateProblem(JSON.parse(this.created)) === undefined;
  }

  push(batch: CsvLines): void {
    const { lines, unreadable } = batch;
    for (let k = 0; k < lines.length; k++) this.line(lines[k], batch.first + k, unreadable?.get(k));
  }

  end(): ConvertResult {
    this.closeOpen();
    return this.writer.result();
  }

  private line(raw: string, n: number, unreadable: string | undefined): void {
    const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (this.open.length > 0) {
      this.open.push(text);
      this.openUnreadable ??= unreadable;
      const cells = parseCsvRow(this.open.join('\n'));
      if (cells) {
        const at = this.openAt;
        const why = this.openUnreadable;
        this.open = [];
        this.openUnreadable = undefined;
        this.row(cells, at, why);
      } else if (this.open.length >= MAX_ROW_LINES) this.closeOpen();
      return;
    }
    if (text.indexOf('"') < 0) return this.row(text === '' ? NO_CELLS : text.split(','), n, unreadable);
    const cells = parseCsvRow(text);
    if (cells) return this.row(cells, n, unreadable);
    this.open = [text];
    this.openAt = n;
    this.openUnreadable = unreadable;
  }

  /** A quoted field never closed: reported at its row, and the lines after it read as rows. */
  private closeOpen(): void {
    if (this.open.length === 0) return;
    const [, ...after] = this.open;
    const at = this.openAt;
    this.open = [];
    this.openUnreadable = undefined;
    this.writer.report({ file: this.file, line: at }, 'skipped', `the row has a quoted field that is not closed${after.length > 0 ? ` within ${after.length + 1} lines` : ''}: close the quote (a quote inside a quoted field is written "").`);
    after.forEach((l, k) => this.line(l, at + 1 + k, undefined));
  }

  private row(cells: readonly string[], row: number, unreadable: string | undefined): void {
    const writer = this.writer;
    const origin = { file: this.file, line: row };
    const first = !this.seenRow;
    if (unreadable !== undefined) {
      this.seenRow = true;
      writer.report(origin, 'skipped', unreadable);
      return;
    }
    const image = cells.length > 0 ? cells[0].trim() : '';
    const labels: string[] = [];
    let twice: string[] | undefined;
    for (let k = 1; k < cells.length; k++) {
      const l = cells[k].trim();
      if (l === '') continue;
      if (!labels.includes(l)) labels.push(l);
      else (twice ??= []).push(l);
    }
    if (image === '' && labels.length === 0) return; // a blank row
    this.seenRow = true;
    if (first && looksLikeHeader(image)) {
      writer.report(origin, 'note', `row ${row} read as a header ("${cells.join(',')}"), not as an image. If "${image}" is an image, give its file name with its extension.`);
      return;
    }
    if (twice) for (const l of twice) writer.report(origin, 'changed', `label "${l}" is listed twice for "${image}"; it is written once.`);
    if (image === '') {
      writer.report(origin, 'skipped', 'the row has no image in its first column.');
      return;
    }
    let sourceRef: string;
    if (image.startsWith('s3://') && isS3Url(image)) sourceRef = image;
    else if (this.prefix !== undefined) sourceRef = joinS3(this.prefix, image);
    else {
      writer.report(origin, 'skipped', `"${image}" is not an S3 URL: pass --images s3://bucket/prefix/ (where the images are uploaded), or write s3://... in the first column.`);
      return;
    }
    const before = writer.firstOf(sourceRef);
    if (before !== undefined) {
      const where = before.file === this.file && before.line !== undefined ? `row ${before.line}` : `${before.file}${before.line !== undefined ? `:${before.line}` : ''}`;
      writer.report(origin, 'skipped', `repeated image "${image}": row ${row} repeats ${where}, whose labels are used; this row's labels (${labels.join(', ') || 'none'}) are not. Put all labels of an image on one row.`);
      return;
    }
    if (labels.length === 0) {
      writer.addUnlabelled(sourceRef, origin);
      return;
    }
    // Attributes given to labels that cannot be one (label-<n>), which a later label may not take.
    let renamed: string[] | undefined;
    let text = `{"source-ref":${JSON.stringify(sourceRef)}`;
    for (let n = 0; n < labels.length; n++) {
      const label = labels[n];
      if (renamed === undefined || !renamed.includes(label)) {
        const cached = this.fragments.get(label);
        if (cached !== undefined) {
          text += cached;
          continue;
        }
        if (nameUsable(label)) {
          const fragment = this.fragment(label, label);
          if (this.fragments.size < MAX_CACHED_LABELS) this.fragments.set(label, fragment);
          text += fragment;
          continue;
        }
      }
      let k = n;
      while (!nameUsable(`label-${k}`) || labels.includes(`label-${k}`) || renamed?.includes(`label-${k}`)) k++;
      const attribute = `label-${k}`;
      (renamed ??= []).push(attribute);
      writer.report(origin, 'changed', `label "${label}" cannot be an attribute name (reserved, or it contains "-metadata" or ends in "-ref"); its attribute is "${attribute}".`);
      text += this.fragment(label, attribute);
    }
    text += '}';
    if (this.createdValid && validByConstruction(text, sourceRef, labels)) writer.addValid(text, origin, { sourceRef, labels });
    else writer.add(text, origin, { sourceRef, labels });
  }

  /** What a label adds to its line: `,"attribute":1,"attribute-metadata":{...}`, as the script writes it. */
  private fragment(label: string, attribute: string): string {
    const q = JSON.stringify(label);
    return (
      `,${attribute === label ? q : JSON.stringify(attribute)}:1,${JSON.stringify(`${attribute}-metadata`)}:` +
      `{"confidence":1,"job-name":${JSON.stringify(`labeling-job/${label}`)},"class-name":${q},"human-annotated":"yes","creation-date":${this.created},"type":"groundtruth/image-classification"}`
    );
  }
}

/**
 * A line this converter built (`{"source-ref":..., then per label its attribute (the label, or
 * "label-<n>" when the label cannot be one, each attribute once) holding 1 and its metadata:
 * confidence 1, job-name, class-name the label, human-annotated "yes", a creation-date the
 * validator accepts, type groundtruth/image-classification}`) on which the validator finds no
 * error: every part of it passes the validator's rules by how it was made, and these are the
 * parts that could still fail, each checked with the validator's own limit or rule:
 * - the source-ref must be a well-formed "s3://bucket/key" (ERROR_INVALID_SOURCE_REF_FORMAT);
 * - each label (a class-name) at most 256 characters (ERROR_INVALID_LABEL_NAME_LENGTH; a label is
 *   never empty here);
 * - at most 50 labels (CL_TOO_MANY_LABELS_PER_IMAGE);
 * - the line at most 100,000 characters (CL_LINE_TOO_LONG).
 * A line that fails one of these goes through the validator (which reports what is wrong).
 */
export function validByConstruction(text: string, sourceRef: string, labels: readonly string[]): boolean {
  if (labels.length > Limits.maxLabelsPerImage || text.length > Limits.maxLineChars) return false;
  for (let k = 0; k < labels.length; k++) if (labels[k].length > Limits.maxLabelNameLength) return false;
  return sourceRefBucket(sourceRef) !== undefined;
}

/** Labels whose line fragment is kept (a CSV has tens to thousands; more are built each time). */
const MAX_CACHED_LABELS = 10_000;

/** A label that can be its own attribute name: not reserved, without "-metadata", not ending in "-ref". */
function nameUsable(name: string): boolean {
  return !NON_ATTRIBUTE_KEYS.has(name) && !name.includes('-metadata') && !name.endsWith('-ref');
}

/** One CSV row's fields (RFC 4180 quoting, `""` inside quotes); undefined when a quote is not closed. */
export function parseCsvRow(row: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (row[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = row.indexOf('"', i);
        if (q < 0) return undefined;
        value += row.slice(i, q);
        if (row[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const comma = row.indexOf(',', i);
      value += comma < 0 ? row.slice(i) : row.slice(i, comma);
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    } else {
      const comma = row.indexOf(',', i);
      fields.push(comma < 0 ? row.slice(i) : row.slice(i, comma));
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

/**
 * A first cell that names a column rather than an image: not an S3 URL and without a file
 * extension ("image", "file_name", "Image Path"). AWS's script has no header row; exports from
 * spreadsheets and labelling tools often do.
 */
function looksLikeHeader(image: string): boolean {
  return image !== '' && !isS3Url(image) && !/\.[A-Za-z0-9]{2,5}$/.test(image) && /^[A-Za-z][A-Za-z _-]*$/.test(image);
}

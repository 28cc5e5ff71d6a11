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
 * Other differences, by the guide's rules: a row without labels is reported and left out (the
 * script writes a line without label attributes); a label whose name cannot be an attribute name
 * (it contains "-metadata", ends in "-ref", or is a reserved key) gets the attribute
 * "label-<n>" (the script writes the invalid name); a label twice on one row is written once.
 * Fields follow RFC 4180 (`"a,b"` is one field); the script reads `|` as its quote character.
 * Pure: no `vscode` import.
 */
import { NON_ATTRIBUTE_KEYS } from '../manifest';
import { ManifestWriter } from './manifest-writer';
import { isS3Url, joinS3 } from './s3-path';
import type { ConvertResult } from './types';

export interface CsvOptions {
  /** Several inputs into one manifest: pass the same writer (repeated images are found across them). */
  writer?: ManifestWriter;
  images?: string;
  now?: () => Date;
}

export function convertCsv(text: string, file: string, options: CsvOptions = {}): ConvertResult {
  const writer = options.writer ?? new ManifestWriter();
  const now = options.now ?? (() => new Date());
  const firstRow = new Map<string, number>();
  const rows = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = i + 1;
    const origin = { file, line: row };
    const cells = parseCsvRow(rows[i].replace(/\r$/, ''));
    if (cells === undefined) {
      writer.report(origin, 'skipped', 'the row has an unterminated quoted field (a field over several lines is not supported): close the quote.');
      continue;
    }
    if (cells.join('').trim() === '') continue;
    const key = cells[0];
    const image = key.trim();
    const labels = cells.slice(1).map((c) => c.trim()).filter((c) => c !== '');
    if (row === 1 && looksLikeHeader(image)) {
      writer.report(origin, 'skipped', `row 1 reads as a header ("${cells.join(',')}"), not an image: left out. If "${image}" is an image, give its file name with its extension.`);
      continue;
    }
    const first = firstRow.get(key);
    if (first !== undefined) {
      writer.report(origin, 'skipped', `repeated image "${image}": row ${row} repeats row ${first}, whose labels are used; this row's labels (${labels.join(', ') || 'none'}) are not. Put all labels of an image on one row.`);
      continue;
    }
    firstRow.set(key, row);
    if (image === '') {
      writer.report(origin, 'skipped', 'the row has no image in its first column.');
      continue;
    }
    let sourceRef: string;
    if (isS3Url(image)) sourceRef = image;
    else if (options.images !== undefined) sourceRef = joinS3(options.images, image);
    else {
      writer.report(origin, 'skipped', `"${image}" is not an S3 URL: pass --images s3://bucket/prefix/ (where the images are uploaded), or write s3://... in the first column.`);
      continue;
    }
    if (labels.length === 0) {
      writer.report(origin, 'skipped', `image "${image}" has no labels: add them after the image (image,label,label...), or leave the row out.`);
      continue;
    }
    const unique = [...new Set(labels)];
    if (unique.length < labels.length) writer.report(origin, 'changed', `a label is listed twice for "${image}"; it is written once.`);
    const entry: Record<string, unknown> = { 'source-ref': sourceRef };
    const created = now().toISOString();
    unique.forEach((label, n) => {
      const attribute = usableAttribute(label, entry) ? label : freeAttribute(n, entry);
      if (attribute !== label) writer.report(origin, 'changed', `label "${label}" cannot be an attribute name (reserved, or it contains "-metadata" or ends in "-ref"); its attribute is "${attribute}".`);
      entry[attribute] = 1;
      entry[`${attribute}-metadata`] = {
        confidence: 1,
        'job-name': `labeling-job/${label}`,
        'class-name': label,
        'human-annotated': 'yes',
        'creation-date': created,
        type: 'groundtruth/image-classification',
      };
    });
    writer.add(entry, origin, { labels: unique });
  }
  return writer.result();
}

function usableAttribute(name: string, entry: Record<string, unknown>): boolean {
  return !NON_ATTRIBUTE_KEYS.has(name) && !name.includes('-metadata') && !name.endsWith('-ref') &&
    !Object.prototype.hasOwnProperty.call(entry, name) && !Object.prototype.hasOwnProperty.call(entry, `${name}-metadata`) &&
    name !== '__proto__';
}

function freeAttribute(n: number, entry: Record<string, unknown>): string {
  for (let k = n; ; k++) if (usableAttribute(`label-${k}`, entry)) return `label-${k}`;
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

/** Helpers shared by the validator's tests. */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { validateLine } from '../../../src/manifest/validate';
import type { Problem, ValidateOptions } from '../../../src/manifest/types';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'manifests');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The guide's example lines (see test/fixtures/manifests/README.md for their order and sources). */
export const GUIDE = fixture('guide-examples.manifest').split('\n').filter((l) => l !== '');

export interface Seen {
  code: string;
  severity: string;
  /** The text the range covers. */
  text: string;
  problem: Problem;
}

export function seen(text: string, options?: ValidateOptions): Seen[] {
  return validateLine(text, 0, options).problems.map((p) => ({ code: p.code, severity: p.severity, text: text.slice(p.start, p.end), problem: p }));
}

/** The one problem with this code on the line (fails when there is none or several). */
export function one(text: string, code: string, options?: ValidateOptions): Seen {
  const all = seen(text, options);
  const found = all.filter((s) => s.code === code);
  assert.strictEqual(found.length, 1, `expected one ${code}, got: ${JSON.stringify(all.map((s) => [s.code, s.text]))}`);
  return found[0];
}

export function codes(text: string, options?: ValidateOptions): string[] {
  return seen(text, options).map((s) => s.code);
}

/** A valid classification line, with parts replaced by the caller. */
export function cls(over: { ref?: string; attr?: string; value?: unknown; meta?: Record<string, unknown>; drop?: string[] } = {}): string {
  const attr = over.attr ?? 'label';
  const meta: Record<string, unknown> = {
    confidence: 1,
    'job-name': 'labeling-job/x',
    'class-name': 'cat',
    'human-annotated': 'yes',
    'creation-date': '2024-05-01T12:00:00Z',
    type: 'groundtruth/image-classification',
    ...over.meta,
  };
  for (const k of over.drop ?? []) delete meta[k];
  return JSON.stringify({ 'source-ref': over.ref ?? 's3://my-bucket/images/1.jpg', [attr]: 'value' in over ? over.value : 0, [`${attr}-metadata`]: meta });
}

export interface Box {
  class_id?: unknown;
  top?: unknown;
  left?: unknown;
  width?: unknown;
  height?: unknown;
  [k: string]: unknown;
}

/** A valid detection line (640x480, two boxes), with parts replaced by the caller. */
export function det(over: { ref?: string; size?: unknown; boxes?: Box[]; objects?: unknown; classMap?: unknown; meta?: Record<string, unknown>; value?: Record<string, unknown> } = {}): string {
  const boxes = over.boxes ?? [
    { class_id: 1, top: 251, left: 399, width: 155, height: 101 },
    { class_id: 0, top: 65, left: 86, width: 220, height: 334 },
  ];
  return JSON.stringify({
    'source-ref': over.ref ?? 's3://my-bucket/images/2.png',
    'bounding-box': { image_size: 'size' in over ? over.size : [{ width: 640, height: 480, depth: 3 }], annotations: boxes, ...over.value },
    'bounding-box-metadata': {
      objects: 'objects' in over ? over.objects : boxes.map(() => ({ confidence: 1 })),
      'class-map': 'classMap' in over ? over.classMap : { '0': 'Echo', '1': 'Echo Dot' },
      type: 'groundtruth/object-detection',
      'human-annotated': 'yes',
      'creation-date': '2013-11-18T02:53:27',
      'job-name': 'my job',
      ...over.meta,
    },
  });
}

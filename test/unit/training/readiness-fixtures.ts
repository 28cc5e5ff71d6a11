/**
 * Training-readiness fixtures: pairs of manifests, each built to trip exactly the codes it names
 * (or none), shared by the readiness tests and the sandbox's training (which must agree on every
 * one of them: one rule set). `importable`: the lines can reach a dataset as they are (the
 * sandbox trains from its datasets' entries; a manifest the import refuses never gets there).
 */
import { TrainingCodes } from '../../../src/training';

const DATE = '2024-05-01T12:00:00Z';

/** An image-level line, one attribute per label. `bad` makes its metadata invalid (confidence 2: a non-terminal error). */
export function cls(ref: string, labels: string[], bad = false): string {
  const line: Record<string, unknown> = { 'source-ref': ref };
  labels.forEach((l, i) => {
    line[`l${i}`] = 1;
    line[`l${i}-metadata`] = { confidence: bad ? 2 : 1, 'class-name': l, 'human-annotated': 'yes', 'creation-date': DATE, type: 'groundtruth/image-classification' };
  });
  return JSON.stringify(line);
}

/** An object-detection line with one box per label. */
export function od(ref: string, labels: string[]): string {
  const classMap: Record<string, string> = {};
  labels.forEach((l, i) => (classMap[String(i)] = l));
  return JSON.stringify({
    'source-ref': ref,
    bb: { image_size: [{ width: 640, height: 480, depth: 3 }], annotations: labels.map((_, i) => ({ class_id: i, left: 10 + i, top: 10, width: 100, height: 100 })) },
    'bb-metadata': { objects: labels.map(() => ({ confidence: 1 })), 'class-map': classMap, type: 'groundtruth/object-detection', 'human-annotated': 'yes', 'creation-date': DATE },
  });
}

let n = 0;
export const img = (bucket = 'my-bucket') => `s3://${bucket}/images/${++n}.jpg`;
export const many = (count: number, make: () => string) => Array.from({ length: count }, make);

export interface ReadinessFixture {
  name: string;
  train: string[];
  test?: string[];
  /** The error and warning codes, in the order they are reported. */
  codes: string[];
  /** The lines reach a dataset unchanged (no line the import drops, an import that succeeds). */
  importable: boolean;
}

const five = ['a', 'b', 'c', 'd', 'e'];

export const READINESS_FIXTURES: ReadinessFixture[] = [
  {
    name: 'a clean pair',
    train: [...many(2, () => cls(img(), ['a'])), ...many(2, () => cls(img(), ['b']))],
    test: [cls(img(), ['a']), cls(img(), ['b'])],
    codes: [],
    importable: true,
  },
  {
    name: 'an image-level training manifest with one label',
    train: many(3, () => cls(img(), ['a'])),
    codes: [TrainingCodes.TOO_FEW_LABELS],
    importable: true,
  },
  {
    name: 'an object-detection training manifest with boxes of one label',
    train: many(2, () => od(img(), ['a'])),
    test: [od(img(), ['a'])],
    codes: [TrainingCodes.TOO_FEW_USABLE_LABELS],
    importable: true,
  },
  {
    name: 'training labels a..e, test a, b: 2 of the 5 training labels are in the test manifest (40%)',
    train: five.flatMap((l) => many(2, () => cls(img(), [l]))),
    test: [cls(img(), ['a']), cls(img(), ['b'])],
    codes: [TrainingCodes.INSUFFICIENT_LABEL_OVERLAP, TrainingCodes.INSUFFICIENT_USABLE_LABEL_OVERLAP],
    importable: true,
  },
  {
    name: 'training labels a, b, test a, b, x, y, z: both training labels are in the test manifest (100%)',
    train: [...many(2, () => cls(img(), ['a'])), ...many(2, () => cls(img(), ['b']))],
    test: ['a', 'b', 'x', 'y', 'z'].map((l) => cls(img(), [l])),
    codes: [],
    importable: true,
  },
  {
    name: 'the training labels are in the test manifest, but on lines of the type the service filters out',
    train: [...many(3, () => cls(img(), ['a'])), ...many(3, () => cls(img(), ['b'])), od(img(), ['c', 'd'])],
    test: [cls(img(), ['c']), cls(img(), ['d']), od(img(), ['a', 'b'])],
    codes: [TrainingCodes.INSUFFICIENT_USABLE_LABEL_OVERLAP],
    importable: true,
  },
  {
    name: '251 labels',
    train: Array.from({ length: 251 }, (_, i) => [cls(img(), [`label-${i}`]), cls(img(), [`label-${i}`])]).flat(),
    codes: [TrainingCodes.TOO_MANY_LABELS],
    importable: false,
  },
  {
    name: '3 of 11 lines have (non-terminal) errors',
    train: [...many(4, () => cls(img(), ['a'])), ...many(4, () => cls(img(), ['b'])), ...many(3, () => cls(img(), ['a'], true))],
    codes: [TrainingCodes.TOO_MANY_INVALID_ROWS],
    importable: true,
  },
  {
    name: 'images in two buckets',
    train: [...many(2, () => cls(img('bucket-one'), ['a'])), ...many(2, () => cls(img('bucket-two'), ['b']))],
    codes: [TrainingCodes.IMAGES_IN_MULTIPLE_BUCKETS],
    importable: true,
  },
  {
    name: 'no test manifest and a label on one image',
    train: [...many(2, () => cls(img(), ['a'])), cls(img(), ['b'])],
    codes: [TrainingCodes.INSUFFICIENT_IMAGES_FOR_AUTOSPLIT],
    importable: true,
  },
  {
    name: '4 of 10 training lines are not JSON (terminal content errors)',
    train: [...many(3, () => cls(img(), ['a'])), ...many(3, () => cls(img(), ['b'])), ...many(4, () => '{not json')],
    codes: [TrainingCodes.TOO_MANY_RECORDS_IN_ERROR],
    importable: false,
  },
  {
    name: 'an empty test manifest',
    train: [...many(2, () => cls(img(), ['a'])), ...many(2, () => cls(img(), ['b']))],
    test: [],
    codes: [TrainingCodes.EMPTY_MANIFEST],
    importable: true,
  },
];

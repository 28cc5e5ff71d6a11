/** Realistic manifest lines for the end-to-end tests. */

export const BUCKET = 'custom-labels-e2e';

/** An image-level classification line the validator accepts. `pad` multi-byte characters go in the job name. */
export function classificationLine(i: number, label: string, pad = 0): string {
  return JSON.stringify({
    'source-ref': `s3://${BUCKET}/images/${label}/img-${String(i).padStart(6, '0')}.jpg`,
    animal: 1,
    'animal-metadata': {
      confidence: 1,
      'job-name': `labeling-job/animal${pad ? `-${'猫'.repeat(pad)}` : ''}`,
      'class-name': label,
      'human-annotated': 'yes',
      'creation-date': '2024-05-01T10:00:00.000Z',
      type: 'groundtruth/image-classification',
    },
  });
}

/** An object-detection line with one box. */
export function detectionLine(i: number, label: string): string {
  return JSON.stringify({
    'source-ref': `s3://${BUCKET}/boxes/img-${i}.png`,
    boxes: {
      image_size: [{ width: 640, height: 480, depth: 3 }],
      annotations: [{ class_id: 0, top: 10, left: 20, width: 100, height: 80 }],
    },
    'boxes-metadata': {
      objects: [{ confidence: 1 }],
      'class-map': { '0': label },
      type: 'groundtruth/object-detection',
      'human-annotated': 'yes',
      'creation-date': '2024-05-01T10:00:00.000Z',
      'job-name': 'labeling-job/boxes',
    },
  });
}

export function sourceRefOf(line: string): string {
  return (JSON.parse(line) as { 'source-ref': string })['source-ref'];
}

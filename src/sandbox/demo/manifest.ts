/**
 * The demo dataset: a mix of classification and object-detection lines over five labels, with
 * two entries the service would flag (a box off the image, a class_id missing from class-map).
 * test/fixtures/sandbox/s3/demo-bucket/demo.manifest holds the same lines (kept equal by a test).
 */
const BUCKET = 'demo-bucket';
const DATE = '2024-05-01T10:00:00.000Z';

function classification(key: string, label: string): string {
  return JSON.stringify({
    'source-ref': `s3://${BUCKET}/images/${key}.jpg`,
    animal: 1,
    'animal-metadata': { confidence: 1, 'class-name': label, 'human-annotated': 'yes', 'creation-date': DATE, type: 'groundtruth/image-classification' },
  });
}

function detection(key: string, boxes: Array<{ label: string; left: number; top: number; width: number; height: number }>, classMap?: Record<string, string>): string {
  const names = [...new Set(boxes.map((b) => b.label))];
  return JSON.stringify({
    'source-ref': `s3://${BUCKET}/images/${key}.jpg`,
    vehicles: {
      image_size: [{ width: 800, height: 600, depth: 3 }],
      annotations: boxes.map((b) => ({ class_id: names.indexOf(b.label), left: b.left, top: b.top, width: b.width, height: b.height })),
    },
    'vehicles-metadata': {
      objects: boxes.map(() => ({ confidence: 1 })),
      'class-map': classMap ?? Object.fromEntries(names.map((n, i) => [String(i), n])),
      type: 'groundtruth/object-detection',
      'human-annotated': 'yes',
      'creation-date': DATE,
    },
  });
}

export function demoManifestLines(): string[] {
  const lines: string[] = [];
  const animals = ['cat', 'dog', 'bird'];
  for (let i = 0; i < 18; i++) lines.push(classification(`animal-${String(i + 1).padStart(3, '0')}`, animals[i % 3]));
  for (let i = 0; i < 10; i++) {
    const boxes = [{ label: i % 2 === 0 ? 'car' : 'bicycle', left: 40 + i * 10, top: 60, width: 200, height: 150 }];
    if (i % 3 === 0) boxes.push({ label: 'car', left: 400, top: 300, width: 120, height: 90 });
    lines.push(detection(`street-${String(i + 1).padStart(3, '0')}`, boxes));
  }
  // Two entries with non-terminal errors, as ListDatasetEntries shows them.
  lines.push(detection('street-off-image', [{ label: 'car', left: 700, top: 500, width: 300, height: 200 }]));
  lines.push(detection('street-missing-class', [{ label: 'car', left: 10, top: 10, width: 100, height: 100 }], { '7': 'car' }));
  return lines;
}

/**
 * The images the demo workspace's manifests name (test/fixtures/workspace/datasets/*.manifest,
 * which `npm start` opens): written into the sandbox's S3 folder with the demo project's images,
 * so Open Preview, Show Gallery and Check Images on them show pictures. Sizes and boxes are the
 * manifests' own; test/unit/sandbox/demo/workspace.test.ts checks every s3:// source-ref there
 * is served as declared (a manifest line added there without its image here fails it).
 */

const BUCKET = 'custom-labels-demo';
/** Classification lines declare no size: a square picture. */
const SQUARE = 256;
const ROOM = { width: 640, height: 480 };

/** An image the sandbox draws and writes into its S3 folder at seed time. */
export interface DemoImage {
  /** Where it is written: the demo project's bucket unless said. */
  bucket?: string;
  /** A key ending in .png is written as PNG, any other as JPEG. */
  key: string;
  width: number;
  height: number;
  shapes: Array<{ label: string; left: number; top: number; width: number; height: number; round: boolean }>;
}

function animal(key: string, label: string): DemoImage {
  return { bucket: BUCKET, key: `images/${key}`, width: SQUARE, height: SQUARE, shapes: [{ label, left: SQUARE / 4, top: SQUARE / 4, width: SQUARE / 2, height: SQUARE / 2, round: true }] };
}

/** The two devices of train.manifest's room-01 (and the guide's IMG_13 line), as their boxes place them. */
const DEVICES = [
  { label: 'Echo Dot', left: 399, top: 251, width: 155, height: 101, round: false },
  { label: 'Echo', left: 86, top: 65, width: 220, height: 334, round: false },
];

export function workspaceImages(): DemoImage[] {
  return [
    animal('cat-01.jpg', 'cat'),
    animal('dog-01.jpg', 'dog'),
    animal('cat-02.jpg', 'cat'),
    animal('dog-03.jpg', 'dog'),
    { bucket: BUCKET, key: 'images/room-01.png', ...ROOM, shapes: DEVICES },
    // problems.manifest: the box runs off the right edge (the line's deliberate error); drawn up to the edge.
    { bucket: BUCKET, key: 'images/room-02.png', ...ROOM, shapes: [{ label: 'Echo', left: 500, top: 40, width: 300, height: 200, round: false }] },
    { bucket: 'custom-labels-bucket', key: 'images/IMG_13.png', ...ROOM, shapes: DEVICES },
  ];
}

/**
 * Dataset health: what a training manifest (and its test manifest) holds that no validator rule
 * sees, over the images' fingerprints (read-images.ts) and the per-label counts src/training
 * already makes (profileDataset, labelStats). Each finding: a code (CL_HEALTH_..., codes.ts),
 * its numbers, what to do, and the 1-based lines of each file involved.
 *
 * What it finds, and the guide's words for each:
 * - the same content under different source-refs (duplicates), and an image in both datasets
 *   (md-prepare-images.md: "Images in your test dataset shouldn't be images that are in the
 *   training dataset"): exact by SHA-256 or source-ref, near by dHash (near-duplicates.ts);
 * - too few training images ("Use at least 10 images to train your model"), the imbalance of
 *   images per label (no figure in the guide: a warning from 10:1, ours), test labels training
 *   lacks, labels too thin for the automatic 80/20 split (tm-debugging-aggregate-errors.md), test
 *   labels over limits.md's "Maximum number of images per label is 1000" (testing);
 * - boxes at most 1 px on a side once the longest side is scaled to 1280 (the service's
 *   ERROR_BOUNDING_BOX_TOO_SMALL) or under 4 px, boxes covering 95% of their image, images with 45
 *   or more of the 50 boxes allowed (limits.md), image sizes and aspect ratios against
 *   64..4096 px and 20:1 (limits.md), as distributions.
 * Pure: no `vscode` import.
 */
import { Limits, LocalCodes, scaleFactor } from '../manifest';
import { MAX_ASPECT_RATIO, MAX_SIDE_PX, MIN_SIDE_PX } from '../images';
import { labelStats, profileDataset, MIN_IMAGES_PER_LABEL_FOR_AUTOSPLIT } from '../training';
import { healthLinesInSteps, linesInSteps, Pacer, type HealthLine } from './dataset-lines';
import { hashOfHex } from './dhash';
import { nearClustersInSteps, NEAR_THRESHOLD } from './near-duplicates';
import { locationKey, type ImageRead } from './read-images';

export type HealthCode = (typeof LocalCodes)[Extract<keyof typeof LocalCodes, `HEALTH_${string}`>];
export type DatasetName = 'train' | 'test';

export interface HealthFinding {
  code: HealthCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
  action: string;
  numbers: Record<string, number>;
  /** 1-based lines of each manifest involved, ascending; an empty list: about that manifest as a whole. */
  lines: Partial<Record<DatasetName, number[]>>;
}

export interface HealthReport {
  findings: HealthFinding[];
  /** Images (distinct source-refs) per dataset, and how many were fingerprinted. */
  images: Partial<Record<DatasetName, { images: number; fingerprinted: number }>>;
  threshold: number;
}

export interface HealthInput {
  train: readonly string[];
  test?: readonly string[];
  /** What reading each image gave, by read-images.ts's locationKey; absent: no image was read. */
  images?: ReadonlyMap<string, ImageRead>;
  /** dHash bits apart for near-duplicates (default NEAR_THRESHOLD). */
  threshold?: number;
}

/** Guide: "Use at least 10 images to train your model" (md-prepare-images.md). */
export const MIN_TRAINING_IMAGES = 10;
/** The imbalance ratio from which it is a warning (ours: the guide gives no figure). */
export const IMBALANCE_WARNING_RATIO = 10;
/** The automatic split's test share (20%): a label needs 5 images for one test image on average. */
export const SPLIT_MIN_IMAGES = 5;
/** limits.md, testing: "Maximum number of images per label is 1000". */
export const MAX_TEST_IMAGES_PER_LABEL = 1000;
/** A box side under this (px, scaled to 1280) is hard to learn; at most Limits.minBoxSidePx the service rejects it. */
export const SMALL_BOX_PX = 4;
/** A box covering this share of its image or more. */
export const IMAGE_SIZED_BOX_SHARE = 0.95;
/** Boxes on one image from which it is near the limit (Limits.maxBoxesPerImage, 50). */
export const MANY_BOXES = 45;

export async function checkHealth(input: HealthInput): Promise<HealthReport> {
  const threshold = input.threshold ?? NEAR_THRESHOLD;
  // In steps: an editor's host runs this over up to 250,000 lines (dataset-lines.ts).
  const sets: Array<[DatasetName, HealthLine[]]> = [['train', await healthLinesInSteps(input.train)]];
  if (input.test) sets.push(['test', await healthLinesInSteps(input.test)]);
  const findings: HealthFinding[] = [];
  const fp = (l: HealthLine) => {
    const r = l.location && input.images?.get(locationKey(l.location));
    return r && 'fingerprint' in r ? r.fingerprint : undefined;
  };
  // Every loop over the lines in steps (`pace`): 100,000 lines held the host ~0.7 s in one block.
  const pace = new Pacer();
  const images: HealthReport['images'] = {};
  for (const [name, lines] of sets) {
    let fingerprinted = 0;
    for (const l of lines) {
      if (fp(l)) fingerprinted++;
      if (pace.due()) await pace.pause();
    }
    images[name] = { images: lines.length, fingerprinted };
  }

  await duplicates(sets, fp, findings, pace);
  await near(sets, fp, threshold, findings, pace);
  await labels(input, sets, findings, pace);
  for (const [name, lines] of sets) {
    await boxes(name, lines, fp, findings, pace);
    await sizes(name, lines, fp, findings, pace);
    await unreadable(name, lines, input.images, findings, pace);
  }
  const order = { error: 0, warning: 1, info: 2 };
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  return { findings, images, threshold };
}

type Fp = (l: HealthLine) => { sha256: string; dhash: string; width: number; height: number } | undefined;

const dsName = (d: DatasetName) => (d === 'train' ? 'training' : 'test');

/** Exact: one content (SHA-256, else the source-ref) on several lines. */
async function duplicates(sets: Array<[DatasetName, HealthLine[]]>, fp: Fp, out: HealthFinding[], pace: Pacer): Promise<void> {
  const groups = new Map<string, Array<[DatasetName, HealthLine]>>();
  for (const [name, lines] of sets) {
    for (const l of lines) {
      const k = fp(l)?.sha256 ?? `ref:${l.ref}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push([name, l]);
      if (pace.due()) await pace.pause();
    }
  }
  for (const [key, g] of groups) {
    if (pace.due()) await pace.pause();
    if (g.length < 2) continue;
    const lines = linesOf(g);
    const refs = [...new Set(g.map(([, l]) => l.ref))];
    const shown = refs.slice(0, 3).join(', ') + (refs.length > 3 ? ', ...' : '');
    if (lines.train && lines.test) {
      const sameRef = key.startsWith('ref:') || refs.length === 1;
      out.push({
        code: LocalCodes.HEALTH_TRAIN_TEST_LEAK,
        severity: 'error',
        message: `The same image is in the training and the test dataset (${sameRef ? 'one source-ref' : 'one content under different source-refs'}: ${shown}); the test scores would flatter the model.`,
        action: 'Keep each image in one dataset: remove its lines from the test manifest (or from the training one).',
        numbers: { trainLines: lines.train.length, testLines: lines.test.length, sourceRefs: refs.length },
        lines,
      });
    } else {
      const name = lines.train ? 'train' : 'test';
      out.push({
        code: LocalCodes.HEALTH_DUPLICATE_IMAGE,
        severity: 'warning',
        message: `${refs.length} source-refs of the ${dsName(name)} dataset are the same image (the same bytes): ${shown}.`,
        action: 'Keep one of them: remove the other lines (and the copies in S3), or replace them with other pictures.',
        numbers: { images: refs.length },
        lines,
      });
    }
  }
}

/** Near: clusters of distinct contents whose dHashes are within the threshold. */
async function near(sets: Array<[DatasetName, HealthLine[]]>, fp: Fp, threshold: number, out: HealthFinding[], pace: Pacer): Promise<void> {
  const byContent = new Map<string, Array<[DatasetName, HealthLine]>>();
  const hashes: Array<{ hi: number; lo: number }> = [];
  const keys: string[] = [];
  for (const [name, lines] of sets) {
    for (const l of lines) {
      if (pace.due()) await pace.pause();
      const f = fp(l);
      const h = f && hashOfHex(f.dhash);
      if (!f || !h) continue;
      let g = byContent.get(f.sha256);
      if (!g) {
        byContent.set(f.sha256, (g = []));
        hashes.push(h);
        keys.push(f.sha256);
      }
      g.push([name, l]);
    }
  }
  // In steps: 100,000 hashes are seconds of comparisons.
  for (const c of await nearClustersInSteps(hashes, threshold)) {
    const g = c.members.flatMap((i) => byContent.get(keys[i]!)!);
    const lines = linesOf(g);
    const refs = [...new Set(g.map(([, l]) => l.ref))];
    const shown = refs.slice(0, 3).join(', ') + (refs.length > 3 ? ', ...' : '');
    const numbers = { images: c.members.length, maxDistance: c.maxDistance, threshold };
    if (lines.train && lines.test) {
      out.push({
        code: LocalCodes.HEALTH_NEAR_TRAIN_TEST_LEAK,
        severity: 'error',
        message: `${c.members.length} images that look the same (dHash at most ${c.maxDistance} of 64 bits apart) are in both the training and the test dataset: ${shown}; the test scores would flatter the model.`,
        action: 'Move every image of this group into one dataset (most often: remove them from the test manifest).',
        numbers: { ...numbers, trainLines: lines.train.length, testLines: lines.test.length },
        lines,
      });
    } else {
      const name = lines.train ? 'train' : 'test';
      out.push({
        code: LocalCodes.HEALTH_NEAR_DUPLICATE,
        severity: 'warning',
        message: `${c.members.length} images of the ${dsName(name)} dataset look the same (re-encoded, resized or slightly cropped copies; dHash at most ${c.maxDistance} of 64 bits apart): ${shown}.`,
        action: 'Keep the best of them, or make sure they are meant to be there (bursts of one scene teach the model little).',
        numbers,
        lines,
      });
    }
  }
}

async function labels(input: HealthInput, sets: Array<[DatasetName, HealthLine[]]>, out: HealthFinding[], pace: Pacer): Promise<void> {
  const tr = await profileDataset(linesInSteps(input.train));
  const te = input.test ? await profileDataset(linesInSteps(input.test)) : undefined;
  const stats = labelStats(tr, te);
  const linesWith = async (name: DatasetName, wanted: ReadonlySet<string>) => {
    const found: number[] = [];
    for (const l of sets.find(([n]) => n === name)?.[1] ?? []) {
      if (l.labels.some((x) => wanted.has(x))) found.push(l.line);
      if (pace.due()) await pace.pause();
    }
    return found;
  };
  const trainImages = sets[0]![1].length;
  if (trainImages < MIN_TRAINING_IMAGES) {
    out.push({
      code: LocalCodes.HEALTH_FEW_IMAGES,
      severity: 'warning',
      message: `The training dataset has ${plural(trainImages, 'image')}; the guide asks for at least ${MIN_TRAINING_IMAGES} ("Use at least 10 images to train your model").`,
      action: 'Add labelled images to the training manifest.',
      numbers: { images: trainImages, minimum: MIN_TRAINING_IMAGES },
      lines: { train: [] },
    });
  }
  const trained = stats.rows.filter((r) => r.trainImages > 0);
  if (trained.length >= 2) {
    const most = trained[0]!;
    const fewest = trained[trained.length - 1]!;
    const ratio = Math.round((most.trainImages / fewest.trainImages) * 10) / 10;
    out.push({
      code: LocalCodes.HEALTH_LABEL_IMBALANCE,
      severity: ratio >= IMBALANCE_WARNING_RATIO ? 'warning' : 'info',
      message: `Images per label in training: "${most.label}" has ${most.trainImages}${most.trainBoxes > 0 ? ` (${plural(most.trainBoxes, 'box')})` : ''}, "${fewest.label}" ${fewest.trainImages}${fewest.trainBoxes > 0 ? ` (${plural(fewest.trainBoxes, 'box')})` : ''} (${ratio}:1 over ${trained.length} labels).`,
      action: ratio >= IMBALANCE_WARNING_RATIO ? `Add images of "${fewest.label}" (and the other rare labels), or fewer of "${most.label}".` : 'Nothing to do; keep the labels near each other as the dataset grows.',
      numbers: { labels: trained.length, mostImages: most.trainImages, fewestImages: fewest.trainImages, ratio, mostBoxes: most.trainBoxes, fewestBoxes: fewest.trainBoxes },
      lines: { train: await linesWith('train', new Set([fewest.label])) },
    });
  }
  if (te) {
    const only = stats.rows.filter((r) => r.testImages > 0 && r.trainImages === 0).map((r) => r.label);
    if (only.length > 0) {
      out.push({
        code: LocalCodes.HEALTH_LABEL_ONLY_IN_TEST,
        severity: 'warning',
        message: `${plural(only.length, 'test label')} ${only.length === 1 ? 'is' : 'are'} on no training image: ${quoted(only)}; the model cannot learn ${only.length === 1 ? 'it' : 'them'}.`,
        action: 'Add training images with these labels, or remove them from the test manifest.',
        numbers: { labels: only.length },
        lines: { test: await linesWith('test', new Set(only)) },
      });
    }
    const over = stats.rows.filter((r) => r.testImages > MAX_TEST_IMAGES_PER_LABEL);
    if (over.length > 0) {
      out.push({
        code: LocalCodes.HEALTH_TEST_LABEL_OVER_MAXIMUM,
        severity: 'warning',
        message: `${plural(over.length, 'test label')} ${over.length === 1 ? 'is' : 'are'} on more than ${MAX_TEST_IMAGES_PER_LABEL} images: ${over.slice(0, 5).map((r) => `"${r.label}" (${r.testImages})`).join(', ')}; the testing quota is ${MAX_TEST_IMAGES_PER_LABEL} images per label.`,
        action: 'Move the extra test images of these labels to the training manifest.',
        numbers: { labels: over.length, maximum: MAX_TEST_IMAGES_PER_LABEL, most: Math.max(...over.map((r) => r.testImages)) },
        lines: { test: await linesWith('test', new Set(over.map((r) => r.label))) },
      });
    }
  } else {
    const thin = trained.filter((r) => r.trainImages < SPLIT_MIN_IMAGES);
    if (thin.length > 0) {
      const failing = thin.filter((r) => r.trainImages < MIN_IMAGES_PER_LABEL_FOR_AUTOSPLIT).length;
      out.push({
        code: LocalCodes.HEALTH_LABEL_SPLIT,
        severity: 'warning',
        message: `There is no test manifest, so training splits 20% of the images off for testing; ${plural(thin.length, 'label')} ${thin.length === 1 ? 'has' : 'have'} fewer than ${SPLIT_MIN_IMAGES} images and may get no test image: ${thin.slice(0, 5).map((r) => `"${r.label}" (${r.trainImages})`).join(', ')}${thin.length > 5 ? ', ...' : ''}${failing > 0 ? `; ${failing} under ${MIN_IMAGES_PER_LABEL_FOR_AUTOSPLIT} fail training (ERROR_INSUFFICIENT_IMAGES_PER_LABEL_FOR_AUTOSPLIT)` : ''}.`,
        action: `Add images of these labels (at least ${SPLIT_MIN_IMAGES} each), or provide a test manifest.`,
        numbers: { labels: thin.length, minimumImages: SPLIT_MIN_IMAGES, failTraining: failing },
        lines: { train: await linesWith('train', new Set(thin.map((r) => r.label))) },
      });
    }
  }
}

async function boxes(name: DatasetName, lines: HealthLine[], fp: Fp, out: HealthFinding[], pace: Pacer): Promise<void> {
  const under1: number[] = [];
  const small: number[] = [];
  const whole: number[] = [];
  const many: number[] = [];
  let nUnder1 = 0;
  let nSmall = 0;
  let nWhole = 0;
  let mostBoxes = 0;
  for (const l of lines) {
    if (pace.due()) await pace.pause();
    if (l.boxes.length === 0) continue;
    const f = fp(l);
    const size = f ? { width: f.width, height: f.height } : l.imageSize;
    if (l.boxes.length >= MANY_BOXES) {
      many.push(l.line);
      mostBoxes = Math.max(mostBoxes, l.boxes.length);
    }
    if (!size || size.width <= 0 || size.height <= 0) continue;
    const s = scaleFactor(size.width, size.height);
    let u = 0;
    let sm = 0;
    let wh = 0;
    for (const b of l.boxes) {
      const side = Math.min(b.width, b.height) * s;
      if (side <= Limits.minBoxSidePx) u++;
      else if (side < SMALL_BOX_PX) sm++;
      if (b.width * b.height >= IMAGE_SIZED_BOX_SHARE * size.width * size.height) wh++;
    }
    if (u) under1.push(l.line), (nUnder1 += u);
    if (sm) small.push(l.line), (nSmall += sm);
    if (wh) whole.push(l.line), (nWhole += wh);
  }
  if (nUnder1 + nSmall > 0) {
    const involved = [...new Set([...under1, ...small])].sort((a, b) => a - b);
    out.push({
      code: LocalCodes.HEALTH_SMALL_BOXES,
      severity: nUnder1 > 0 ? 'warning' : 'info',
      message: `In the ${dsName(name)} dataset, once each image is scaled so its longest side is ${Limits.scaledLongestSide} px: ${plural(nUnder1, 'box')} at most ${Limits.minBoxSidePx} px on a side (the service rejects ${nUnder1 === 1 ? 'it' : 'them'}: ERROR_BOUNDING_BOX_TOO_SMALL), ${plural(nSmall, 'box')} under ${SMALL_BOX_PX} px (hard to learn).`,
      action: 'Check those boxes: redraw them, remove them, or use images where the object is larger ("Use an image where the object occupies a large proportion of the image").',
      numbers: { under1px: nUnder1, underFewPx: nSmall, fewPx: SMALL_BOX_PX, images: involved.length },
      lines: { [name]: involved },
    });
  }
  if (nWhole > 0) {
    out.push({
      code: LocalCodes.HEALTH_IMAGE_SIZED_BOXES,
      severity: 'info',
      message: `In the ${dsName(name)} dataset ${plural(nWhole, 'box')} cover${nWhole === 1 ? 's' : ''} ${Math.round(IMAGE_SIZED_BOX_SHARE * 100)}% or more of ${whole.length === 1 ? 'its image' : 'their images'}: a box that is the whole picture locates nothing.`,
      action: 'Check those boxes; if the label is about the whole picture, an image-level label says it.',
      numbers: { boxes: nWhole, images: whole.length, share: IMAGE_SIZED_BOX_SHARE },
      lines: { [name]: whole },
    });
  }
  if (many.length > 0) {
    out.push({
      code: LocalCodes.HEALTH_MANY_BOXES,
      severity: 'info',
      message: `${plural(many.length, 'image')} of the ${dsName(name)} dataset ${many.length === 1 ? 'has' : 'have'} ${MANY_BOXES} or more boxes (most: ${mostBoxes}); an image may have at most ${Limits.maxBoxesPerImage}.`,
      action: 'Split such scenes into crops, or check for repeated boxes.',
      numbers: { images: many.length, most: mostBoxes, maximum: Limits.maxBoxesPerImage },
      lines: { [name]: many },
    });
  }
}

async function sizes(name: DatasetName, lines: HealthLine[], fp: Fp, out: HealthFinding[], pace: Pacer): Promise<void> {
  const ws: number[] = [];
  const hs: number[] = [];
  const ratios: number[] = [];
  const outside: number[] = [];
  let small = 0;
  let large = 0;
  let wide = 0;
  for (const l of lines) {
    if (pace.due()) await pace.pause();
    const f = fp(l);
    const s = f ? { width: f.width, height: f.height } : l.imageSize;
    if (!s || s.width <= 0 || s.height <= 0) continue;
    ws.push(s.width);
    hs.push(s.height);
    const ratio = Math.max(s.width, s.height) / Math.min(s.width, s.height);
    ratios.push(ratio);
    const isSmall = Math.min(s.width, s.height) < MIN_SIDE_PX;
    const isLarge = Math.max(s.width, s.height) > MAX_SIDE_PX;
    const isWide = ratio > MAX_ASPECT_RATIO;
    if (isSmall) small++;
    if (isLarge) large++;
    if (isWide) wide++;
    if (isSmall || isLarge || isWide) outside.push(l.line);
  }
  if (ws.length === 0) return;
  // Each list sorted once (typed: a numeric sort without a comparator), the host let go between.
  const sorted = new Map<number[], Float64Array>();
  for (const xs of [ws, hs, ratios]) {
    sorted.set(xs, Float64Array.from(xs).sort());
    await pace.pause();
  }
  const q = (xs: number[], p: number) => {
    const s = sorted.get(xs)!;
    return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))]!;
  };
  const r1 = (n: number) => Math.round(n * 100) / 100;
  const numbers = {
    images: ws.length,
    widthMin: q(ws, 0), widthMedian: q(ws, 0.5), widthMax: q(ws, 1),
    heightMin: q(hs, 0), heightMedian: q(hs, 0.5), heightMax: q(hs, 1),
    aspectMedian: r1(q(ratios, 0.5)), aspectMax: r1(q(ratios, 1)),
    underMinSide: small, overMaxSide: large, overMaxAspect: wide,
  };
  out.push({
    code: LocalCodes.HEALTH_IMAGE_SIZES,
    severity: outside.length > 0 ? 'warning' : 'info',
    message: `Image sizes in the ${dsName(name)} dataset (${plural(ws.length, 'image')}): width ${numbers.widthMin}..${numbers.widthMax} px (median ${numbers.widthMedian}), height ${numbers.heightMin}..${numbers.heightMax} px (median ${numbers.heightMedian}), aspect ratio median ${numbers.aspectMedian}:1, largest ${numbers.aspectMax}:1` +
      (outside.length > 0 ? `; outside the limits (${MIN_SIDE_PX} to ${MAX_SIDE_PX} px a side, at most ${MAX_ASPECT_RATIO}:1): ${small} too small, ${large} too large, ${wide} too elongated.` : '; all within the limits.'),
    action: outside.length > 0 ? `Resize or crop the images outside the limits (${MIN_SIDE_PX} to ${MAX_SIDE_PX} px a side, ${MAX_ASPECT_RATIO}:1 at most), or remove their lines.` : 'Nothing to do.',
    numbers,
    lines: { [name]: outside },
  });
}

async function unreadable(name: DatasetName, lines: HealthLine[], images: ReadonlyMap<string, ImageRead> | undefined, out: HealthFinding[], pace: Pacer): Promise<void> {
  if (!images) return;
  const bad: Array<[number, string]> = [];
  for (const l of lines) {
    if (pace.due()) await pace.pause();
    const r = l.location && images.get(locationKey(l.location));
    if (r && 'problem' in r) bad.push([l.line, r.problem]);
  }
  if (bad.length === 0) return;
  out.push({
    code: LocalCodes.HEALTH_IMAGE_UNREADABLE,
    severity: 'warning',
    message: `${plural(bad.length, 'image')} of the ${dsName(name)} dataset could not be read or decoded, so ${bad.length === 1 ? 'it is' : 'they are'} left out of the image checks; first: ${bad[0]![1]}`,
    action: 'Run "custom-labels lint --check-images" for what is wrong with each, and fix or remove them.',
    numbers: { images: bad.length },
    lines: { [name]: bad.map(([l]) => l) },
  });
}

function linesOf(g: Array<[DatasetName, HealthLine]>): Partial<Record<DatasetName, number[]>> {
  const out: Partial<Record<DatasetName, number[]>> = {};
  for (const [name, l] of g) (out[name] ??= []).push(l.line);
  for (const v of Object.values(out)) v.sort((a, b) => a - b);
  return out;
}

function quoted(xs: string[]): string {
  return xs.slice(0, 5).map((x) => `"${x}"`).join(', ') + (xs.length > 5 ? ', ...' : '');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : n === 0 || !word.endsWith('x') ? 's' : 'es'}`;
}

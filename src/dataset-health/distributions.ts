/**
 * The Dataset Health view's distributions of image sizes and aspect ratios: how many images of
 * each dataset fall in each range, the ranges cut at the service's limits (limits.md: 64 to 4096
 * px a side, 20:1 at most) and at its 1280 px scaling. An image's size is its decoded size when it
 * was read, else the size its line declares; images with neither are left out. Pure: no `vscode`.
 */
import { MAX_ASPECT_RATIO, MAX_SIDE_PX, MIN_SIDE_PX } from '../images';
import { Limits } from '../manifest';
import { locationKey, type DatasetName, type HealthLine, type ImageRead } from '../health';

export interface Bucket {
  label: string;
  train: number;
  test: number;
  /** Outside the service's limits. */
  outside: boolean;
}

export interface Distributions {
  longestSide: Bucket[];
  aspectRatio: Bucket[];
}

const SIDES: Array<[number, string, boolean]> = [
  [MIN_SIDE_PX, `shorter side under ${MIN_SIDE_PX} px`, true],
  [641, '64 to 640 px', false],
  [Limits.scaledLongestSide + 1, `641 to ${Limits.scaledLongestSide} px`, false],
  [MAX_SIDE_PX + 1, `${Limits.scaledLongestSide + 1} to ${MAX_SIDE_PX} px`, false],
  [Infinity, `over ${MAX_SIDE_PX} px`, true],
];
const RATIOS: Array<[number, string, boolean]> = [
  [1.05, 'square (under 1.05:1)', false],
  [1.5, '1.05 to 1.5:1', false],
  [2, '1.5 to 2:1', false],
  [MAX_ASPECT_RATIO + 1e-9, `2 to ${MAX_ASPECT_RATIO}:1`, false],
  [Infinity, `over ${MAX_ASPECT_RATIO}:1`, true],
];

export function distributions(sets: ReadonlyArray<[DatasetName, readonly HealthLine[]]>, images?: ReadonlyMap<string, ImageRead>): Distributions {
  const longestSide = SIDES.map(([, label, outside]) => ({ label, train: 0, test: 0, outside }));
  const aspectRatio = RATIOS.map(([, label, outside]) => ({ label, train: 0, test: 0, outside }));
  for (const [name, lines] of sets) {
    for (const l of lines) {
      const read = l.location && images?.get(locationKey(l.location));
      const size = read && 'fingerprint' in read ? read.fingerprint : l.imageSize;
      if (!size || size.width <= 0 || size.height <= 0) continue;
      const short = Math.min(size.width, size.height);
      const long = Math.max(size.width, size.height);
      const side = short < MIN_SIDE_PX ? 0 : SIDES.findIndex(([under], i) => i > 0 && long < under);
      longestSide[side]![name]++;
      aspectRatio[RATIOS.findIndex(([under]) => long / short < under)]![name]++;
    }
  }
  return { longestSide, aspectRatio };
}

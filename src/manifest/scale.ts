/**
 * How the service scales an image before it checks a box's size: the longest side down to
 * `Limits.scaledLongestSide` (1280 px), never up. Shared by the box rules, their quick fixes,
 * the hover and the converters. Pure: no `vscode` import.
 */
import { Limits } from './codes';

/** The factor the service multiplies an image's sides (and its boxes) by: at most 1. */
export function scaleFactor(imageWidth: number, imageHeight: number): number {
  const longest = imageWidth > imageHeight ? imageWidth : imageHeight;
  return longest > Limits.scaledLongestSide ? Limits.scaledLongestSide / longest : 1;
}

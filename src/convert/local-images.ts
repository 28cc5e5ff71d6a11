/**
 * Finds an annotation's image on the local disk and reads its size from the header (the
 * `image-size` library; only the first 512 KiB are read, the whole file when the header lies
 * further in). Node only (fs), no `vscode` import: the CLI and the editor command share it.
 */
import { open, readdir, stat } from 'fs/promises';
import * as path from 'path';
import { imageSize } from 'image-size';
import { namePath } from '../folder-paths';
import type { ImageSize } from './types';
import type { ResolvedImage } from './yolo';

const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.JPG', '.JPEG', '.PNG'];
const HEAD_BYTES = 512 * 1024;

/** Width and height of a PNG or JPEG (EXIF orientation applied), or undefined when it cannot be read. */
export async function readImageSize(file: string): Promise<ImageSize | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
    const info = await handle.stat();
    const head = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
    await handle.read(head, 0, head.length, 0);
    let dims = sizeOf(head);
    if (!dims && info.size > head.length) {
      const all = Buffer.alloc(info.size);
      await handle.read(all, 0, all.length, 0);
      dims = sizeOf(all);
    }
    return dims;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

function sizeOf(buf: Buffer): ImageSize | undefined {
  try {
    const d = imageSize(buf);
    if (d.type !== 'png' && d.type !== 'jpg') return undefined;
    if (!d.width || !d.height) return undefined;
    const rotated = d.orientation !== undefined && d.orientation >= 5;
    return rotated ? { width: d.height, height: d.width } : { width: d.width, height: d.height };
  } catch {
    return undefined;
  }
}

/**
 * Where to look for the images of an annotation file: `--image-dir`, the annotation's folder,
 * and for the YOLO layout (`.../labels/...`) the same place under `images/`.
 */
export function imageFolders(annotationFile: string, imageDir?: string): string[] {
  const dir = path.dirname(annotationFile);
  const out = imageDir ? [imageDir] : [];
  out.push(dir);
  const parts = dir.split(path.sep);
  const at = parts.lastIndexOf('labels');
  if (at >= 0) out.push([...parts.slice(0, at), 'images', ...parts.slice(at + 1)].join(path.sep));
  out.push(path.join(dir, '..', 'images'));
  return [...new Set(out.map((d) => path.resolve(d)))];
}

/**
 * The image named `name` (a file name, or a stem to which .jpg/.jpeg/.png is added) in the
 * folders, with its size. Its `name` is relative to `--image-dir` when it lies there, else its
 * file name. A name that would leave a folder ('..', an absolute path: folder-paths' namePath)
 * is not looked for (s3-path.ts `imageNameProblem` says why, for the converter's report).
 */
export async function findImage(folders: readonly string[], name: string, imageDir?: string, stemOnly = false): Promise<ResolvedImage | undefined> {
  const candidates = stemOnly ? IMAGE_EXTENSIONS.map((e) => name + e) : [name];
  for (const folder of folders) {
    for (const c of candidates) {
      const mapped = namePath(folder, c);
      if ('refused' in mapped) return undefined;
      const file = mapped.path;
      if (!(await isFile(file))) continue;
      const rel = imageDir ? path.relative(path.resolve(imageDir), file) : '';
      const shown = imageDir && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : path.basename(file);
      return { name: shown, size: await readImageSize(file) };
    }
  }
  return undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The files of a folder (not recursive) ending in one of `extensions`, sorted; a file is returned as it is. */
export async function expandInputs(inputs: readonly string[], extensions: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const info = await stat(input);
    if (info.isDirectory()) {
      const names = (await readdir(input)).filter((n) => extensions.some((e) => n.toLowerCase().endsWith(e))).sort();
      for (const n of names) out.push(path.join(input, n));
    } else {
      out.push(input);
    }
  }
  return out;
}

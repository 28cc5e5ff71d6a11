/**
 * Opening what location-path.ts mapped: the file's real path (symbolic links resolved, fs.realpath)
 * must stay under the folder's real path. A link that leads out of the folder (the file, or a
 * folder on its way, the bucket's included) is refused, never followed; a link inside is fine.
 * Callers open `real` (what was checked) and show `path` (under the folder as the user named it,
 * e.g. for a webview's local resource roots). Node only (fs), no `vscode`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { locationPath, namePath, type PathUnder } from './location-path';

/** A file to open under the folder; refused (with why); or missing (no such file, or not a file). */
export type FileUnder = { path: string; real: string } | { refused: string } | { missing: string };

/**
 * The file of s3://bucket/key in `root` (DIR/bucket/key), checked as it is on disk now. With
 * `anyKind`, whatever stands there (a directory, a FIFO) is returned for the caller to name;
 * otherwise only a regular file, the rest being missing.
 */
export async function locationFile(root: string, bucket: string, key: string, anyKind = false): Promise<FileUnder> {
  return fileUnder(root, locationPath(root, bucket, key), `s3://${bucket}/${key}`, anyKind);
}

/** The same, synchronously (the sandbox's S3 answers synchronously). */
export function locationFileSync(root: string, bucket: string, key: string): FileUnder {
  return fileUnderSync(root, locationPath(root, bucket, key), `s3://${bucket}/${key}`);
}

/** The file of an annotation's image name in an image folder. */
export async function nameFile(root: string, name: string): Promise<FileUnder> {
  return fileUnder(root, namePath(root, name), name);
}

/** A folder under `root` (the bucket's folder, a prefix's folder) whose real path stays under root's; undefined otherwise. */
export function folderUnderSync(root: string, folder: string): string | undefined {
  try {
    const realRoot = fs.realpathSync.native(root);
    const real = fs.realpathSync.native(folder);
    return inside(realRoot, real, true) && fs.statSync(real).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}

async function fileUnder(root: string, mapped: PathUnder, what: string, anyKind = false): Promise<FileUnder> {
  if ('refused' in mapped) return mapped;
  let realRoot: string;
  let real: string;
  try {
    realRoot = await fs.promises.realpath(root);
    real = await fs.promises.realpath(mapped.path);
  } catch (e) {
    return missingOr(e, what, root);
  }
  return checked(mapped.path, realRoot, real, what, anyKind || ((await fs.promises.stat(real).catch(() => undefined))?.isFile() ?? false));
}

function fileUnderSync(root: string, mapped: PathUnder, what: string): FileUnder {
  if ('refused' in mapped) return mapped;
  let realRoot: string;
  let real: string;
  try {
    realRoot = fs.realpathSync.native(root);
    real = fs.realpathSync.native(mapped.path);
  } catch (e) {
    return missingOr(e, what, root);
  }
  let isFile = false;
  try {
    isFile = fs.statSync(real).isFile();
  } catch {
    isFile = false;
  }
  return checked(mapped.path, realRoot, real, what, isFile);
}

function checked(file: string, realRoot: string, real: string, what: string, isFile: boolean): FileUnder {
  if (!inside(realRoot, real, false)) return { refused: `refused: a symbolic link leads it outside the folder ${realRoot}, and is not followed.` };
  if (!isFile) return { missing: `${what} is not a file in the folder.` };
  return { path: file, real };
}

function missingOr(e: unknown, what: string, root: string): FileUnder {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG') return { missing: `${what} is not in the folder ${root}.` };
  throw e;
}

/** `real` is `root` itself (when allowed) or inside it. */
function inside(root: string, real: string, orSame: boolean): boolean {
  const rel = path.relative(root, real);
  if (rel === '') return orSame;
  return rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel);
}

/**
 * The images of a local folder, for Label Images: every .jpg, .jpeg and .png file under it
 * (recursive), as source-refs read the way every local reader reads them (src/folder-paths:
 * s3://bucket/key = ROOT/bucket/key). The root and bucket: the images folder setting when the
 * folder lies inside it (bucket = the first folder under it), else the folder's parent (bucket =
 * the folder's own name), so the preview, the gallery and Check Images find the images with that
 * root, and Upload Images to S3 puts them in a bucket. A key is kept only when the one safe
 * mapping gives back the same file; symbolic links are not followed (a link is not listed), so no
 * path leaves the folder. Cancellable between folders. Node only, no `vscode`.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { locationPath } from '../folder-paths';
import { isImageName } from './image-names';

/** S3's bucket names today: what a folder standing for a bucket must be called. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export interface FolderLayout {
  /** The folder that holds bucket/key (the preview's and Check Images' images folder). */
  root: string;
  bucket: string;
  /** '' or the keys' common start, ending with '/' (the folder's place inside the bucket). */
  keyPrefix: string;
}

/** Where `folder`'s images are as S3 locations; `{ error }` when its name cannot be a bucket. */
export function folderLayout(folder: string, imagesFolder?: string): FolderLayout | { error: string } {
  const dir = path.resolve(folder);
  if (imagesFolder) {
    const rel = path.relative(path.resolve(imagesFolder), dir);
    if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) {
      const [bucket, ...rest] = rel.split(path.sep);
      if (!BUCKET_NAME.test(bucket!)) return { error: notABucket(bucket!, 'the first folder under the images folder (customLabels.images.folder)') };
      return { root: path.resolve(imagesFolder), bucket: bucket!, keyPrefix: rest.length ? `${rest.join('/')}/` : '' };
    }
  }
  const bucket = path.basename(dir);
  if (!BUCKET_NAME.test(bucket)) return { error: notABucket(bucket, 'the folder') };
  return { root: path.dirname(dir), bucket, keyPrefix: '' };
}

function notABucket(name: string, what: string): string {
  return (
    `"${name}" cannot be a bucket name (3 to 63 lowercase letters, digits, "." and "-"), and the manifest's source-refs are s3://BUCKET/KEY with ${what} as the bucket, ` +
    'as Check Images and the preview read a local folder. Rename the folder, or set customLabels.images.folder to the folder above one whose name can be a bucket.'
  );
}

export interface LocalImages {
  sourceRefs: string[];
  /** Files whose names the mapping refuses (a part made of dots, a backslash, a key too long), with why. */
  refused: string[];
}

/** Every image under `folder`, sorted by key (UTF-8 order, as S3 lists), as source-refs. */
export async function listLocalImages(folder: string, layout: FolderLayout, signal?: AbortSignal): Promise<LocalImages> {
  const keys: string[] = [];
  const refused: string[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    if (signal?.aborted) throw new Error('cancelled');
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue; // hidden files and folders (.git, editors' backups)
      const relName = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path.join(dir, e.name), relName);
      else if (e.isFile() && isImageName(e.name)) {
        const key = layout.keyPrefix + relName;
        const mapped = locationPath(layout.root, layout.bucket, key);
        if ('path' in mapped && mapped.path === path.join(dir, e.name)) keys.push(key);
        else refused.push(`${path.join(dir, e.name)}: ${'refused' in mapped ? mapped.refused : 'its name maps to another file'}`);
      }
    }
  };
  await walk(path.resolve(folder), '');
  keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return { sourceRefs: keys.map((k) => `s3://${layout.bucket}/${k}`), refused };
}

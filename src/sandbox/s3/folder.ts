/**
 * "S3" served from a folder: s3://bucket/key -> <root>/bucket/key, through the one safe mapping
 * (src/folder-paths): a key whose names would leave the folder names no object, and a file or
 * folder that a symbolic link leads out of the root is neither served nor listed.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { bucketPath, folderUnderSync, locationFileSync, locationPath } from '../../folder-paths';
import { stampOf, writtenEtag } from './object-etags';

/** What HeadObject and ListObjectsV2 tell of an object. */
export interface S3ObjectInfo {
  file: string;
  size: number;
  lastModified: Date;
  /**
   * Quoted, 32 hex digits like S3's, and changes whenever the file does. For an object the
   * sandbox's S3 wrote (PutObject, CopyObject, a multipart upload) it is S3's, of the content
   * (object-etags.ts); for any other file a digest of its size, modification time and inode (as
   * web servers make theirs): listing or heading a folder of large images reads no image.
   */
  etag: string;
}

/** An object that exists but lies outside the folder (a symbolic link out): refused, not served. */
export class S3RefusedError extends Error {}

export class S3Folder {
  constructor(readonly root: string) {}

  /** The file path of an object (names only), or undefined when the names would leave the folder. */
  pathOf(bucket: string, key: string): string | undefined {
    const mapped = locationPath(this.root, bucket, key);
    return 'path' in mapped ? mapped.path : undefined;
  }

  /** The bucket's folder, real path, when it is a folder inside the root (not a link out of it). */
  private bucketDir(bucket: string): string | undefined {
    const mapped = bucketPath(this.root, bucket);
    return 'path' in mapped ? folderUnderSync(this.root, mapped.path) : undefined;
  }

  bucketExists(bucket: string): boolean {
    return this.bucketDir(bucket) !== undefined;
  }

  /** The real file of an object; undefined when there is none; throws S3RefusedError when a link leads out of the folder. */
  private fileOf(bucket: string, key: string): string | undefined {
    const found = locationFileSync(this.root, bucket, key);
    if ('refused' in found) {
      if (this.pathOf(bucket, key) === undefined) return undefined; // names that leave the folder name no object
      throw new S3RefusedError(found.refused);
    }
    return 'missing' in found ? undefined : found.real;
  }

  /** Size in bytes, or undefined when the object cannot be read. */
  size(bucket: string, key: string): number | undefined {
    return this.info(bucket, key)?.size;
  }

  /** The object's size, date and ETag, or undefined when there is no such file. Throws S3RefusedError for a link out of the folder. */
  info(bucket: string, key: string): S3ObjectInfo | undefined {
    let file: string | undefined;
    try {
      file = this.fileOf(bucket, key);
    } catch (e) {
      if (e instanceof S3RefusedError) throw e;
      return undefined;
    }
    if (!file) return undefined;
    try {
      const st = fs.statSync(file, { bigint: true });
      if (!st.isFile()) return undefined;
      const stamp = stampOf(st);
      const etag = writtenEtag(file, stamp) ?? `"${createHash('md5').update(stamp).digest('hex')}"`;
      return { file, size: Number(st.size), lastModified: new Date(Number(st.mtimeMs)), etag };
    } catch {
      return undefined;
    }
  }

  /**
   * The keys of a bucket that start with `prefix`, in S3's order (UTF-8 bytes). Only the folder
   * the prefix names is walked, and only when its real path is inside the root (a folder a link
   * leads out of is not walked). Symbolic links and anything not a regular file are left out.
   */
  keys(bucket: string, prefix: string): string[] {
    const bucketDir = this.bucketDir(bucket);
    if (!bucketDir) return [];
    const slash = prefix.lastIndexOf('/');
    const sub = slash < 0 ? '' : prefix.slice(0, slash);
    const subPath = sub ? this.pathOf(bucket, sub) : undefined;
    if (sub && !subPath) return [];
    const start = subPath ? folderUnderSync(this.root, subPath) : bucketDir;
    if (!start) return [];
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(start, { recursive: true, withFileTypes: true });
    } catch {
      return [];
    }
    const out: string[] = [];
    for (const e of entries) {
      if (!e.isFile()) continue;
      const full = path.join(e.parentPath ?? (e as { path?: string }).path ?? start, e.name);
      // Keys are named by the path asked for (a link inside the folder keeps its name).
      const key = (sub ? `${sub}/` : '') + path.relative(start, full).split(path.sep).join('/');
      if (key.startsWith(prefix)) out.push(key);
    }
    return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  readText(bucket: string, key: string): string | undefined {
    let file: string | undefined;
    try {
      file = this.fileOf(bucket, key);
    } catch {
      return undefined;
    }
    if (!file) return undefined;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }
}

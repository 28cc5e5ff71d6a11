/**
 * "S3" served from a folder: s3://bucket/key -> <root>/bucket/key. Keys never escape the root.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** What HeadObject and ListObjectsV2 tell of an object. */
export interface S3ObjectInfo {
  file: string;
  size: number;
  lastModified: Date;
  /**
   * Quoted, 32 hex digits like S3's, and changes whenever the file does. It is a digest of the
   * file's size, modification time and inode (as web servers make theirs), not of its content:
   * listing or heading a folder of large images reads no image.
   */
  etag: string;
}

export class S3Folder {
  constructor(readonly root: string) {}

  /** The file path of an object, or undefined when the key would leave its bucket folder. */
  pathOf(bucket: string, key: string): string | undefined {
    const bucketDir = path.resolve(this.root, bucket);
    const file = path.resolve(bucketDir, key);
    if (!file.startsWith(bucketDir + path.sep)) return undefined;
    return file;
  }

  bucketExists(bucket: string): boolean {
    try {
      return fs.statSync(path.resolve(this.root, bucket)).isDirectory();
    } catch {
      return false;
    }
  }

  /** Size in bytes, or undefined when the object cannot be read. */
  size(bucket: string, key: string): number | undefined {
    return this.info(bucket, key)?.size;
  }

  /** The object's size, date and ETag, or undefined when there is no such file. */
  info(bucket: string, key: string): S3ObjectInfo | undefined {
    const file = this.pathOf(bucket, key);
    if (!file) return undefined;
    try {
      const st = fs.statSync(file, { bigint: true });
      if (!st.isFile()) return undefined;
      const etag = createHash('md5').update(`${st.size}:${st.mtimeNs}:${st.ino}`).digest('hex');
      return { file, size: Number(st.size), lastModified: new Date(Number(st.mtimeMs)), etag: `"${etag}"` };
    } catch {
      return undefined;
    }
  }

  /**
   * The keys of a bucket that start with `prefix`, in S3's order (UTF-8 bytes). Only the folder
   * the prefix names is walked. Symbolic links and anything not a regular file are left out.
   */
  keys(bucket: string, prefix: string): string[] {
    const bucketDir = path.resolve(this.root, bucket);
    const slash = prefix.lastIndexOf('/');
    const sub = slash < 0 ? '' : prefix.slice(0, slash);
    const start = sub ? this.pathOf(bucket, sub) : bucketDir;
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
      const key = path.relative(bucketDir, full).split(path.sep).join('/');
      if (key.startsWith(prefix)) out.push(key);
    }
    return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  readText(bucket: string, key: string): string | undefined {
    const file = this.pathOf(bucket, key);
    if (!file) return undefined;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }
}

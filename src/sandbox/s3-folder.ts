/**
 * "S3" served from a folder: s3://bucket/key -> <root>/bucket/key. Keys never escape the root.
 */
import * as fs from 'fs';
import * as path from 'path';

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
    const file = this.pathOf(bucket, key);
    if (!file) return undefined;
    try {
      const st = fs.statSync(file);
      return st.isFile() ? st.size : undefined;
    } catch {
      return undefined;
    }
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

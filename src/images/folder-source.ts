/** Images on disk before upload: s3://bucket/key read from DIR/bucket/key (the sandbox's convention). */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { type ImageObject, ImageReadError, type ImageSource } from './source';

export function createFolderSource(root: string): ImageSource {
  const fileOf = (bucket: string, key: string): string | undefined => {
    const bucketDir = path.resolve(root, bucket);
    const file = path.resolve(bucketDir, key);
    return bucket && !bucket.includes('/') && file.startsWith(bucketDir + path.sep) ? file : undefined;
  };
  return {
    where: `the folder ${root}`,
    async head(bucket, key): Promise<ImageObject | undefined> {
      const file = fileOf(bucket, key);
      if (!file) return undefined;
      try {
        const st = await fs.stat(file, { bigint: true });
        if (!st.isFile()) return undefined;
        return { size: Number(st.size), etag: createHash('md5').update(`${st.size}:${st.mtimeNs}:${st.ino}`).digest('hex') };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw new ImageReadError(`${file} cannot be read (${code ?? 'error'}).`, code === 'EACCES' || code === 'EPERM' ? 'denied' : 'failed');
      }
    },
    async read(bucket, key, start, end): Promise<Uint8Array> {
      const file = fileOf(bucket, key);
      if (!file) throw new ImageReadError(`s3://${bucket}/${key} is outside ${root}.`, 'failed');
      let handle: fs.FileHandle | undefined;
      try {
        handle = await fs.open(file, 'r');
        const out = Buffer.alloc(end - start + 1);
        const { bytesRead } = await handle.read(out, 0, out.length, start);
        return out.subarray(0, bytesRead);
      } catch (e) {
        throw new ImageReadError(`${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, 'failed');
      } finally {
        await handle?.close();
      }
    },
    dispose() {},
  };
}

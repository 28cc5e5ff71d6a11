/** Images on disk before upload: s3://bucket/key read from DIR/bucket/key (the sandbox's convention). */
import { createHash } from 'crypto';
import { constants, promises as fs, type Stats, type BigIntStats } from 'fs';
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
        if (!st.isFile()) throw notAFile(file, st);
        return { size: Number(st.size), etag: createHash('md5').update(`${st.size}:${st.mtimeNs}:${st.ino}`).digest('hex') };
      } catch (e) {
        if (e instanceof ImageReadError) throw e;
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
        // Non-blocking: opening a FIFO for reading would wait for a writer; then only a file is read.
        handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
        const st = await handle.stat();
        if (!st.isFile()) throw notAFile(file, st);
        const out = Buffer.alloc(end - start + 1);
        const { bytesRead } = await handle.read(out, 0, out.length, start);
        return out.subarray(0, bytesRead);
      } catch (e) {
        if (e instanceof ImageReadError) throw e;
        throw new ImageReadError(`${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, 'failed');
      } finally {
        await handle?.close();
      }
    },
    dispose() {},
  };
}

/** What stands where an image file should be, said as it is ("is a directory, not an image file"). */
function notAFile(file: string, st: Stats | BigIntStats): ImageReadError {
  const what = st.isDirectory()
    ? 'a directory'
    : st.isFIFO()
      ? 'a FIFO (named pipe)'
      : st.isSocket()
        ? 'a socket'
        : st.isCharacterDevice() || st.isBlockDevice()
          ? 'a device'
          : 'something other than a file';
  return new ImageReadError(`${file} is ${what}, not an image file.`, 'not-a-file');
}

/**
 * Images on disk before upload: s3://bucket/key read from DIR/bucket/key (the sandbox's
 * convention), through the one safe mapping (src/folder-paths): a location whose names would
 * leave the folder, or whose file is a symbolic link out of it, is refused with the reason
 * (an ImageReadError, 'denied'), never read.
 */
import { createHash } from 'crypto';
import { constants, promises as fs, type Stats, type BigIntStats } from 'fs';
import { locationFile } from '../folder-paths';
import { type ByteRange, type ImageObject, ImageReadError, type ImageSource, type RangeRead } from './source';

/** A file's stand-in for S3's ETag: changes whenever the file does (the gallery's local cards use it too, so their fingerprints serve health). */
export function etagOf(st: BigIntStats): string {
  return createHash('md5').update(`${st.size}:${st.mtimeNs}:${st.ino}`).digest('hex');
}

export function createFolderSource(root: string): ImageSource {
  /** The real file to open; undefined when there is none; throws when the location is refused. */
  const fileOf = async (bucket: string, key: string): Promise<string | undefined> => {
    let found;
    try {
      found = await locationFile(root, bucket, key, true);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new ImageReadError(`s3://${bucket}/${key} cannot be read in ${root} (${code ?? 'error'}).`, code === 'EACCES' || code === 'EPERM' ? 'denied' : 'failed');
    }
    if ('refused' in found) throw new ImageReadError(found.refused, 'denied');
    return 'missing' in found ? undefined : found.real;
  };
  return {
    where: `the folder ${root}`,
    endsAreFree: true,
    async head(bucket, key): Promise<ImageObject | undefined> {
      const file = await fileOf(bucket, key);
      if (!file) return undefined;
      try {
        const st = await fs.stat(file, { bigint: true });
        if (!st.isFile()) throw notAFile(file, st);
        return { size: Number(st.size), etag: etagOf(st) };
      } catch (e) {
        if (e instanceof ImageReadError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw new ImageReadError(`${file} cannot be read (${code ?? 'error'}).`, code === 'EACCES' || code === 'EPERM' ? 'denied' : 'failed');
      }
    },
    async read(bucket, key, start, end): Promise<Uint8Array> {
      const file = await fileOf(bucket, key);
      if (!file) throw new ImageReadError(`s3://${bucket}/${key} is not in ${root}.`, 'failed');
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
    async readRange(bucket, key, range: ByteRange): Promise<RangeRead | undefined> {
      const file = await fileOf(bucket, key);
      if (!file) return undefined;
      let handle: fs.FileHandle | undefined;
      try {
        // One open for the size, the ETag and the bytes; non-blocking, as in read.
        handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
        const st = await handle.stat({ bigint: true });
        if (!st.isFile()) throw notAFile(file, st);
        const size = Number(st.size);
        const start = 'suffix' in range ? Math.max(0, size - range.suffix) : Math.min(range.start, size);
        const end = 'suffix' in range ? size - 1 : Math.min(range.end, size - 1);
        const out = Buffer.alloc(Math.max(0, end - start + 1));
        const { bytesRead } = out.length > 0 ? await handle.read(out, 0, out.length, start) : { bytesRead: 0 };
        return { bytes: out.subarray(0, bytesRead), size, etag: etagOf(st) };
      } catch (e) {
        if (e instanceof ImageReadError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw new ImageReadError(`${file} cannot be read (${code ?? 'error'}).`, code === 'EACCES' || code === 'EPERM' ? 'denied' : 'failed');
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

/**
 * A folder standing in for S3 (DIR/bucket/key) or holding an annotation's images: the one safe
 * mapping of a location or a name to a file under it (location-path.ts, names only) and the
 * check made when the file is opened (real-path.ts: no symbolic link out). No `vscode`.
 */
export { locationPath, bucketPath, namePath, MAX_KEY_BYTES, type PathUnder } from './location-path';
export { locationFile, locationFileSync, nameFile, folderUnderSync, type FileUnder } from './real-path';

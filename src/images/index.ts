/**
 * Images of a dataset: reading them from S3 or a folder (only the bytes a check needs) and the
 * checks against the real files. Pure: no `vscode` import; the S3 SDK loads on the first read.
 */
export { type ImageObject, type ImageSource, type ByteRange, type RangeRead, ImageReadError } from './source';
export { createFolderSource, etagOf as fileEtag } from './folder-source';
export { createS3Source, type S3SourceSettings, S3_CONCURRENCY, isThrottled } from './s3-source';
export { probeImage, type ImageProbe, HEADER_BYTES, HEADER_MAX_BYTES, TAIL_BYTES } from './probe';
export { AdaptiveLimit } from './adaptive-limit';
export {
  checkImages,
  problemsOf,
  ImageCheckCache,
  type CheckImagesOptions,
  type CheckImagesResult,
  type CheckProgress,
  MIN_SIDE_PX,
  MAX_SIDE_PX,
  MAX_IMAGE_BYTES,
  MAX_ASPECT_RATIO,
} from './check';
export { cached, CACHE_MAX_BYTES, ImageCache } from './cache';
export { createS3Client, type S3Handle, type S3SdkModule } from './s3-client';

/**
 * Dataset health: the images' fingerprints (read once, decoded once in a worker thread: a gray thumbnail, dHash,
 * SHA-256) and what they and the manifests' counts say about a dataset: duplicates, train/test
 * leaks, balance, boxes, sizes. Pure: no `vscode` import.
 */
export { DecodePool, DecodeCancelled, decoderProblem, sharedDecodePool, WORKER_BUNDLE, type Decoded, type DecodeOptions, type DecodePoolOptions } from './decode-pool';
export { type Thumbnail, THUMB_QUALITY } from './thumbnail';
export { readImages, FingerprintCache, locationKey, type ImageRead, type ImageLocation, type ReadImagesOptions } from './read-images';
export { loadFingerprintCache, saveFingerprintCache } from './fingerprint-cache-file';
export { KeptFingerprints } from './kept-fingerprints';
export { fingerprintBytes, formatOf, THUMB_SIDE, type Fingerprint } from './fingerprint';
export { dHash, hamming, hashHex, hashOfHex, type DHash } from './dhash';
export { nearClusters, nearClustersInSteps, NEAR_THRESHOLD } from './near-duplicates';
export { healthLines, healthLinesInSteps, linesInSteps, type HealthLine } from './dataset-lines';
export { DecodeError, decodeJpegGray, jpegDecoderProblem } from './jpeg-decoder';
export { checkHealth, type HealthFinding, type HealthReport, type HealthInput, type HealthCode, type DatasetName } from './check-health';
export { lineNotes, type LineNote } from './line-notes';

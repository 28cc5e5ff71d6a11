/** Converters from other annotation formats to Custom Labels manifests. Pure: no `vscode` import. */
export { convertCoco, type DetectionOptions } from './coco';
export { convertCsv, parseCsvRow, type CsvOptions } from './csv';
export { convertGroundTruth, type GroundTruthOptions } from './groundtruth';
export { convertYolo, parseClasses, pixelBox, type YoloOptions, type AnnotationFile, type ResolvedImage } from './yolo';
export { convertVoc, type VocOptions } from './voc';
export { ManifestWriter } from './manifest-writer';
export { imagesPrefix, joinS3, isS3Url } from './s3-path';
export { convertFiles, ConvertUsageError, FORMAT_DESCRIPTIONS, type RunOptions } from './run';
export * from './types';

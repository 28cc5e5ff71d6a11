/**
 * `lint --check-images`: the file's images checked against the real files (src/images), from
 * `--images-dir DIR` (s3://bucket/key = DIR/bucket/key) or from S3 with the AWS SDK's usual
 * environment (AWS_PROFILE, AWS_REGION; AWS_ENDPOINT_URL_S3 for an S3 endpoint such as the sandbox).
 * With `--cache`, results of earlier runs are reused while an image's ETag is the same
 * (image-cache-file.ts).
 */
import { fileLines } from '../manifest';
import { checkImages, createFolderSource, createS3Source, type CheckImagesResult, type ImageCheckCache, type ImageSource } from '../images';

export interface CheckImagesFlags {
  imagesDir?: string;
  env: NodeJS.ProcessEnv;
}

export function imageSourceFor(flags: CheckImagesFlags): ImageSource {
  if (flags.imagesDir) return createFolderSource(flags.imagesDir);
  const env = flags.env;
  return createS3Source({
    connection: { region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1', ...(env.AWS_PROFILE ? { profile: env.AWS_PROFILE } : {}) },
    ...(env.AWS_ENDPOINT_URL_S3 ? { s3Endpoint: env.AWS_ENDPOINT_URL_S3 } : {}),
  });
}

/**
 * The image problems of one manifest file (its lines are held while the images are read).
 * `readEnds` (--check-truncation): also read the end of every image on S3 larger than the first read.
 */
export async function checkFileImages(file: string, source: ImageSource, cache?: ImageCheckCache, readEnds = false): Promise<CheckImagesResult> {
  const lines: string[] = [];
  for await (const line of fileLines(file)) lines.push(line);
  return checkImages(lines, source, { ...(cache ? { cache } : {}), readEnds });
}

/**
 * The S3 part of the AWS layer (images: HeadObject, ranged GetObject). Bundled on its own
 * (dist/aws-s3.js) and loaded by loadS3Sdk() on the first image read, so neither activation nor
 * a Rekognition call parses it. Import it only through loadS3Sdk().
 */
export * as s3 from '@aws-sdk/client-s3';

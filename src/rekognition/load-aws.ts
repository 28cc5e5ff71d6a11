/**
 * Loads the AWS layer (aws-sdk.ts) on first use. In the extension's bundle this `require` is
 * kept as a `require` of the separate bundle dist/aws-sdk.js (see esbuild.js), so the SDK is
 * parsed only when a command first calls AWS; in the tests it loads the source.
 */
export type AwsSdk = typeof import('./aws-sdk');

export async function loadAwsSdk(): Promise<AwsSdk> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./aws-sdk') as AwsSdk;
}

export type S3Sdk = typeof import('./aws-s3');

/** Loads the S3 part of the AWS layer (aws-s3.ts, dist/aws-s3.js in the bundles) on the first image read. */
export async function loadS3Sdk(): Promise<S3Sdk> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./aws-s3') as S3Sdk;
}

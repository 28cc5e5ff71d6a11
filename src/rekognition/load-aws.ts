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

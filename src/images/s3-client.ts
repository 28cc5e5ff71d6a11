/**
 * An S3 client for the commands that list and write (Label Images' ListObjectsV2, Upload Images
 * to S3): @aws-sdk/client-s3 from the AWS layer's dist/aws-s3.js (loaded on first use, as the
 * images' reader loads it), the connection's region,
 * credentials and retries, the sandbox's endpoint path-style when there is one. Only `import type`
 * from the SDK at the top level. No `vscode`.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { type ConnectionSettings, USER_AGENT, checkSettings, loadS3Sdk, resolveCredentials } from '../rekognition';

export type S3SdkModule = Awaited<ReturnType<typeof loadS3Sdk>>['s3'];

export interface S3Handle {
  sdk: S3SdkModule;
  client: S3Client;
}

export async function createS3Client(settings: { connection: ConnectionSettings; s3Endpoint?: string }, sockets = 16): Promise<S3Handle> {
  checkSettings(settings.connection);
  const sdk = (await loadS3Sdk()).s3;
  const credentials = await resolveCredentials(settings.connection);
  const client = new sdk.S3Client({
    region: settings.connection.region,
    credentials,
    ...(settings.s3Endpoint ? { endpoint: settings.s3Endpoint, forcePathStyle: true } : {}),
    maxAttempts: Math.min(settings.connection.maxAttempts ?? 3, 10),
    customUserAgent: [USER_AGENT],
    requestHandler: { httpAgent: { keepAlive: true, maxSockets: sockets }, httpsAgent: { keepAlive: true, maxSockets: sockets } },
  });
  return { sdk, client };
}

/**
 * The AWS layer: every part of the AWS SDK the extension runs. Bundled on its own
 * (dist/aws-sdk.js, ~70% of the extension's code) and loaded by load-aws.ts on the first call
 * that needs it, so activating the extension does not parse and compile it. Import it only
 * through loadAwsSdk().
 */
export * as rekognition from '@aws-sdk/client-rekognition';
export { fromNodeProviderChain } from '@aws-sdk/credential-providers';
export { loadSharedConfigFiles } from '@smithy/core/config';

/**
 * The one Rekognition client factory: region, credentials (static, or the SDK's standard chain:
 * environment, shared config/credentials files, named profile, SSO, credential_process), optional
 * endpoint override, retry strategy and a user agent naming the extension.
 *
 * The SDK is loaded lazily, on the first call that needs a client, so code paths that never call
 * AWS (validating a manifest) never load it. Only `import type` from the SDK at the top level.
 */
import type { RekognitionClient, RekognitionClientConfig } from '@aws-sdk/client-rekognition';
import { CustomLabelsError, type ConnectionSettings } from './types';
import { ErrorCodes } from './errors';
import { loadAwsSdk } from './load-aws';

export type RekognitionSdk = typeof import('@aws-sdk/client-rekognition');

/** Static credentials or a provider, as the client takes them. */
type Credentials = NonNullable<RekognitionClientConfig['credentials']>;

export interface ClientHandle {
  client: RekognitionClient;
  sdk: RekognitionSdk;
}

/** Names the extension in every request's user agent. */
export const USER_AGENT: [string, string] = ['rekognition-custom-labels-vscode', '0.1.0'];
export const DEFAULT_MAX_ATTEMPTS = 4;
export const MAX_MAX_ATTEMPTS = 10;

/** Checks the settings before anything is loaded; throws a CustomLabelsError the user can act on. */
export function checkSettings(settings: ConnectionSettings): void {
  if (!settings.region || !/^[a-z\d-]+$/.test(settings.region)) {
    throw new CustomLabelsError(
      settings.region ? `"${settings.region}" is not an AWS region.` : 'No AWS region is set.',
      ErrorCodes.noRegion,
      'Choose a region (e.g. us-east-1) in the Custom Labels settings.',
    );
  }
  if (settings.endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(settings.endpoint);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new CustomLabelsError(
        `The endpoint "${settings.endpoint}" is not an http(s) URL.`,
        ErrorCodes.invalidEndpoint,
        'Set the endpoint to a URL such as http://127.0.0.1:4599, or clear it to use AWS.',
      );
    }
  }
  if (settings.maxAttempts !== undefined && !(Number.isInteger(settings.maxAttempts) && settings.maxAttempts >= 1)) {
    throw new CustomLabelsError(
      `maxAttempts must be a whole number >= 1, got ${settings.maxAttempts}.`,
      ErrorCodes.invalidParameter,
    );
  }
}

/** The client configuration (pure; the credential provider is passed in). */
export function buildClientConfig(
  settings: ConnectionSettings,
  credentials: Credentials,
): RekognitionClientConfig {
  checkSettings(settings);
  return {
    region: settings.region,
    credentials,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    retryMode: settings.retryMode ?? 'standard',
    maxAttempts: Math.min(settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, MAX_MAX_ATTEMPTS),
    customUserAgent: [USER_AGENT],
  };
}

/** Static credentials when given; otherwise the standard Node chain for the profile (shared with the S3 image reader). */
export async function resolveCredentials(
  settings: ConnectionSettings,
): Promise<Credentials> {
  if (settings.credentials) {
    const { accessKeyId, secretAccessKey, sessionToken } = settings.credentials;
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  }
  const { fromNodeProviderChain } = await loadAwsSdk();
  return fromNodeProviderChain({
    ...(settings.profile ? { profile: settings.profile } : {}),
    clientConfig: { region: settings.region },
  });
}

/**
 * Returns a function that creates the client on its first call (loading the SDK then) and
 * hands back the same client afterwards. `destroy()` releases its sockets.
 */
export function createClientFactory(settings: ConnectionSettings): {
  get(): Promise<ClientHandle>;
  destroy(): void;
} {
  checkSettings(settings);
  let pending: Promise<ClientHandle> | undefined;
  return {
    get() {
      pending ??= (async () => {
        const sdk = (await loadAwsSdk()).rekognition;
        const credentials = await resolveCredentials(settings);
        return { sdk, client: new sdk.RekognitionClient(buildClientConfig(settings, credentials)) };
      })();
      // A failed load (e.g. a broken install) is not cached: the next call tries again.
      pending.catch(() => {
        pending = undefined;
      });
      return pending;
    },
    destroy() {
      void pending?.then((h) => h.client.destroy()).catch(() => undefined);
      pending = undefined;
    },
  };
}

/** A description of the settings that is safe to log (never the credentials). */
export function describeSettings(settings: ConnectionSettings): string {
  const parts = [`region ${settings.region}`];
  if (settings.endpoint) parts.push(`endpoint ${settings.endpoint}`);
  if (settings.credentials) parts.push('static credentials');
  else parts.push(settings.profile ? `profile ${settings.profile}` : 'default credential chain');
  parts.push(`retry ${settings.retryMode ?? 'standard'} x${settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS}`);
  return parts.join(', ');
}

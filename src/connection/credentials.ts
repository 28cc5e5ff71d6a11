/**
 * Whether the SDK's credential chain finds credentials for a profile. Loaded lazily: the
 * credential providers are only needed once the explorer connects to AWS.
 */
import { loadAwsSdk } from '../rekognition';
import { listProfiles } from './profiles';

export type CredentialCheck = { ok: true } | { ok: false; reason: string };

export async function checkCredentials(profile: string | undefined): Promise<CredentialCheck> {
  try {
    const { fromNodeProviderChain } = await loadAwsSdk();
    const provider = fromNodeProviderChain(profile ? { profile } : {});
    const identity = await provider();
    return identity.accessKeyId ? { ok: true } : { ok: false, reason: 'The credential chain returned no access key.' };
  } catch (error) {
    // The message names what was tried; it never holds a secret.
    const reason = error instanceof Error ? error.message : String(error);
    if (profile && !(await listProfiles().catch(() => [] as string[])).includes(profile)) {
      return { ok: false, reason: `Profile "${profile}" is not in the shared config files (~/.aws/config, ~/.aws/credentials).` };
    }
    return { ok: false, reason };
  }
}

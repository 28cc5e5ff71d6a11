/**
 * Profile names from the shared config files (~/.aws/config and ~/.aws/credentials, or
 * AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). Names only: values are never read out.
 * Loaded on first use: nothing here runs at activation.
 */
import { loadAwsSdk } from '../rekognition';

export async function listProfiles(): Promise<string[]> {
  const { loadSharedConfigFiles } = await loadAwsSdk();
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  // Other section kinds come back prefixed ("sso-session.corp", "services.x"): not profiles.
  const isProfile = (name: string): boolean => !/^(sso-session|services)\./.test(name);
  const names = new Set([...Object.keys(files.configFile ?? {}), ...Object.keys(files.credentialsFile ?? {})].filter(isProfile));
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

/**
 * Whether a profile signs in through IAM Identity Center (SSO): its section in ~/.aws/config names
 * an sso_session or an sso_start_url (key names only are looked at, never a value). Such a
 * profile's expired sign-in is renewed by `aws sso login --profile NAME`.
 */
export async function profileUsesSso(profile: string | undefined): Promise<boolean> {
  const { loadSharedConfigFiles } = await loadAwsSdk();
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  const section = (files.configFile ?? {})[profile ?? 'default'] as Record<string, unknown> | undefined;
  return !!section && ('sso_session' in section || 'sso_start_url' in section);
}

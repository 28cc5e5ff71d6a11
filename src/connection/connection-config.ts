/**
 * Settings -> where the service layer sends requests. Pure: the settings are read through
 * a getter so this is unit-tested without `vscode`.
 */
import { Settings } from '../constants';
import type { ConnectionSettings } from '../rekognition';
import { DEFAULT_REGION } from './regions';

export type ConnectionMode = 'aws' | 'sandbox';

export interface ConnectionConfig {
  mode: ConnectionMode;
  region: string;
  /** Named profile; undefined: the SDK's default chain. */
  profile?: string;
  /** Endpoint override for AWS mode (a VPC endpoint). */
  endpoint?: string;
  /** An already running sandbox; undefined: start one inside the extension. */
  sandboxEndpoint?: string;
  pollingIntervalMs: number;
}

/** Static dummy credentials for the sandbox: it accepts any signature. */
export const SANDBOX_CREDENTIALS = { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret-not-a-credential' };

export const DEFAULT_POLLING_INTERVAL_MS = 5000;
export const MIN_POLLING_INTERVAL_MS = 1000;

export type SettingGetter = (key: string) => unknown;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function readConnectionConfig(get: SettingGetter): ConnectionConfig {
  const polling = get(Settings.pollingIntervalMs);
  return {
    mode: get(Settings.connection) === 'sandbox' ? 'sandbox' : 'aws',
    region: text(get(Settings.region)) ?? DEFAULT_REGION,
    profile: text(get(Settings.profile)),
    endpoint: text(get(Settings.endpoint)),
    sandboxEndpoint: text(get(Settings.sandboxEndpoint)),
    pollingIntervalMs:
      typeof polling === 'number' && Number.isFinite(polling)
        ? Math.max(MIN_POLLING_INTERVAL_MS, polling)
        : DEFAULT_POLLING_INTERVAL_MS,
  };
}

/** A sandbox the extension connects to: started inside it, or the configured endpoint. */
export interface SandboxTarget {
  endpoint: string;
  region: string;
}

export function toConnectionSettings(config: ConnectionConfig, sandbox?: SandboxTarget): ConnectionSettings {
  if (config.mode === 'sandbox') {
    if (!sandbox) throw new Error('Sandbox mode needs a running sandbox.');
    return { region: sandbox.region, endpoint: sandbox.endpoint, credentials: { ...SANDBOX_CREDENTIALS }, maxAttempts: 2 };
  }
  return { region: config.region, profile: config.profile, endpoint: config.endpoint };
}

/** What the view's description shows: "Sandbox · 127.0.0.1:4566" or "default · us-east-1". */
export function connectionLabel(config: ConnectionConfig, sandbox?: SandboxTarget): string {
  if (config.mode === 'sandbox') {
    const where = sandbox ? hostOf(sandbox.endpoint) : 'starting…';
    return `Sandbox · ${where}`;
  }
  const parts = [config.profile ?? 'default', config.region];
  if (config.endpoint) parts.push(hostOf(config.endpoint));
  return parts.join(' · ');
}

/** A stable key: the connection is rebuilt only when this changes. */
export function connectionKey(config: ConnectionConfig): string {
  const { pollingIntervalMs: _ignored, ...rest } = config;
  return JSON.stringify(rest);
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** The manifest language's settings, read in one place. */
import * as vscode from 'vscode';
import { Settings } from '../constants';
import type { Severity, ValidateOptions } from '../manifest';

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'off']);

export interface LanguageSettings {
  debounceMs: number;
  detectManifests: boolean;
  validateOptions: ValidateOptions;
}

export function readLanguageSettings(): LanguageSettings {
  const config = vscode.workspace.getConfiguration(Settings.section);
  const raw = config.get<Record<string, unknown>>(Settings.severityOverrides, {}) ?? {};
  const severityOverrides: Record<string, Severity | 'off'> = {};
  for (const [code, value] of Object.entries(raw)) {
    // Unknown values are ignored rather than guessed; the settings schema already flags them.
    if (typeof value === 'string' && SEVERITIES.has(value)) severityOverrides[code] = value as Severity | 'off';
  }
  const debounce = config.get<number>(Settings.debounceMs, 150);
  return {
    debounceMs: Number.isFinite(debounce) && debounce >= 0 ? debounce : 150,
    detectManifests: config.get<boolean>(Settings.detectManifests, true),
    validateOptions: { severityOverrides },
  };
}

export function affectsLanguageSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return [Settings.severityOverrides, Settings.debounceMs, Settings.detectManifests].some((key) =>
    e.affectsConfiguration(`${Settings.section}.${key}`),
  );
}

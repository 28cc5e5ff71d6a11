/** Registers the manifest language: detection, diagnostics, quick fixes, hover, completion, status. */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../constants';
import { ManifestCodeActions } from './code-actions';
import { COMPLETION_TRIGGERS, ManifestCompletion } from './completion';
import { registerManifestDetection } from './detect';
import { ManifestHover } from './hover';
import { ManifestDocuments } from './manifest-documents';
import { affectsLanguageSettings, readLanguageSettings } from './settings';
import { registerManifestStatus } from './status';
import { registerValidateFile } from './validate-file';

export function registerManifestLanguage(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): ManifestDocuments {
  let settings = readLanguageSettings();
  const documents = new ManifestDocuments(settings.validateOptions, settings.debounceMs, log);
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };

  context.subscriptions.push(
    documents,
    vscode.languages.registerCodeActionsProvider(selector, new ManifestCodeActions(documents), ManifestCodeActions.metadata),
    vscode.languages.registerHoverProvider(selector, new ManifestHover(documents)),
    vscode.languages.registerCompletionItemProvider(selector, new ManifestCompletion(documents), ...COMPLETION_TRIGGERS),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsLanguageSettings(e)) return;
      settings = readLanguageSettings();
      documents.configure(settings.validateOptions, settings.debounceMs);
    }),
  );
  registerManifestDetection(context, () => settings.detectManifests, log);
  registerManifestStatus(context, documents);
  registerValidateFile(context, documents, log);
  return documents;
}

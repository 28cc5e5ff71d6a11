/**
 * Composition root: builds the pieces and registers each feature. Nothing else lives here.
 */
import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Features register themselves here as they land.
}

export function deactivate(): void {
  // Disposables are owned by context.subscriptions.
}

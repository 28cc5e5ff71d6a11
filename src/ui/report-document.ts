/**
 * Reports (training readiness, ...) open as read-only documents of their own scheme, each with a
 * URI of its own: an untitled document would ask to be saved on close, and VS Code hands a new
 * untitled document the name of one just closed ("Untitled-1"), so a report opened right after
 * could come back with the old one's text. Plain text: manifest content is never rendered as markup.
 */
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'customlabels-report';

const reports = new Map<string, string>();
let opened = 0;

export function registerReportDocuments(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, {
      provideTextDocumentContent: (uri) => reports.get(uri.toString()) ?? 'This report is no longer available: run the command again.',
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === REPORT_SCHEME) reports.delete(d.uri.toString());
    }),
  );
}

/** Opens `content` as a read-only report titled `title` (the tab shows it) and shows it. */
export async function openReport(title: string, content: string): Promise<vscode.TextDocument> {
  const safe = title.replace(/[\\/?#%\u0000-\u001f]/g, '_');
  const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${safe}.txt`, query: `n=${++opened}` });
  reports.set(uri.toString(), content);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: true });
  return document;
}

/**
 * "Check Images": reads each line's image of the active manifest (HeadObject and the header
 * only: src/images) from S3 with the current connection (the sandbox's S3 in sandbox mode) or
 * from a local folder (DIR/bucket/key), and publishes what it finds as diagnostics on the lines,
 * in their own collection. Cancellable, with counts; results kept by ETag for the session.
 */
import * as vscode from 'vscode';
import { Commands, LANGUAGE_ID, Settings } from '../constants';
import { ImageCheckCache, checkImages, type CheckImagesResult } from '../images';
import { ManifestCodeActions } from '../language/code-actions';
import { toDiagnostic } from '../language/diagnostics';
import type { ManifestDocuments } from '../language/manifest-documents';
import { placeByText, type Problem } from '../manifest';
import { CustomLabelsError } from '../rekognition';
import type { DatasetsContext } from '../ui/context';
import { registerCommand } from '../ui/command-edge';
import { pickSource, type ImageSourceArgs } from '../ui/image-source';

export type CheckImagesArgs = ImageSourceArgs;

export interface CheckImagesOutcome {
  uri: vscode.Uri;
  result: CheckImagesResult;
  diagnostics: readonly vscode.Diagnostic[];
}

/** One image finding, kept on the line that still has the text it was found on (placeByText). */
interface Finding {
  problem: Problem;
  text: string;
  line: number | undefined;
}

export function registerCheckImagesCommand(ctx: DatasetsContext, manifests: ManifestDocuments): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('Custom Labels: Images');
  const cache = new ImageCheckCache();
  /** What the last check of each document found: its quick fixes read them, edits move them. */
  const found = new Map<string, { uri: vscode.Uri; findings: Finding[] }>();
  const publish = (uri: vscode.Uri, document?: vscode.TextDocument): void => {
    const file = found.get(uri.toString());
    if (!file) return;
    if (document) placeByText(file.findings, { lineCount: document.lineCount, lineText: (i) => document.lineAt(i).text });
    collection.set(
      uri,
      file.findings.flatMap((f) => (f.line === undefined ? [] : [toDiagnostic(uri, { ...f.problem, line: f.line })])),
    );
  };
  const forget = (uri: vscode.Uri): void => {
    collection.delete(uri);
    found.delete(uri.toString());
  };
  ctx.imageFindings.provide((uri) => {
    const file = found.get(uri.toString());
    if (!file) return [];
    return file.findings.flatMap((f) => (f.line === undefined ? [] : [{ line: f.line, code: f.problem.code, message: f.problem.message }]));
  });
  const onLine = (uri: vscode.Uri, line: number): Problem[] | undefined => {
    const file = found.get(uri.toString());
    const here = file?.findings.filter((f) => f.line === line).map((f) => ({ ...f.problem, line }));
    return here?.length ? here : undefined;
  };
  return [
    collection,
    // A finding stays on the line that has the text it was found on: it follows the line when
    // lines move, leaves while that line is edited (and comes back when the edit is undone).
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && found.has(e.document.uri.toString())) publish(e.document.uri, e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => forget(d.uri)),
    vscode.languages.registerCodeActionsProvider({ scheme: '*' }, new ManifestCodeActions(manifests, onLine), ManifestCodeActions.metadata),
    registerCommand(ctx, Commands.checkImages, 'Checking images', async (arg?: CheckImagesArgs | vscode.Uri): Promise<CheckImagesOutcome | undefined> => {
      const args: CheckImagesArgs = arg instanceof vscode.Uri ? { uri: arg } : (arg ?? {});
      const document = args.uri ? await vscode.workspace.openTextDocument(args.uri) : vscode.window.activeTextEditor?.document;
      if (!document || (document.languageId !== LANGUAGE_ID && !args.uri)) {
        void vscode.window.showInformationMessage('Check Images works on a Custom Labels manifest: open one (a .manifest file) and run it again.');
        return undefined;
      }
      const source = await pickSource(ctx, args, 'Check Images');
      if (!source) return undefined;
      const lines = Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text);
      try {
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Checking the images of ${vscode.workspace.asRelativePath(document.uri, false)}`, cancellable: true },
          async (progress, token) => {
            const controller = new AbortController();
            const sub = token.onCancellationRequested(() => controller.abort());
            let shown = 0;
            try {
              return await checkImages(lines, source, {
                signal: controller.signal,
                cache,
                readEnds: vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.checkTruncation, false) === true,
                onProgress: (p) => {
                  const pct = (p.done / Math.max(1, p.total)) * 100;
                  progress.report({ increment: pct - shown, message: `${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} images, ${p.problems.toLocaleString('en-US')} unreadable or missing` });
                  shown = pct;
                },
              });
            } finally {
              sub.dispose();
            }
          },
        );
        if (result.unavailable !== undefined) {
          forget(document.uri);
          throw new CustomLabelsError(`Check Images could not read the images: ${result.unavailable}`, 'IMAGES_UNAVAILABLE');
        }
        found.set(document.uri.toString(), {
          uri: document.uri,
          findings: result.problems.map((problem) => ({ problem, text: lines[problem.line] ?? '', line: problem.line })),
        });
        publish(document.uri, document);
        const diagnostics = collection.get(document.uri) ?? [];
        if (result.internalFailures > 0) ctx.log.error(`Check Images: ${result.internalFailures} internal failure(s); please report them.`);
        const problems = plural(result.problems.length, 'problem', 'problems');
        const verdict = result.cancelled
          ? `Check Images was cancelled: ${problems} in the images read so far (the Problems view lists them).`
          : `Checked ${plural(result.images, 'image', 'images')} (named by ${plural(result.lines, 'line', 'lines')}) from ${source.where}: ${result.problems.length === 0 ? 'no problems' : `${problems}, in the Problems view`}.`;
        ctx.log.info(verdict);
        void vscode.window.showInformationMessage(verdict);
        return { uri: document.uri, result, diagnostics };
      } finally {
        source.dispose();
      }
    }),
  ];
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * Thin wrappers over `vscode.window` for the commands: progress with cancellation bridged to
 * the service's Cancellation, and error messages that say what failed, why and what to do,
 * with a "Show Logs" button (the stack goes to the log, never to a popup).
 */
import * as vscode from 'vscode';
import { failureMessage } from './failure-message';
import type { Cancellation, Progress } from '../rekognition';

export interface CommandContext {
  log: vscode.LogOutputChannel;
}

export function toCancellation(token: vscode.CancellationToken): Cancellation {
  return {
    get isCancelled() {
      return token.isCancellationRequested;
    },
    onCancelled(listener) {
      if (token.isCancellationRequested) {
        listener();
        return { dispose() {} };
      }
      return token.onCancellationRequested(() => listener());
    },
  };
}

/** Runs `task` under a notification with a progress bar; `cancellable` adds the Cancel button. */
export function withProgress<T>(
  title: string,
  cancellable: boolean,
  task: (progress: Progress, cancellation: Cancellation) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable },
    (progress, token) => {
      let last = 0;
      const report: Progress = {
        report(message, fraction) {
          if (fraction === undefined) {
            progress.report({ message });
            return;
          }
          const pct = Math.max(0, Math.min(100, fraction * 100));
          progress.report({ message, increment: Math.max(0, pct - last) });
          last = Math.max(last, pct);
        },
      };
      return task(report, toCancellation(token));
    },
  );
}

/** "what failed: why. what to do" from anything thrown. */
export function describeError(error: unknown): { why: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const hint = (error as { hint?: unknown }).hint;
    const why = typeof hint === 'string' && hint && !error.message.includes(hint) ? `${error.message} ${hint}` : error.message;
    return { why, code: typeof code === 'string' ? code : error.name !== 'Error' ? error.name : undefined };
  }
  return { why: String(error) };
}

export function isCancelled(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 'CANCELLED' || (error as { name?: unknown })?.name === 'AbortError';
}

/** Logs the full error and shows "<what> failed: <why>" with a Show Logs button. */
export function reportError(ctx: CommandContext, what: string, error: unknown): void {
  const { why, code } = describeError(error);
  ctx.log.error(`${what} failed${code ? ` (${code})` : ''}: ${why}`);
  if (error instanceof Error && error.stack) ctx.log.debug(error.stack);
  if (isCancelled(error)) {
    void vscode.window.showInformationMessage(`${what} was cancelled.`);
    return;
  }
  void vscode.window.showErrorMessage(failureMessage(what, why), 'Show Logs').then((choice) => {
    if (choice === 'Show Logs') ctx.log.show(true);
  });
}

export function info(ctx: CommandContext, message: string): void {
  ctx.log.info(message);
  void vscode.window.showInformationMessage(message);
}

export function warn(ctx: CommandContext, message: string): void {
  ctx.log.warn(message);
  void vscode.window.showWarningMessage(message, 'Show Logs').then((choice) => {
    if (choice === 'Show Logs') ctx.log.show(true);
  });
}

/**
 * Registers a command whose failures are reported, never thrown at the user. The handler's
 * result is returned to `executeCommand` callers (tests), `undefined` after a failure.
 */
export function registerCommand<A extends unknown[], R>(
  ctx: CommandContext,
  id: string,
  what: string,
  handler: (...args: A) => Promise<R> | R,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...(args as A));
    } catch (error) {
      reportError(ctx, what, error);
      return undefined;
    }
  });
}

/**
 * The explorer at scale: "Load more…" (the next DescribeProjects page), "Filter Projects…" (the
 * exact names DescribeProjects is asked for) and "Clear Filter", and "Sign In Again" (the
 * signed-out row's action: reconnect; when that still fails, for an SSO profile the
 * `aws sso login --profile X` command, offered in a terminal; for keys, where to renew them).
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { profileUsesSso } from '../connection/profiles';
import type { DatasetsContext } from '../ui/context';
import { registerCommand } from '../ui/command-edge';
import { FILTER_PROMPT, parseProjectFilter } from '../views/project-filter';
import { ssoLoginCommand } from '../views/projects-tree';

const SELECT_PROFILE = 'Select Profile…';
const USE_SANDBOX = 'Use the Local Sandbox';

export function registerExplorerCommands(ctx: DatasetsContext): vscode.Disposable[] {
  const reconnect = async (): Promise<void> => {
    await ctx.connection.connect(true);
    await ctx.model.whenLoaded();
  };
  const signedOut = (): boolean => ctx.connection.state.kind === 'noCredentials' || ctx.model.state.kind === 'signedOut';
  const reason = (): string => {
    const s = ctx.model.state;
    if (s.kind === 'signedOut') return s.error.message;
    const c = ctx.connection.state;
    return c.kind === 'noCredentials' ? c.reason : '';
  };
  const other = async (choice: string | undefined): Promise<void> => {
    if (choice === SELECT_PROFILE) await vscode.commands.executeCommand(Commands.selectProfile);
    else if (choice === USE_SANDBOX) await vscode.commands.executeCommand(Commands.useSandbox);
  };

  return [
    registerCommand(ctx, Commands.loadMoreProjects, 'Load more projects', async () => {
      await ctx.model.loadMore();
      return { shown: ctx.model.projects.length, more: ctx.model.hasMore };
    }),

    registerCommand(ctx, Commands.filterProjects, 'Filter projects', async (options?: { names?: string }) => {
      let input = options?.names;
      if (input === undefined) {
        input = await vscode.window.showInputBox({
          title: 'Filter Projects',
          prompt: FILTER_PROMPT,
          placeHolder: 'my-project, other-project',
          value: ctx.model.filter?.join(', ') ?? '',
          validateInput: (text) => {
            const parsed = parseProjectFilter(text);
            return 'error' in parsed ? parsed.error : undefined;
          },
        });
        if (input === undefined) return undefined;
      }
      const parsed = parseProjectFilter(input);
      if ('error' in parsed) throw new Error(parsed.error);
      await ctx.connection.ensureConnected();
      await ctx.model.setFilter(parsed.names);
      return { names: parsed.names, shown: ctx.model.projects.length };
    }),

    registerCommand(ctx, Commands.clearProjectFilter, 'Clear the project filter', async () => {
      await ctx.model.setFilter(undefined);
    }),

    registerCommand(ctx, Commands.signInAgain, 'Sign in again', async () => {
      const config = ctx.connection.config;
      // First what a person who just signed in elsewhere expects: connect again.
      await reconnect();
      if (!signedOut() || config.mode !== 'aws') return { signedIn: !signedOut() };
      const profile = config.profile;
      const who = profile ? `profile "${profile}"` : 'the default credentials';
      const sso = await profileUsesSso(profile).catch(() => false);
      if (sso) {
        const command = ssoLoginCommand(profile);
        const choice = await vscode.window.showWarningMessage(
          `The AWS sign-in of ${who} has ended (${reason()}). Run "${command}" to sign in again; the explorer reconnects when it finishes.`,
          'Run in Terminal',
          SELECT_PROFILE,
          USE_SANDBOX,
        );
        if (choice === 'Run in Terminal') {
          // The command itself is the terminal's process: when it ends, sign-in is over.
          const terminal = vscode.window.createTerminal({ name: 'AWS sign-in', shellPath: 'aws', shellArgs: ['sso', 'login', ...(profile ? ['--profile', profile] : [])] });
          terminal.show();
          const sub = vscode.window.onDidCloseTerminal((closed) => {
            if (closed !== terminal) return;
            sub.dispose();
            void reconnect();
          });
        } else await other(choice);
      } else {
        const choice = await vscode.window.showWarningMessage(
          `Still no usable AWS credentials for ${who} (${reason()}). Renew its keys (~/.aws/credentials, or the environment), then choose Sign In Again; or:`,
          SELECT_PROFILE,
          USE_SANDBOX,
        );
        await other(choice);
      }
      return { signedIn: !signedOut() };
    }),
  ];
}

/** Switch between AWS and the local sandbox; pick the profile and region. Choices persist in user settings. */
import * as vscode from 'vscode';
import { Commands, Settings } from '../constants';
import { listProfiles } from '../connection/profiles';
import { CUSTOM_LABELS_REGIONS, isCustomLabelsRegion } from '../connection/regions';
import { CustomLabelsError } from '../rekognition';
import type { DatasetsContext } from '../ui/context';
import { info, registerCommand, warn, withProgress } from '../ui/command-edge';

const DEFAULT_CHAIN = '$(key) Default credential chain';

async function update(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(Settings.section).update(key, value, vscode.ConfigurationTarget.Global);
}

/** After switching to AWS: where the explorer now points, or why it shows nothing. */
function reportAws(ctx: DatasetsContext): void {
  const state = ctx.connection.state;
  if (state.kind === 'ready') info(ctx, `The explorer now shows AWS (${ctx.connection.label}).`);
  else if (state.kind === 'noCredentials') {
    warn(ctx, `No AWS credentials were found for profile "${ctx.connection.config.profile ?? 'default'}" (${state.reason}). Select another profile, or use the local sandbox.`);
  }
}

export function registerConnectionCommands(ctx: DatasetsContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.useSandbox, 'Use the local sandbox', async (options?: { seedDemo?: boolean }) => {
      await withProgress('Starting the local Custom Labels sandbox…', false, async () => {
        await ctx.connection.ensureSandbox(options?.seedDemo ?? true);
        await update(Settings.connection, 'sandbox');
        await ctx.connection.connect();
      });
      info(ctx, `The explorer now shows the local sandbox (${ctx.connection.label}). Nothing is sent to AWS.`);
      return { endpoint: ctx.connection.sandboxEndpoint ?? ctx.connection.config.sandboxEndpoint };
    }),

    registerCommand(ctx, Commands.useAws, 'Use AWS', async () => {
      await update(Settings.connection, 'aws');
      await ctx.connection.connect();
      reportAws(ctx);
      return { state: ctx.connection.state.kind };
    }),

    registerCommand(ctx, Commands.selectProfile, 'Select AWS profile', async (options?: { profile?: string | null }) => {
      let profile: string | null | undefined = options?.profile;
      if (profile === undefined) {
        let names: string[] = [];
        try {
          names = await listProfiles();
        } catch (error) {
          ctx.log.warn(`Could not read the shared config files: ${error instanceof Error ? error.message : String(error)}`);
        }
        const current = ctx.connection.config.profile;
        const picked = await vscode.window.showQuickPick(
          [
            { label: DEFAULT_CHAIN, description: 'environment, default profile, SSO, instance role…', value: null as string | null },
            ...names.map((n) => ({ label: n, description: n === current ? 'current' : undefined, value: n as string | null })),
          ],
          {
            title: 'AWS profile for Custom Labels',
            placeHolder: names.length ? 'Profiles from ~/.aws/config and ~/.aws/credentials' : 'No profiles found in ~/.aws/config or ~/.aws/credentials',
          },
        );
        if (!picked) return undefined;
        profile = picked.value;
      }
      await update(Settings.profile, profile ?? undefined);
      // A profile only matters for AWS: picking one means "show me AWS with it".
      if (ctx.connection.config.mode !== 'aws') await update(Settings.connection, 'aws');
      await ctx.connection.connect();
      reportAws(ctx);
      return { profile: profile ?? undefined, state: ctx.connection.state.kind };
    }),

    registerCommand(ctx, Commands.selectRegion, 'Select AWS region', async (options?: { region?: string }) => {
      let region = options?.region;
      if (region === undefined) {
        const current = ctx.connection.config.region;
        const picked = await vscode.window.showQuickPick(
          CUSTOM_LABELS_REGIONS.map((r) => ({ label: r.id, description: r.id === current ? `${r.name} · current` : r.name })),
          { title: 'Region (where Custom Labels is available)' },
        );
        if (!picked) return undefined;
        region = picked.label;
      }
      if (!isCustomLabelsRegion(region)) {
        throw new CustomLabelsError(
          `Custom Labels is not available in "${region}".`,
          'INVALID_PARAMETER',
          `Pick one of ${CUSTOM_LABELS_REGIONS.map((r) => r.id).join(', ')}.`,
        );
      }
      await update(Settings.region, region);
      await ctx.connection.connect();
      if (ctx.connection.config.mode === 'sandbox') {
        // Nothing visible changes in sandbox mode: say where the region applies.
        void vscode.window
          .showInformationMessage(`AWS region set to ${region}. The explorer still shows the local sandbox; use AWS to see ${region}.`, 'Use AWS')
          .then((choice) => choice && vscode.commands.executeCommand(Commands.useAws));
      } else {
        reportAws(ctx);
      }
      return { region };
    }),
  ];
}

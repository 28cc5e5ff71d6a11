/** What every dataset command needs: the model, the connection, the logs. */
import type { ConnectionManager } from '../connection/connection-manager';
import type { RecordedEntryErrors } from '../language/entry-diagnostics';
import { CustomLabelsError, type CustomLabelsService } from '../rekognition';
import type { ProjectsModel } from '../views/projects-model';
import type { CommandContext } from './command-edge';
import type { ImageFindings } from './image-findings';
import type { ConnectionViews } from './connection-views';

export interface DatasetsContext extends CommandContext {
  model: ProjectsModel;
  connection: ConnectionManager;
  /** Entry errors of pushed datasets mapped back to local manifest lines (the "(dataset)" diagnostics). */
  recorded: RecordedEntryErrors;
  /** What Check Images found on the lines of each manifest it checked. */
  imageFindings: ImageFindings;
  /** The galleries and browse documents of the connection's datasets: closed when it changes. */
  connectionViews: ConnectionViews;
}

/** The connected service (connecting first if nothing has yet), or an error that says how to connect. */
export async function requireService(ctx: DatasetsContext): Promise<CustomLabelsService> {
  await ctx.connection.ensureConnected();
  const service = ctx.connection.service;
  if (service) return service;
  const state = ctx.connection.state;
  switch (state.kind) {
    case 'noCredentials':
      throw new CustomLabelsError(
        `No AWS credentials were found for profile "${ctx.connection.config.profile ?? 'default'}".`,
        'NO_CREDENTIALS',
        'Select a profile that has credentials (Custom Labels: Select AWS Profile) or use the local sandbox.',
      );
    case 'error':
      throw new CustomLabelsError(`Not connected: ${state.reason}`, 'NOT_CONNECTED', 'Check the connection settings and refresh the explorer.');
    default:
      throw new CustomLabelsError('Still connecting.', 'NOT_CONNECTED', 'Try again in a moment.');
  }
}

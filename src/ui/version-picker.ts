/** A command's model version: the one a tree row or `{ versionArn }` names, or one the person picks among those the explorer lists. */
import * as vscode from 'vscode';
import { CustomLabelsError } from '../rekognition';
import type { VersionsModel } from '../views/versions-model';
import { versionDescription, type VersionInfo } from '../views/version-status';
import type { DatasetsContext } from './context';

/** The version named by `arn`, or one the person picks among the versions the explorer lists. */
export async function resolveVersion(ctx: DatasetsContext, versions: VersionsModel, arn: string | undefined, placeHolder: string, keep: (v: VersionInfo) => boolean = () => true): Promise<VersionInfo | undefined> {
  if (arn) {
    const found = versions.find(arn);
    if (found) return found;
    throw new CustomLabelsError(`There is no model version ${arn} in ${ctx.connection.label}.`, 'NOT_FOUND', 'Refresh the explorer.');
  }
  const all = versions.all().filter(keep);
  if (all.length === 0) throw new CustomLabelsError(`No model version in ${ctx.connection.label} can be chosen here.`, 'NOT_FOUND', 'Train a model first (Train Model… on a project).');
  const pick = await vscode.window.showQuickPick(
    all.map((v) => ({ label: v.name, description: `${ctx.model.findProject(v.projectArn)?.project.name ?? ''} · ${versionDescription(v)}`, version: v })),
    { placeHolder },
  );
  return pick?.version;
}

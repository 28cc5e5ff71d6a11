/** seedDemo: a `demo-project` with a TRAIN dataset of sample entries, ready at once. */
import { projectArn, datasetArn } from '../service/arn';
import type { Context } from '../service/context';
import { demoManifestLines } from './manifest';
import { ingest } from '../entries/ingest';
import { Messages } from '../lifecycle/status-messages';

export const DEMO_PROJECT = 'demo-project';

export function seedDemo(ctx: Context): { projectArn: string; trainArn: string } {
  const existing = [...ctx.state.projects.values()].find((p) => p.name === DEMO_PROJECT);
  if (existing) {
    const train = ctx.state.datasetsOf(existing.arn).find((d) => d.type === 'TRAIN');
    if (train) return { projectArn: existing.arn, trainArn: train.arn };
  }
  const stamp = ctx.state.stamp();
  const pArn = existing?.arn ?? projectArn(ctx.region, ctx.account, DEMO_PROJECT, stamp);
  if (!existing) ctx.state.projects.set(pArn, { arn: pArn, name: DEMO_PROJECT, feature: 'CUSTOM_LABELS', status: 'CREATED', created: stamp });
  const dStamp = ctx.state.stamp();
  const trainArn = datasetArn(pArn, 'TRAIN', dStamp);
  ctx.state.datasets.set(trainArn, {
    arn: trainArn,
    projectArn: pArn,
    type: 'TRAIN',
    status: 'CREATE_COMPLETE',
    statusMessage: Messages.createdFromManifest,
    statusMessageCode: 'SUCCESS',
    created: dStamp,
    lastUpdated: dStamp,
    entries: ingest(demoManifestLines().join('\n')).entries,
  });
  ctx.changed();
  return { projectArn: pArn, trainArn };
}

/**
 * SDK output shapes -> our domain types. Pure; only `import type` from the SDK.
 */
import type {
  DatasetDescription,
  DatasetLabelDescription,
  DatasetMetadata,
  ProjectDescription,
} from '@aws-sdk/client-rekognition';
import type {
  Dataset,
  DatasetRef,
  DatasetStatus,
  DatasetType,
  LabelStats,
  Project,
  ProjectFeature,
  ProjectStatus,
  StatusMessageCode,
} from './types';
import { parseDatasetArn, parseProjectArn } from './arn';

function datasetTypeOf(arn: string, given?: string): DatasetType {
  if (given === 'TRAIN' || given === 'TEST') return given;
  try {
    return parseDatasetArn(arn).datasetType;
  } catch {
    return /\/dataset\/test\//.test(arn) ? 'TEST' : 'TRAIN';
  }
}

function projectNameOf(arn: string): string {
  try {
    return parseProjectArn(arn).projectName;
  } catch {
    return arn.split('/')[1] ?? arn;
  }
}

export function toDatasetRef(m: DatasetMetadata): DatasetRef {
  const arn = m.DatasetArn ?? '';
  return {
    arn,
    type: datasetTypeOf(arn, m.DatasetType),
    ...(m.Status ? { status: m.Status as DatasetStatus } : {}),
    ...(m.StatusMessage ? { statusMessage: m.StatusMessage } : {}),
    ...(m.StatusMessageCode ? { statusMessageCode: m.StatusMessageCode as StatusMessageCode } : {}),
    ...(m.CreationTimestamp ? { created: m.CreationTimestamp } : {}),
  };
}

export function toProject(p: ProjectDescription): Project {
  const arn = p.ProjectArn ?? '';
  return {
    arn,
    name: projectNameOf(arn),
    status: (p.Status ?? 'CREATED') as ProjectStatus,
    feature: (p.Feature ?? 'CUSTOM_LABELS') as ProjectFeature,
    ...(p.CreationTimestamp ? { created: p.CreationTimestamp } : {}),
    datasets: (p.Datasets ?? []).map(toDatasetRef),
  };
}

export function toDataset(arn: string, d: DatasetDescription | undefined): Dataset {
  const s = d?.DatasetStats;
  return {
    arn,
    type: datasetTypeOf(arn),
    status: (d?.Status ?? 'CREATE_IN_PROGRESS') as DatasetStatus,
    ...(d?.StatusMessage ? { statusMessage: d.StatusMessage } : {}),
    ...(d?.StatusMessageCode ? { statusMessageCode: d.StatusMessageCode as StatusMessageCode } : {}),
    ...(d?.CreationTimestamp ? { created: d.CreationTimestamp } : {}),
    ...(d?.LastUpdatedTimestamp ? { lastUpdated: d.LastUpdatedTimestamp } : {}),
    stats: {
      labeledEntries: s?.LabeledEntries ?? 0,
      totalEntries: s?.TotalEntries ?? 0,
      totalLabels: s?.TotalLabels ?? 0,
      errorEntries: s?.ErrorEntries ?? 0,
    },
  };
}

export function toLabelStats(l: DatasetLabelDescription): LabelStats {
  return {
    name: l.LabelName ?? '',
    entryCount: l.LabelStats?.EntryCount ?? 0,
    boundingBoxCount: l.LabelStats?.BoundingBoxCount ?? 0,
  };
}

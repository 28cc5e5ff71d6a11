/** The operations the sandbox implements, by their awsJson1_1 target name. */
import type { Context } from '../service/context';
import type { Body } from '../service/input';
import { createDataset, deleteDataset, describeDataset } from './datasets';
import { distributeDatasetEntries } from './distribute';
import { listDatasetEntries, listDatasetLabels, updateDatasetEntries } from './entries';
import { createProject, deleteProject, describeProjects } from './projects';
import { createProjectVersion, deleteProjectVersion, describeProjectVersions } from './models';
import { detectCustomLabels, startProjectVersion, stopProjectVersion } from './model-running';

export type Operation = (ctx: Context, body: Body) => Body;

/** A Map: a target such as `RekognitionService.constructor` finds nothing (no prototype lookups). */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map<string, Operation>([
  ['CreateProject', createProject],
  ['DescribeProjects', describeProjects],
  ['DeleteProject', deleteProject],
  ['CreateDataset', createDataset],
  ['DescribeDataset', describeDataset],
  ['DeleteDataset', deleteDataset],
  ['ListDatasetEntries', listDatasetEntries],
  ['ListDatasetLabels', listDatasetLabels],
  ['UpdateDatasetEntries', updateDatasetEntries],
  ['DistributeDatasetEntries', distributeDatasetEntries],
  ['CreateProjectVersion', createProjectVersion],
  ['DescribeProjectVersions', describeProjectVersions],
  ['DeleteProjectVersion', deleteProjectVersion],
  ['StartProjectVersion', startProjectVersion],
  ['StopProjectVersion', stopProjectVersion],
  ['DetectCustomLabels', detectCustomLabels],
]);

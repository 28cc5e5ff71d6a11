/**
 * `createCustomLabelsService(settings)`: the Custom Labels operations the editor uses, over the
 * AWS SDK, returning our domain types. Building a service loads nothing: the SDK is imported on
 * the first call that reaches AWS.
 */
import type { ConnectionSettings, CustomLabelsService } from './types';
import { createClientFactory, describeSettings, type ClientHandle } from './client';
import { createCaller } from './call';
import { createProject, deleteProject, listProjects, listProjectsPage } from './projects';
import {
  createDataset,
  deleteDataset,
  describeDataset,
  distributeEntries,
  listEntries,
  listLabels,
  updateEntries,
} from './datasets';
import { compareWithDataset, pushEntries, type PushDeps } from './push';
import { planPush, type LineValidator, type PushPlan } from './push-plan';
import { distributeDataset } from './distribute';
import { realClock, waitForStatus, type Clock } from './wait';
import { validateLine } from '../manifest';
import { deleteModel, detectLabels, listModels, startModel, stopModel, trainModel } from './model-versions';

export interface ServiceDeps {
  clock?: Clock;
  validateLine?: LineValidator;
  /** Replaces the client factory (tests). */
  getClient?: () => Promise<ClientHandle>;
}

export interface DisposableCustomLabelsService extends CustomLabelsService {
  /** Where requests go, safe to log (no credentials). */
  readonly description: string;
  /** Releases the client's sockets. */
  dispose(): void;
}

export function createCustomLabelsService(settings: ConnectionSettings, deps: ServiceDeps = {}): DisposableCustomLabelsService {
  const factory = createClientFactory(settings);
  const call = createCaller(deps.getClient ?? factory.get, settings);
  const clock = deps.clock ?? realClock;
  const describe = (arn: string) => describeDataset(call, arn);
  const pushDeps: PushDeps = {
    update: (a, body) => updateEntries(call, a, body),
    describe,
    list: (a, cancellation) => listEntries(call, a, {}, cancellation),
    clock,
  };
  return {
    description: describeSettings(settings),
    dispose: () => factory.destroy(),
    listProjects: (options) => listProjects(call, options),
    listProjectsPage: (request) => listProjectsPage(call, request),
    createProject: (name) => createProject(call, name),
    deleteProject: (arn) => deleteProject(call, arn),
    createDataset: (projectArn, type, source) => createDataset(call, projectArn, type, source),
    describeDataset: describe,
    deleteDataset: (arn) => deleteDataset(call, arn),
    listEntries: (arn, filter, cancellation) => listEntries(call, arn, filter, cancellation),
    listLabels: (arn) => listLabels(call, arn),
    waitForStatus: (arn, options) => waitForStatus(describe, arn, options, clock),
    pushEntries: (arn, lines, options) =>
      pushEntries(
        pushDeps,
        arn,
        isPlan(lines) ? lines : planPush(lines, deps.validateLine ?? validateLine),
        options,
      ),
    diffEntries: (arn, plan, options) => compareWithDataset(pushDeps, arn, plan, options),
    distribute: (trainArn, testArn, options) =>
      distributeDataset(
        {
          describe,
          listLabels: (a) => listLabels(call, a),
          distribute: (t, s) => distributeEntries(call, t, s),
          clock,
        },
        trainArn,
        testArn,
        options,
      ),
    listModels: (projectArn, options) => listModels(call, projectArn, options),
    trainModel: (projectArn, versionName, output, description) => trainModel(call, projectArn, versionName, output, description),
    deleteModel: (arn) => deleteModel(call, arn),
    startModel: (arn, units) => startModel(call, arn, units),
    stopModel: (arn) => stopModel(call, arn),
    detectLabels: (arn, image, options) => detectLabels(call, arn, image, options),
  };
}

function isPlan(lines: readonly string[] | PushPlan): lines is PushPlan {
  return !Array.isArray(lines);
}

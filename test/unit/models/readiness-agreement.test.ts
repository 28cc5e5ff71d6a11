/**
 * One rule set: on every training-readiness fixture (test/unit/training/readiness-fixtures.ts),
 * the sandbox's training (CreateProjectVersion, in process through the real SDK on a ManualClock)
 * fails with exactly the error codes `checkTraining` predicts, or completes when it predicts none.
 * The datasets hold the fixture's lines as they are (put into the state directly: a line the
 * import would drop is there too), as the manifests training reads.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as sdk from '@aws-sdk/client-rekognition';
import { ManualClock, SandboxCore, createRequestHandler } from '../../../src/sandbox';
import { checkTraining } from '../../../src/training';
import { READINESS_FIXTURES } from '../training/readiness-fixtures';

describe('training readiness and the sandbox\'s training checks agree on every readiness fixture', function () {
  this.timeout(60_000);
  for (const f of READINESS_FIXTURES) {
    it(f.name, async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agree-'));
      const clock = new ManualClock();
      const core = new SandboxCore({ transitionDelayMs: 10, clock, s3Root: root });
      const client = new sdk.RekognitionClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, requestHandler: createRequestHandler(core), maxAttempts: 1 });
      try {
        const projectArn = (await client.send(new sdk.CreateProjectCommand({ ProjectName: 'agree' }))).ProjectArn!;
        clock.runNext();
        const trainArn = (await client.send(new sdk.CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TRAIN' }))).DatasetArn!;
        const testArn = f.test ? (await client.send(new sdk.CreateDatasetCommand({ ProjectArn: projectArn, DatasetType: 'TEST' }))).DatasetArn! : undefined;
        while (clock.runNext());
        const hold = (arn: string, lines: string[]) => {
          core.ctx.state.datasets.get(arn)!.entries = lines.map((line) => ({ sourceRef: '', line, labels: [], boxLabels: {}, labeled: true, hasErrors: false }));
        };
        hold(trainArn, f.train);
        if (testArn) hold(testArn, f.test!);
        const arn = (await client.send(new sdk.CreateProjectVersionCommand({ ProjectArn: projectArn, VersionName: 'v1', OutputConfig: { S3Bucket: 'out', S3KeyPrefix: '' } }))).ProjectVersionArn!;
        while (clock.runNext());
        const model = (await client.send(new sdk.DescribeProjectVersionsCommand({ ProjectArn: projectArn }))).ProjectVersionDescriptions!.find((m) => m.ProjectVersionArn === arn)!;
        const predicted = [...new Set((await checkTraining(f.train, f.test)).findings.filter((x) => x.severity === 'error').map((x) => x.code))];
        const failedWith = model.Status === 'TRAINING_FAILED' ? [...(model.StatusMessage ?? '').matchAll(/\b([A-Z][A-Z0-9_]{5,}):/g)].map((m) => m[1]) : [];
        assert.deepStrictEqual({ status: model.Status, codes: failedWith }, { status: predicted.length > 0 ? 'TRAINING_FAILED' : 'TRAINING_COMPLETED', codes: predicted }, model.StatusMessage);
      } finally {
        client.destroy();
        core.close();
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});

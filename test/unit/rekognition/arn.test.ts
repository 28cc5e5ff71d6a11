import * as assert from 'assert';
import { isDatasetArn, isProjectArn, parseDatasetArn, parseProjectArn } from '../../../src/rekognition/arn';
import { CustomLabelsError } from '../../../src/rekognition/types';

const PROJECT = 'arn:aws:rekognition:us-east-1:123456789012:project/my-proj_2.v1/1690564858106';
const TRAIN = `${PROJECT.replace(/\/\d+$/, '')}/dataset/train/1690564858200`;
const TEST = `${PROJECT.replace(/\/\d+$/, '')}/dataset/test/1690564858300`;

function failsWith(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof CustomLabelsError, 'a CustomLabelsError');
    assert.strictEqual(e.code, 'INVALID_ARN');
    assert.match(e.message, pattern);
    assert.ok(e.hint && e.hint.length > 0, 'carries a hint');
    return true;
  });
}

describe('rekognition/arn', () => {
  it('parses a project ARN into its parts', () => {
    const p = parseProjectArn(PROJECT);
    assert.deepStrictEqual(p, {
      arn: PROJECT,
      partition: 'aws',
      region: 'us-east-1',
      account: '123456789012',
      projectName: 'my-proj_2.v1',
      projectKey: 'arn:aws:rekognition:us-east-1:123456789012:project/my-proj_2.v1',
      projectId: '1690564858106',
    });
    assert.ok(isProjectArn(PROJECT));
    assert.ok(!isDatasetArn(PROJECT));
  });

  it('parses train and test dataset ARNs (which hold the project name, not its number)', () => {
    const d = parseDatasetArn(TRAIN);
    assert.strictEqual(d.datasetType, 'TRAIN');
    assert.strictEqual(d.datasetId, '1690564858200');
    assert.strictEqual(d.projectName, 'my-proj_2.v1');
    assert.strictEqual(parseDatasetArn(TEST).datasetType, 'TEST');
    assert.strictEqual(parseDatasetArn(TRAIN).projectKey, parseProjectArn(PROJECT).projectKey);
    assert.strictEqual(parseDatasetArn(TRAIN).projectKey, parseDatasetArn(TEST).projectKey);
    assert.ok(isDatasetArn(TRAIN) && isDatasetArn(TEST));
    assert.ok(!isProjectArn(TRAIN));
  });

  it('accepts other partitions (aws-cn, aws-us-gov)', () => {
    assert.strictEqual(parseProjectArn(PROJECT.replace(':aws:', ':aws-cn:').replace('us-east-1', 'cn-north-1')).partition, 'aws-cn');
    assert.strictEqual(parseDatasetArn(TRAIN.replace(':aws:', ':aws-us-gov:')).partition, 'aws-us-gov');
  });

  it('says what is wrong with a dataset ARN', () => {
    failsWith(() => parseDatasetArn(PROJECT), /not a dataset ARN: it is a project ARN; the resource part must end in \/dataset\/train\/<n> or \/dataset\/test\/<n>/);
    failsWith(() => parseDatasetArn(TRAIN.replace('/train/', '/validation/')), /dataset type is "validation"; it must be "train" or "test"/);
    failsWith(() => parseDatasetArn(`${TRAIN}/extra`), /must end in \/dataset\/train\/<n> or \/dataset\/test\/<n>/);
    failsWith(() => parseDatasetArn(TRAIN.replace(/\d+$/, '12a')), /dataset number "12a" must be digits only/);
    failsWith(() => parseDatasetArn(''), /it is empty/);
    failsWith(() => parseDatasetArn(` ${TRAIN}`), /leading or trailing spaces/);
  });

  it('says what is wrong with a project ARN', () => {
    failsWith(() => parseProjectArn(TRAIN), /it is a dataset ARN; use the ARN of the project/);
    failsWith(() => parseProjectArn(PROJECT.replace('rekognition', 's3')), /the service is "s3", expected "rekognition"/);
    failsWith(() => parseProjectArn(PROJECT.replace('123456789012', '1234')), /account "1234" must be exactly 12 digits/);
    failsWith(() => parseProjectArn(PROJECT.replace('us-east-1', 'US_EAST')), /region "US_EAST" is not valid/);
    failsWith(() => parseProjectArn(PROJECT.replace('my-proj_2.v1', 'my proj')), /project name "my proj" must be 1-255 letters/);
    failsWith(() => parseProjectArn(PROJECT.replace('project/', 'model/')), /must start with "project\/", not "model"/);
    failsWith(() => parseProjectArn(PROJECT.replace(/\/\d+$/, '/latest')), /project number "latest" must be digits only/);
    failsWith(() => parseProjectArn('arn:aws:rekognition'), /minimum is 20/);
    failsWith(() => parseProjectArn('xrn:aws:rekognition:us-east-1:123456789012:project/a/1'), /must start with "arn:"/);
    failsWith(() => parseProjectArn(`${PROJECT.replace(/\/\d+$/, '')}/version/v1/123`), /model \(project version\) ARN/);
  });

  it('enforces the name length (255) and the ARN length (2048)', () => {
    const long = PROJECT.replace('my-proj_2.v1', 'a'.repeat(255));
    assert.strictEqual(parseProjectArn(long).projectName.length, 255);
    failsWith(() => parseProjectArn(PROJECT.replace('my-proj_2.v1', 'a'.repeat(256))), /must be 1-255/);
    failsWith(() => parseProjectArn(PROJECT.replace(/\d+$/, '1'.repeat(2100))), /maximum is 2048/);
  });
});

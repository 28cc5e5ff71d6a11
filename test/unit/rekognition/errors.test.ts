import * as assert from 'assert';
import {
  AccessDeniedException,
  InvalidS3ObjectException,
  ResourceAlreadyExistsException,
  ResourceInUseException,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-rekognition';
import { mayHaveBeenApplied, toCustomLabelsError } from '../../../src/rekognition/errors';
import { CustomLabelsError } from '../../../src/rekognition/types';

const meta = { $metadata: { httpStatusCode: 400 } };
const DS = 'arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/1';

describe('rekognition/errors', () => {
  it('ResourceInUseException on a push says the dataset is busy and to push again', () => {
    const original = new ResourceInUseException({ message: 'Dataset is in UPDATE_IN_PROGRESS', ...meta });
    const e = toCustomLabelsError(original, { action: 'Push to dataset', operation: 'UpdateDatasetEntries', resource: DS });
    assert.ok(e instanceof CustomLabelsError);
    assert.strictEqual(e.code, 'ResourceInUseException');
    assert.strictEqual(e.cause, original);
    assert.match(e.message, /^Push to dataset failed: the dataset is busy with another operation/);
    assert.match(e.message, /Wait until it is complete and push again\.$/);
    assert.match(e.message, /Dataset is in UPDATE_IN_PROGRESS/, 'keeps what the service said');
    assert.strictEqual(e.hint, 'Wait until it is complete and push again.');
  });

  it('the same exception reads differently for a delete', () => {
    const e = toCustomLabelsError(new ResourceInUseException({ message: 'busy', ...meta }), {
      action: 'Delete train dataset',
      operation: 'DeleteDataset',
    });
    assert.match(e.message, /being created or updated.*delete it again/);
  });

  it('maps the other service exceptions to a cause and a next step', () => {
    const cases: [Error, string, RegExp][] = [
      [new ResourceNotFoundException({ message: 'nope', ...meta }), 'DescribeDataset', new RegExp(`\\(${DS.replace(/[/.]/g, '\\$&')}\\) was not found.*refresh the explorer`)],
      [new ResourceAlreadyExistsException({ message: 'exists', ...meta }), 'CreateProject', /already exists.*Choose another name/],
      [new ResourceInUseException({ message: 'in use', ...meta }), 'CreateProject', /a project with this name already exists.*Choose another name/],
      [new ResourceAlreadyExistsException({ message: 'exists', ...meta }), 'CreateDataset', /already has a dataset of this type/],
      [new AccessDeniedException({ message: 'denied', ...meta }), 'DescribeDataset', /not authorized to call rekognition:DescribeDataset.*choose another profile/],
      [new InvalidS3ObjectException({ message: 'bad', ...meta }), 'CreateDataset', /cannot read the S3 object.*same region/],
    ];
    for (const [err, operation, pattern] of cases) {
      const e = toCustomLabelsError(err, { action: 'Act', operation, resource: DS });
      assert.strictEqual(e.code, err.name);
      assert.match(e.message, pattern, `${err.name} on ${operation}`);
      assert.strictEqual(e.cause, err);
    }
  });

  it('throttling names the attempts the SDK made', () => {
    const t = new ThrottlingException({ message: 'Slow down', $metadata: { httpStatusCode: 500, attempts: 4 } });
    const e = toCustomLabelsError(t, { action: 'List projects', operation: 'DescribeProjects' });
    assert.strictEqual(e.code, 'ThrottlingException');
    assert.match(e.message, /throttling requests after 4 attempts.*Wait a moment and try again/);
  });

  it('network errors name the endpoint to check', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const e = toCustomLabelsError(err, { action: 'List projects', operation: 'DescribeProjects', endpoint: 'http://127.0.0.1:1' });
    assert.strictEqual(e.code, 'ECONNREFUSED');
    assert.match(e.message, /could not reach http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\).*sandbox/);
  });

  it('credential failures name the profile, never a secret', () => {
    const err = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    const e = toCustomLabelsError(err, { action: 'List projects', operation: 'DescribeProjects', profile: 'dev' });
    assert.match(e.message, /no AWS credentials could be loaded for profile "dev".*aws sso login --profile dev/);
  });

  it('passes CustomLabelsErrors through and maps aborts to CANCELLED', () => {
    const own = new CustomLabelsError('x', 'PRECONDITION_FAILED');
    assert.strictEqual(toCustomLabelsError(own, { action: 'a', operation: 'b' }), own);
    const abort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    assert.strictEqual(toCustomLabelsError(abort, { action: 'List entries', operation: 'ListDatasetEntries' }).code, 'CANCELLED');
  });

  it('an unknown error keeps its name as the code and its message', () => {
    const err = Object.assign(new Error('Something odd'), { name: 'WeirdException' });
    const e = toCustomLabelsError(err, { action: 'Describe dataset', operation: 'DescribeDataset' });
    assert.strictEqual(e.code, 'WeirdException');
    assert.match(e.message, /^Describe dataset failed: Something odd\./);
  });

  it('mayHaveBeenApplied: only a refusal on the only attempt, or our own check before sending, says "not applied"', () => {
    const ctx = { action: 'Push to dataset', operation: 'UpdateDatasetEntries', resource: DS };
    const wrap = (e: unknown) => toCustomLabelsError(e, ctx);
    // Refused by the service on the first and only attempt: not applied.
    assert.equal(mayHaveBeenApplied(wrap(new ResourceInUseException({ message: 'busy', $metadata: { httpStatusCode: 400, attempts: 1 } }))), false);
    assert.equal(mayHaveBeenApplied(wrap(new ThrottlingException({ message: 'slow down', $metadata: { httpStatusCode: 500, attempts: 1 } }))), false);
    assert.equal(mayHaveBeenApplied(new CustomLabelsError('bad ARN', 'INVALID_ARN')), false);
    assert.equal(mayHaveBeenApplied(new CustomLabelsError('cancelled before sending', 'CANCELLED')), false);
    // The retry of an applied update finds the dataset busy: an earlier attempt may have landed.
    assert.equal(mayHaveBeenApplied(wrap(new ResourceInUseException({ message: 'busy', $metadata: { httpStatusCode: 400, attempts: 2 } }))), true);
    // The network, a 5xx, a timeout, an abort in flight: the request may have arrived.
    assert.equal(mayHaveBeenApplied(wrap(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))), true);
    assert.equal(mayHaveBeenApplied(wrap(Object.assign(new Error('Internal'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500, attempts: 1 } }))), true);
    assert.equal(mayHaveBeenApplied(wrap(Object.assign(new Error('aborted'), { name: 'AbortError' }))), true);
  });
});

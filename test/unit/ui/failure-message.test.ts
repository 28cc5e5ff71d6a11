import * as assert from 'node:assert/strict';
import { failureMessage } from '../../../src/ui/failure-message';

describe('commands/failure-message', () => {
  it('says what failed once', () => {
    assert.equal(
      failureMessage('Create project', 'Create project "deadproj" failed: could not reach the sandbox at 127.0.0.1:1 (ECONNREFUSED). Start it again.'),
      'Create project "deadproj" failed: could not reach the sandbox at 127.0.0.1:1 (ECONNREFUSED). Start it again.',
    );
  });

  it('prefixes an error that does not say what failed', () => {
    assert.equal(failureMessage('Push entries', 'The file is empty.'), 'Push entries failed: The file is empty.');
    assert.equal(
      failureMessage('Delete dataset', 'The dataset is busy. The last update failed: try later.'),
      'Delete dataset failed: The dataset is busy. The last update failed: try later.',
      'a "failed:" after the first sentence is not the error naming its action',
    );
  });
});

import * as assert from 'assert';
import { buildClientConfig, checkSettings, DEFAULT_MAX_ATTEMPTS, describeSettings, USER_AGENT } from '../../../src/rekognition/client';
import { CustomLabelsError } from '../../../src/rekognition/types';

const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'SECRET-never-logged' };

describe('rekognition/client', () => {
  it('builds the config: region, static credentials, endpoint, standard retries, user agent', () => {
    const c = buildClientConfig({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:4599', credentials: creds }, creds);
    assert.strictEqual(c.region, 'eu-west-1');
    assert.strictEqual(c.endpoint, 'http://127.0.0.1:4599');
    assert.deepStrictEqual(c.credentials, creds);
    assert.strictEqual(c.retryMode, 'standard');
    assert.strictEqual(c.maxAttempts, DEFAULT_MAX_ATTEMPTS);
    assert.deepStrictEqual(c.customUserAgent, [USER_AGENT]);
    assert.match(USER_AGENT[0], /custom-labels/);
  });

  it('honours adaptive retries and maxAttempts, capped at 10', () => {
    const c = buildClientConfig({ region: 'us-east-1', retryMode: 'adaptive', maxAttempts: 1 }, creds);
    assert.strictEqual(c.retryMode, 'adaptive');
    assert.strictEqual(c.maxAttempts, 1);
    assert.strictEqual(buildClientConfig({ region: 'us-east-1', maxAttempts: 50 }, creds).maxAttempts, 10);
    assert.ok(!('endpoint' in buildClientConfig({ region: 'us-east-1' }, creds)), 'no endpoint unless overridden');
  });

  it('refuses settings a person must fix, saying how', () => {
    const bad: [object, string, RegExp][] = [
      [{ region: '' }, 'NO_REGION', /No AWS region is set/],
      [{ region: 'US East' }, 'NO_REGION', /not an AWS region/],
      [{ region: 'us-east-1', endpoint: 'localhost:4599' }, 'INVALID_ENDPOINT', /not an http\(s\) URL/],
      [{ region: 'us-east-1', endpoint: 'ftp://x' }, 'INVALID_ENDPOINT', /not an http\(s\) URL/],
      [{ region: 'us-east-1', maxAttempts: 0 }, 'INVALID_PARAMETER', /maxAttempts/],
    ];
    for (const [s, code, pattern] of bad) {
      assert.throws(
        () => checkSettings(s as never),
        (e: unknown) => e instanceof CustomLabelsError && e.code === code && pattern.test(e.message),
        JSON.stringify(s),
      );
    }
  });

  it('describes the settings for the log without the credentials', () => {
    const text = describeSettings({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: creds, maxAttempts: 1 });
    assert.strictEqual(text, 'region us-east-1, endpoint http://127.0.0.1:1, static credentials, retry standard x1');
    assert.ok(!text.includes('AKID') && !text.includes('SECRET'));
    assert.match(describeSettings({ region: 'us-east-1', profile: 'dev' }), /profile dev/);
  });
});

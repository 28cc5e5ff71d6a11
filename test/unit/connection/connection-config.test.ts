import * as assert from 'node:assert/strict';
import {
  connectionKey,
  connectionLabel,
  readConnectionConfig,
  SANDBOX_CREDENTIALS,
  toConnectionSettings,
} from '../../../src/connection/connection-config';
import { CUSTOM_LABELS_REGIONS, isCustomLabelsRegion } from '../../../src/connection/regions';

const settings = (values: Record<string, unknown>) => (key: string) => values[key];

describe('connection settings', () => {
  it('defaults to AWS, us-east-1, the default chain and 5 s polling', () => {
    const c = readConnectionConfig(settings({}));
    assert.deepEqual(c, { mode: 'aws', region: 'us-east-1', profile: undefined, endpoint: undefined, sandboxEndpoint: undefined, pollingIntervalMs: 5000 });
    assert.equal(connectionLabel(c), 'default · us-east-1');
  });

  it('AWS mode uses the profile, region and endpoint override, never static credentials', () => {
    const c = readConnectionConfig(settings({ region: 'eu-west-1', profile: ' dev ', endpoint: 'https://vpce.example.com', pollingIntervalMs: 10 }));
    assert.equal(c.pollingIntervalMs, 1000, 'clamped to the minimum');
    const s = toConnectionSettings(c);
    assert.deepEqual(s, { region: 'eu-west-1', profile: 'dev', endpoint: 'https://vpce.example.com' });
    assert.equal(connectionLabel(c), 'dev · eu-west-1 · vpce.example.com');
  });

  it('sandbox mode uses the sandbox endpoint and static dummy credentials', () => {
    const c = readConnectionConfig(settings({ connection: 'sandbox', profile: 'dev' }));
    const s = toConnectionSettings(c, { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1' });
    assert.equal(s.endpoint, 'http://127.0.0.1:4566');
    assert.equal(s.profile, undefined);
    assert.deepEqual(s.credentials, SANDBOX_CREDENTIALS);
    assert.equal(connectionLabel(c, { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1' }), 'Sandbox · 127.0.0.1:4566');
    assert.throws(() => toConnectionSettings(c));
  });

  it('reconnects only when a connection setting changes, not the polling interval', () => {
    const a = readConnectionConfig(settings({ pollingIntervalMs: 2000 }));
    const b = readConnectionConfig(settings({ pollingIntervalMs: 9000 }));
    const c = readConnectionConfig(settings({ region: 'us-west-2' }));
    assert.equal(connectionKey(a), connectionKey(b));
    assert.notEqual(connectionKey(a), connectionKey(c));
  });

  it('knows the regions where Custom Labels is available', () => {
    assert.equal(CUSTOM_LABELS_REGIONS.length, 11);
    assert.ok(isCustomLabelsRegion('ap-northeast-2'));
    assert.ok(!isCustomLabelsRegion('us-west-1'));
  });
});

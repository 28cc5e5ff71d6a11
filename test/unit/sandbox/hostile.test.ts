/**
 * Hostile input against the sandbox (issue #12): it runs inside the extension host, so a crash or
 * a stall here is the user's editor. Each case answers an AWS-shaped 4xx and the server keeps serving.
 */
import * as assert from 'assert';
import * as http from 'http';
import { ListDatasetEntriesCommand, ListDatasetLabelsCommand, type RekognitionClient } from '@aws-sdk/client-rekognition';
import { entryIssues } from '../../../src/manifest';
import { SandboxCore } from '../../../src/sandbox';
import { listen, type HttpServer } from '../../../src/sandbox/http/server';
import { MAX_BODY_BYTES } from '../../../src/sandbox/service/request-limits';
import { RequestLog } from '../../../src/sandbox/service/request-log';
import { boxLine, classLine, parseEntries, projectWithDataset, push, useSandbox } from './helpers';

interface Answer {
  status: number;
  json: Record<string, unknown>;
  /** Body bytes the client had written when the answer came. */
  sent: number;
}

/**
 * POSTs `total` bytes in 1 MiB chunks (chunked encoding unless `declare`), stopping as soon as the
 * answer arrives. The body is generated as it is sent: the client holds 1 MiB at a time.
 */
function postStream(port: number, total: number, options: { declare?: boolean; host?: string; target?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': options.target ?? 'RekognitionService.UpdateDatasetEntries',
    };
    if (options.declare) headers['content-length'] = total;
    if (options.host) headers.host = options.host;
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers, agent: false });
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(1024 * 1024, 0x5b); // '[' over and over
    req.on('response', (res) => {
      answered = true;
      const at = sent;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>, sent: at });
        req.destroy();
      });
      res.on('error', reject);
    });
    req.on('error', (e) => {
      // The server closes the connection once it has answered: writes after that fail, as expected.
      if (!answered) reject(e);
    });
    const pump = (): void => {
      while (!answered && sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && sent >= total) req.end();
    };
    pump();
  });
}

async function post(endpoint: string, target: string, body: string, host?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target };
    if (host !== undefined) headers.host = host;
    const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function assertAwsError(r: { status: number; json: Record<string, unknown> }, type: string, status: number): void {
  assert.strictEqual(r.status, status, JSON.stringify(r.json).slice(0, 300));
  assert.strictEqual(r.json.__type, type);
  assert.strictEqual(r.json.Code, type);
  assert.strictEqual(typeof r.json.Message, 'string');
  assert.match(String(r.json.Logref), /^[0-9a-f-]{36}$/);
}

describe('sandbox: hostile input', () => {
  describe('request bodies', () => {
    let core: SandboxCore;
    let server: HttpServer;
    beforeEach(async () => {
      core = new SandboxCore({ transitionDelayMs: 10 });
      server = await listen(core);
    });
    afterEach(async () => {
      await server.close();
      core.close();
    });

    it('answers a body over the limit as soon as the limit is passed, without reading the rest (four at once)', async () => {
      const total = 64 * 1024 * 1024;
      const answers = await Promise.all([0, 1, 2, 3].map(() => postStream(server.port, total)));
      for (const a of answers) {
        assertAwsError(a, 'InvalidParameterException', 413);
        assert.match(String(a.json.Message), /larger than 8388608 bytes/);
        // What the client could push before the answer: the limit plus what the sockets buffer.
        assert.ok(a.sent < MAX_BODY_BYTES + 24 * 1024 * 1024, `the client sent ${a.sent} of ${total} bytes before the answer`);
      }
      const after = await post(`http://127.0.0.1:${server.port}`, 'RekognitionService.DescribeProjects', '{}');
      assert.strictEqual(after.status, 200, 'the server still serves');
    });

    it('refuses a declared ~600 MB body before any of it is sent', async () => {
      const a = await postStream(server.port, 600 * 1024 * 1024, { declare: true });
      assertAwsError(a, 'InvalidParameterException', 413);
      assert.ok(a.sent <= 32 * 1024 * 1024, `sent ${a.sent}`);
    });

    it('keeps a request that throws inside the core within the error boundary', async () => {
      const original = core.handle.bind(core);
      core.handle = () => {
        throw new RangeError('Invalid string length');
      };
      const r = await post(`http://127.0.0.1:${server.port}`, 'RekognitionService.DescribeProjects', '{}');
      assertAwsError(r, 'InternalServerError', 500);
      core.handle = original;
      assert.strictEqual((await post(`http://127.0.0.1:${server.port}`, 'RekognitionService.DescribeProjects', '{}')).status, 200);
    });

    it('answers a body nested millions deep with a 4xx, without parsing it', async () => {
      // 10 MB nested 5M deep is over the size limit; 8 MB nested 4M deep is under it and reaches the nesting bound.
      const over = await post(`http://127.0.0.1:${server.port}`, 'RekognitionService.DescribeProjects', '['.repeat(5_000_000) + ']'.repeat(5_000_000));
      assertAwsError(over, 'InvalidParameterException', 413);
      const r = await post(`http://127.0.0.1:${server.port}`, 'RekognitionService.DescribeProjects', '['.repeat(4_000_000) + ']'.repeat(4_000_000));
      assertAwsError(r, 'InvalidParameterException', 400);
      assert.match(String(r.json.Message), /more than 32 levels deep/);
    });

    it('answers a deeply nested member with a 4xx, not a 500', async () => {
      const deep = '['.repeat(20_000) + ']'.repeat(20_000);
      for (const body of [`{"ProjectName":${deep}}`, `{"Tags":{"a":${deep}}}`]) {
        const r = await post(`http://127.0.0.1:${server.port}`, 'RekognitionService.CreateProject', body);
        assertAwsError(r, 'InvalidParameterException', 400);
      }
    });
  });

  describe('the operation table', () => {
    const box = useSandbox();

    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      it(`treats RekognitionService.${name} as an unknown operation`, async () => {
        const r = await post(box.sandbox.endpoint, `RekognitionService.${name}`, '{}');
        assertAwsError(r, 'UnknownOperationException', 400);
      });
    }
  });

  describe('the Host header', () => {
    const box = useSandbox();

    for (const host of ['127.0.0.1', '127.0.0.1:4566', 'localhost', 'LOCALHOST:80', '[::1]', '[::1]:65535']) {
      it(`accepts the loopback host ${host}`, async () => {
        assert.strictEqual((await post(box.sandbox.endpoint, 'RekognitionService.DescribeProjects', '{}', host)).status, 200);
      });
    }
    for (const host of ['evil.example', 'evil.example:4566', '127.0.0.1.evil.example', 'localhost.evil.example', '10.0.0.1']) {
      it(`refuses the host '${host}' (DNS rebinding)`, async () => {
        const r = await post(box.sandbox.endpoint, 'RekognitionService.DescribeProjects', '{}', host);
        assertAwsError(r, 'AccessDeniedException', 403);
      });
    }
  });

  describe('memory', () => {
    it('keeps a bounded record of requests however many it serves', () => {
      const core = new SandboxCore({ transitionDelayMs: 10 });
      try {
        const n = 2 * RequestLog.MAX_KEPT + 5_000;
        for (let i = 0; i < n; i++) core.handle({ target: 'RekognitionService.DescribeProjects', body: '{}' });
        assert.ok(core.requests.length <= RequestLog.MAX_KEPT, `${core.requests.length} records kept`);
        assert.strictEqual(core.requestCount, n);
        assert.strictEqual(core.requests.at(-1)?.operation, 'DescribeProjects');
      } finally {
        core.close();
      }
    });
  });

  describe('manifest lines', () => {
    const box = useSandbox();
    let client: RekognitionClient;
    let arn: string;
    beforeEach(async () => {
      client = box.client;
      arn = (await projectWithDataset(client, 'hostile')).datasetArn;
    });

    it('stores a valid line nested 20,000 deep without failing the lines beside it', async () => {
      const deep = '['.repeat(20_000) + ']'.repeat(20_000);
      const deepLine = classLine('s3://bucket/deep.jpg', 'cat').replace(/}}$/, `,"x":${deep}}}`);
      assert.ok(deepLine.length < 100_000);
      const d = await push(client, arn, [classLine('s3://bucket/1.jpg', 'cat'), deepLine, classLine('s3://bucket/2.jpg', 'dog')]);
      assert.strictEqual(d.Status, 'UPDATE_COMPLETE');
      assert.strictEqual(d.DatasetStats?.TotalEntries, 3);
      const entries = (await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn }))).DatasetEntries ?? [];
      assert.ok(entries.includes(deepLine), 'the deep line is stored as it was sent');
    });

    it('keeps a stored entry within the 100,000 characters ListDatasetEntries may answer', async () => {
      // A line of 99,900 characters with a non-terminal error: the error with its message would take it over.
      const base = boxLine('s3://bucket/near.jpg', [{ label: 'car', left: 700, top: 500, width: 300, height: 200 }]);
      const near = base.replace('"source-ref":', `"pad":"${'p'.repeat(99_900 - base.length - 9)}","source-ref":`);
      assert.strictEqual(near.length, 99_900);
      const d = await push(client, arn, [near, classLine('s3://bucket/1.jpg', 'cat')]);
      assert.strictEqual(d.DatasetStats?.ErrorEntries, 1);
      const [entry] = (await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, HasErrors: true }))).DatasetEntries ?? [];
      assert.ok(entry.length <= 100_000, `an entry of ${entry.length} characters`);
      assert.ok(entryIssues(entry).issues.some((e) => e.code === 'ERROR_INVALID_BOUNDING_BOX'), entry.slice(-300));
    });

    it('counts labels named constructor, toString, __proto__ and hasOwnProperty as labels', async () => {
      const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];
      const d = await push(client, arn, names.map((n, i) => classLine(`s3://bucket/${i}.jpg`, n)));
      assert.strictEqual(d.DatasetStats?.TotalLabels, 4);
      const labels = (await client.send(new ListDatasetLabelsCommand({ DatasetArn: arn }))).DatasetLabelDescriptions ?? [];
      assert.deepStrictEqual(
        labels.map((l) => [l.LabelName, l.LabelStats?.EntryCount, l.LabelStats?.BoundingBoxCount]),
        [...names].sort().map((n) => [n, 1, 0]),
      );
      const entries = parseEntries((await client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, ContainsLabels: ['__proto__'] }))).DatasetEntries);
      assert.deepStrictEqual(entries.map((e) => e['source-ref']), ['s3://bucket/2.jpg']);
    });
  });
});

/** The thin HTTP layer: POST / with X-Amz-Target, bound to 127.0.0.1. */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { SandboxCore } from './core';

export interface HttpServer {
  readonly port: number;
  close(): Promise<void>;
}

export function listen(core: SandboxCore, port = 0): Promise<HttpServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      const response =
        req.method === 'POST'
          ? core.handle({ target: Array.isArray(target) ? target[0] : target, body: Buffer.concat(chunks) })
          : {
              statusCode: 405,
              headers: { 'content-type': 'text/plain' },
              body: 'This is the Rekognition Custom Labels sandbox: send awsJson1_1 POST requests (point the AWS SDK at this endpoint).',
            };
      if ('lost' in response && response.lost) {
        req.socket.destroy();
        return;
      }
      res.writeHead(response.statusCode, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
      res.end(response.body);
    });
  });
  // Keep idle connections open as long as AWS endpoints do. With Node's default (5 s), a client
  // reusing a pooled socket just as the server closes it gets ECONNRESET: a flaky failure the
  // real service does not produce. headersTimeout must exceed keepAliveTimeout.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** The thin HTTP layer: POST / with X-Amz-Target, bound to 127.0.0.1. */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { type CoreResponse, type SandboxCore, failureResponse } from './core';
import { MAX_BODY_BYTES, bodyTooLarge, foreignHost, isLoopbackHost } from './request-limits';

export interface HttpServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Bodies over this many bytes are refused as soon as the limit is passed (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

export function listen(core: SandboxCore, port = 0, options: ListenOptions = {}): Promise<HttpServer> {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const server = http.createServer((req, res) => guarded(res, () => serve(core, req, res, maxBodyBytes)));
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
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

function serve(core: SandboxCore, req: http.IncomingMessage, res: http.ServerResponse, maxBodyBytes: number): void {
  req.on('error', () => req.destroy());
  res.on('error', () => res.destroy());
  if (!isLoopbackHost(req.headers.host)) {
    refuse(req, res, failureResponse(foreignHost(req.headers.host)));
    return;
  }
  if (req.method !== 'POST') {
    refuse(req, res, {
      statusCode: 405,
      headers: { 'content-type': 'text/plain' },
      body: 'This is the Rekognition Custom Labels sandbox: send awsJson1_1 POST requests (point the AWS SDK at this endpoint).',
    });
    return;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    refuse(req, res, failureResponse(bodyTooLarge(maxBodyBytes)));
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  let done = false;
  req.on('data', (c: Buffer) => guarded(res, () => {
    if (done) return;
    received += c.length;
    if (received > maxBodyBytes) {
      done = true;
      chunks.length = 0;
      refuse(req, res, failureResponse(bodyTooLarge(maxBodyBytes)));
      return;
    }
    chunks.push(c);
  }));
  req.on('end', () => guarded(res, () => {
    if (done) return;
    done = true;
    const target = req.headers['x-amz-target'];
    reply(res, core.handle({ target: Array.isArray(target) ? target[0] : target, body: Buffer.concat(chunks) }));
  }));
}

/** The one error boundary of a request: whatever throws becomes an AWS-shaped 500, never an uncaught exception. */
function guarded(res: http.ServerResponse, work: () => void): void {
  try {
    work();
  } catch (e) {
    try {
      reply(res, failureResponse(e));
    } catch {
      res.destroy();
    }
  }
}

/**
 * How the rest of a refused body is read and discarded (never buffered) before the connection is
 * dropped, as servers do for a "lingering close": dropping it at once would reset the socket under
 * the client before it reads the answer. The connection closes once the client has been quiet for
 * LINGER_IDLE_MS, or LINGER_MAX_MS after the answer whatever it does.
 */
const LINGER_IDLE_MS = 2_000;
const LINGER_MAX_MS = 30_000;

/** Answers before the body is read; the rest is discarded as it comes. */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, response: CoreResponse): void {
  const socket = req.socket;
  let idle = setTimeout(() => socket.destroy(), LINGER_IDLE_MS);
  const cap = setTimeout(() => socket.destroy(), LINGER_MAX_MS);
  idle.unref();
  cap.unref();
  socket.once('close', () => {
    clearTimeout(idle);
    clearTimeout(cap);
  });
  req.removeAllListeners('data');
  req.on('data', () => {
    clearTimeout(idle);
    idle = setTimeout(() => socket.destroy(), LINGER_IDLE_MS);
    idle.unref();
  });
  req.resume();
  res.setHeader('connection', 'close');
  reply(res, response);
}

function reply(res: http.ServerResponse, response: CoreResponse): void {
  if (response.lost || res.headersSent) {
    // lost: applied, but the answer never reaches the client (faults.loseNextResponse).
    res.destroy();
    return;
  }
  res.writeHead(response.statusCode, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
  res.end(response.body);
}



/**
 * The thin HTTP layer, bound to 127.0.0.1: POST / with X-Amz-Target (Rekognition), and every
 * other path, path-style S3 (/bucket/key, /bucket?list-type=2: the S3 folder, ../s3/rest.ts).
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { type CoreResponse, type SandboxCore, failureResponse } from '../service/core';
import { MAX_BODY_BYTES, bodyTooLarge, foreignHost, isLoopbackHost } from '../service/request-limits';
import { type S3Response, handleS3 } from '../s3/rest';
import { S3_MAX_BODY_BYTES } from '../s3/write';

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
  // Rekognition is POST / (X-Amz-Target); every other path is S3, path-style.
  const s3 = (req.url ?? '/') !== '/' && !(req.url ?? '/').startsWith('/?');
  if (!isLoopbackHost(req.headers.host)) {
    if (s3) refuseS3(req, res, 'AccessDenied', 403, foreignHost(req.headers.host).message);
    else refuse(req, res, failureResponse(foreignHost(req.headers.host)));
    return;
  }
  if (s3) {
    serveS3(core, req, res);
    return;
  }
  if (req.method !== 'POST') {
    refuse(req, res, {
      statusCode: 405,
      headers: { 'content-type': 'text/plain' },
      body: 'This is the Rekognition Custom Labels sandbox: send awsJson1_1 POST requests (point the AWS SDK at this endpoint), or S3 requests path-style (/bucket/key).',
    });
    return;
  }
  readBody(req, res, maxBodyBytes, () => refuse(req, res, failureResponse(bodyTooLarge(maxBodyBytes))), (body) => {
    const target = req.headers['x-amz-target'];
    // Answered once what it could reveal is on disk (--data): see state/persistence.ts.
    void core.handleSaved({ target: Array.isArray(target) ? target[0] : target, body }).then(
      (response) => guarded(res, () => reply(res, response)),
      (e: unknown) => guarded(res, () => reply(res, failureResponse(e))),
    );
  });
}

/**
 * An S3 request: GetObject, HeadObject, ListObjectsV2 and AbortMultipartUpload have no body (one
 * that comes is refused, never read); PutObject, UploadPart and CompleteMultipartUpload have theirs
 * read whole, up to S3_MAX_BODY_BYTES (more is refused as it comes: EntityTooLarge).
 */
function serveS3(core: SandboxCore, req: http.IncomingMessage, res: http.ServerResponse): void {
  const answer = (body?: Buffer) =>
    core.noteS3(replyS3(req, res, handleS3(core.ctx.s3Root, { method: req.method!, url: req.url ?? '/', headers: req.headers, ...(body ? { body } : {}) })));
  if (req.method !== 'PUT' && req.method !== 'POST') {
    if (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) !== 0) {
      refuseS3(req, res, 'InvalidRequest', 400, `${req.method === 'DELETE' ? 'AbortMultipartUpload' : 'GetObject, HeadObject and ListObjectsV2'} take no request body.`);
      return;
    }
    answer();
    return;
  }
  const tooLarge = () => refuseS3(req, res, 'EntityTooLarge', 400, `Your proposed upload exceeds the maximum allowed size: the sandbox's S3 takes at most ${S3_MAX_BODY_BYTES} bytes per request (use a multipart upload).`);
  readBody(req, res, S3_MAX_BODY_BYTES, tooLarge, answer);
}

/**
 * A request's body, up to `max` bytes: refused before reading when its declared length is over,
 * and as it comes when what arrives is (`tooLarge` answers once, the rest is dropped unread).
 */
function readBody(req: http.IncomingMessage, res: http.ServerResponse, max: number, tooLarge: () => void, then: (body: Buffer) => void): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    tooLarge();
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  let done = false;
  req.on('data', (c: Buffer) => guarded(res, () => {
    if (done) return;
    received += c.length;
    if (received > max) {
      done = true;
      chunks.length = 0;
      tooLarge();
      return;
    }
    chunks.push(c);
  }));
  req.on('end', () => guarded(res, () => {
    if (done) return;
    done = true;
    then(Buffer.concat(chunks));
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

/**
 * Answers before the body is read; the rest is discarded as it comes. The answer is written whole
 * (its Content-Length) but ended only once the client has sent the rest or gone quiet: Node closes
 * the connection when an answer ends before its request, and closing a socket with unread data
 * resets it, which makes the client lose the answer it had not read yet.
 */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, response: CoreResponse): void {
  const socket = req.socket;
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    clearTimeout(idle);
    if (!res.writableEnded) res.end();
  };
  let idle = setTimeout(end, LINGER_IDLE_MS);
  const cap = setTimeout(() => socket.destroy(), LINGER_MAX_MS);
  idle.unref();
  cap.unref();
  socket.once('close', () => {
    clearTimeout(idle);
    clearTimeout(cap);
  });
  req.removeAllListeners('data');
  req.removeAllListeners('end');
  req.on('data', () => {
    if (ended) return;
    clearTimeout(idle);
    idle = setTimeout(end, LINGER_IDLE_MS);
    idle.unref();
  });
  req.on('end', end);
  req.resume();
  if (response.lost || res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(response.statusCode, { ...response.headers, 'content-length': Buffer.byteLength(response.body), connection: 'close' });
  res.write(response.body);
  if (req.readableEnded) end();
}

/** An S3 error before the request is served (foreign host, a body): the XML answer, the body discarded. */
function refuseS3(req: http.IncomingMessage, res: http.ServerResponse, code: string, status: number, message: string): void {
  const answer = handleS3(undefined, { method: req.method ?? 'GET', url: '/', headers: {} });
  const head = req.method === 'HEAD';
  const id = answer.headers['x-amz-request-id']!;
  const body = head ? '' : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlText(message)}</Message><RequestId>${id}</RequestId><HostId>${id}</HostId></Error>`;
  refuse(req, res, { statusCode: status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': id }, body });
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Writes an S3 answer: a text body, or the byte range of a file streamed (never read whole into memory). */
function replyS3(req: http.IncomingMessage, res: http.ServerResponse, answer: S3Response): { operation: string; range?: string; status: number; sent: number } {
  const range = typeof req.headers.range === 'string' ? req.headers.range.slice(0, 100) : undefined;
  const head = req.method === 'HEAD';
  const sent = head ? 0 : answer.body !== undefined ? Buffer.byteLength(answer.body) : answer.file ? answer.file.end - answer.file.start + 1 : 0;
  const noted = { operation: answer.operation, status: answer.statusCode, ...(range ? { range } : {}), sent };
  if (answer.body !== undefined) {
    res.writeHead(answer.statusCode, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
    return noted;
  }
  res.writeHead(answer.statusCode, answer.headers);
  if (!answer.file || req.method === 'HEAD') {
    res.end();
    return noted;
  }
  const stream = fs.createReadStream(answer.file.path, { start: answer.file.start, end: answer.file.end });
  // The file changed or went away after the headers were sent: the client sees a short body, as with S3.
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
  return noted;
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



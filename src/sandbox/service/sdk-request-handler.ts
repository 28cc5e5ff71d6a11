/**
 * The core as an in-process SDK request handler (no socket): pass it as the client's
 * `requestHandler`; the real serializer, error mapping and retries still run.
 *   new RekognitionClient({ region, credentials, requestHandler: createRequestHandler(core) })
 * The response is structurally an @smithy/protocol-http HttpResponse.
 */
import { Readable } from 'stream';
import type { SandboxCore } from './core';

interface HandlerRequest {
  headers: Record<string, string>;
  body?: unknown;
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return String(body);
}

export function createRequestHandler(core: SandboxCore) {
  return {
    metadata: { handlerProtocol: 'sandbox' },
    async handle(request: HandlerRequest) {
      const target = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'x-amz-target')?.[1];
      const r = await core.handleSaved({ target, body: bodyText(request.body) });
      if (r.lost) throw Object.assign(new Error('socket hang up (the sandbox dropped the response: faults.loseNextResponse)'), { code: 'ECONNRESET' });
      return {
        response: {
          statusCode: r.statusCode,
          reason: undefined,
          headers: r.headers,
          body: Readable.from([Buffer.from(r.body, 'utf8')]),
        },
      };
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, never> {
      return {};
    },
    destroy(): void {},
  };
}

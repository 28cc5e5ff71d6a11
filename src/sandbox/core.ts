/**
 * The pure core: state + operations, taking a request object and returning a response object.
 * The HTTP server (http.ts) and the in-process SDK request handler (request-handler.ts) are thin
 * layers over it.
 */
import { randomUUID } from 'crypto';
import type { Context } from './context';
import { ServiceError } from './errors';
import { FaultCounter } from './faults';
import type { Body } from './input';
import { OPERATIONS } from './operations';
import { decodeGroundTruth } from './operations/entries';
import { DEFAULT_ACCOUNT, DEFAULT_REGION, DEFAULT_TRANSITION_DELAY_MS, type FaultOptions, type RequestRecord, type SandboxOptions } from './options';
import { Persistence } from './persistence';
import { Scheduler } from './scheduler';
import { State } from './state';
import { resumePending } from './transitions';

export const TARGET_PREFIX = 'RekognitionService.';
export const CONTENT_TYPE = 'application/x-amz-json-1.1';

export interface CoreRequest {
  /** The X-Amz-Target header. */
  target?: string;
  body: string | Uint8Array;
}

export interface CoreResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  /** Applied, but no answer must reach the client (the loseNextResponse fault): close the connection. */
  lost?: boolean;
}

export class SandboxCore {
  readonly ctx: Context;
  readonly requests: RequestRecord[] = [];
  private readonly counter = new FaultCounter();
  private readonly persistence?: Persistence;

  constructor(options: SandboxOptions = {}) {
    const state = new State();
    this.persistence = options.persistDir ? new Persistence(options.persistDir) : undefined;
    const saved = this.persistence?.load();
    if (saved) state.restore(saved);
    const persistence = this.persistence;
    this.ctx = {
      state,
      scheduler: new Scheduler(options.transitionDelayMs ?? DEFAULT_TRANSITION_DELAY_MS),
      account: options.account ?? DEFAULT_ACCOUNT,
      region: options.region ?? DEFAULT_REGION,
      seed: options.seed ?? 1,
      delayMs: options.transitionDelayMs ?? DEFAULT_TRANSITION_DELAY_MS,
      s3Root: options.s3Root,
      faults: { ...(options.faults ?? {}) },
      changed: () => persistence?.save(state.snapshot()),
    };
    if (saved) resumePending(this.ctx);
  }

  get faults(): FaultOptions {
    return this.ctx.faults;
  }

  /** Replacing the fault options restarts the request count of the Nth-request faults. */
  set faults(value: FaultOptions) {
    this.ctx.faults = value;
    this.counter.reset();
  }

  handle(req: CoreRequest): CoreResponse {
    const text = typeof req.body === 'string' ? req.body : Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength).toString('utf8');
    const bytes = Buffer.byteLength(text, 'utf8');
    const target = req.target ?? '';
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    const record: RequestRecord = { operation, bytes };
    this.requests.push(record);
    try {
      const op = target.startsWith(TARGET_PREFIX) ? OPERATIONS[operation] : undefined;
      if (!op) {
        throw new ServiceError(
          'UnknownOperationException',
          target ? `The operation '${target}' is not supported by this service (the sandbox implements ${Object.keys(OPERATIONS).join(', ')}).` : 'The request has no X-Amz-Target header.',
        );
      }
      const body = parseBody(text);
      if (operation === 'UpdateDatasetEntries') {
        try {
          record.payloadBytes = decodeGroundTruth(body).length;
        } catch {
          // The operation reports it.
        }
      }
      const fault = this.counter.check(this.ctx.faults, operation);
      if (fault) throw fault;
      const response = ok(op(this.ctx, body));
      if (this.ctx.faults.loseNextResponse === operation) {
        this.ctx.faults.loseNextResponse = undefined;
        return { ...response, lost: true };
      }
      return response;
    } catch (e) {
      return failure(e);
    }
  }

  close(): void {
    this.ctx.scheduler.close();
  }
}

function parseBody(text: string): Body {
  if (text.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ServiceError('SerializationException', 'The request body is not valid JSON.');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ServiceError('SerializationException', 'The request body must be a JSON object.');
  return v as Body;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID(), ...extra };
}

function ok(body: Body): CoreResponse {
  return { statusCode: 200, headers: headers(), body: JSON.stringify(body) };
}

function failure(e: unknown): CoreResponse {
  const err = e instanceof ServiceError ? e : new ServiceError('InternalServerError', `Internal server error: ${e instanceof Error ? e.message : String(e)}`);
  return { statusCode: err.status, headers: headers({ 'x-amzn-errortype': err.type }), body: JSON.stringify(err.toBody()) };
}

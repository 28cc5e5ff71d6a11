/**
 * The pure core: state + operations, taking a request object and returning a response object.
 * The HTTP server (../http/server.ts) and the in-process SDK request handler (sdk-request-handler.ts) are thin
 * layers over it.
 */
import { randomUUID } from 'crypto';
import type { Context } from './context';
import { ServiceError } from './errors';
import { FaultCounter } from './faults';
import type { Body } from './input';
import { OPERATIONS } from '../operations';
import { decodeGroundTruth } from '../operations/entries';
import { DEFAULT_ACCOUNT, DEFAULT_REGION, DEFAULT_TRANSITION_DELAY_MS, type FaultOptions, type RequestRecord, type SandboxOptions } from './options';
import { Cursors } from './pagination';
import { Persistence } from '../state/persistence';
import { MAX_BODY_BYTES, MAX_REQUEST_DEPTH, bodyTooLarge, nestsDeeperThan, tooDeep } from './request-limits';
import { RequestLog } from './request-log';
import { Scheduler } from '../lifecycle/scheduler';
import { State } from '../state/records';
import { resumePending } from '../lifecycle/transitions';

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
  private readonly log = new RequestLog();
  private readonly counter = new FaultCounter();
  private readonly persistence?: Persistence;

  constructor(options: SandboxOptions = {}) {
    const state = new State();
    this.persistence = options.persistDir ? new Persistence(options.persistDir) : undefined;
    const saved = this.persistence?.load();
    if (saved) state.restore(saved);
    const persistence = this.persistence;
    const snapshot = () => state.snapshot();
    this.ctx = {
      state,
      scheduler: new Scheduler(options.transitionDelayMs ?? DEFAULT_TRANSITION_DELAY_MS, options.clock),
      cursors: new Cursors(),
      account: options.account ?? DEFAULT_ACCOUNT,
      region: options.region ?? DEFAULT_REGION,
      seed: options.seed ?? 1,
      delayMs: options.transitionDelayMs ?? DEFAULT_TRANSITION_DELAY_MS,
      s3Root: options.s3Root,
      faults: { ...(options.faults ?? {}) },
      // Written behind the requests (coalesced), not once per change: see ../state/persistence.ts.
      changed: () => persistence?.schedule(snapshot),
    };
    if (saved) resumePending(this.ctx);
  }

  /** The most recent requests (at most RequestLog.MAX_KEPT), newest last. */
  get requests(): readonly RequestRecord[] {
    return this.log.recent();
  }

  /** Records an S3 request the HTTP layer answered (../s3/rest.ts), so tests see what was read. */
  noteS3(answered: { operation: string; status: number; range?: string; sent: number }): void {
    this.log.add({ operation: answered.operation, bytes: 0, status: answered.status, ...(answered.range ? { range: answered.range } : {}), sent: answered.sent });
  }

  /** Requests seen since the start (not bounded by what is kept). */
  get requestCount(): number {
    return this.log.total;
  }

  get faults(): FaultOptions {
    return this.ctx.faults;
  }

  /** Replacing the fault options restarts the request count of the Nth-request faults. */
  set faults(value: FaultOptions) {
    this.ctx.faults = value;
    this.counter.reset();
  }

  /** Every request ends here, and nothing it holds can throw past this boundary. */
  handle(req: CoreRequest): CoreResponse {
    try {
      return this.serve(req);
    } catch (e) {
      return failure(e);
    }
  }

  private serve(req: CoreRequest): CoreResponse {
    const target = req.target ?? '';
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    const bytes = typeof req.body === 'string' ? Buffer.byteLength(req.body, 'utf8') : req.body.byteLength;
    const record: RequestRecord = { operation, bytes };
    this.log.add(record);
    try {
      if (bytes > MAX_BODY_BYTES) throw bodyTooLarge(MAX_BODY_BYTES);
      // Own entries only: 'constructor', 'toString' or '__proto__' are not operations.
      const op = target.startsWith(TARGET_PREFIX) ? OPERATIONS.get(operation) : undefined;
      if (!op) {
        throw new ServiceError(
          'UnknownOperationException',
          target
            ? `The operation '${target.slice(0, 200)}' is not supported by this service (the sandbox implements ${[...OPERATIONS.keys()].join(', ')}).`
            : 'The request has no X-Amz-Target header.',
        );
      }
      const text = typeof req.body === 'string' ? req.body : Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength).toString('utf8');
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

  /**
   * `handle`, answered only once what the answer could reveal is on disk (`--data`): the HTTP
   * layer and the SDK request handler answer through this, so no acknowledged change is lost by
   * a crash. Never rejects: a failed write is answered InternalServerError (which the SDK treats
   * as "may have been applied").
   */
  async handleSaved(req: CoreRequest): Promise<CoreResponse> {
    let response: CoreResponse;
    try {
      response = this.handle(req);
    } catch (e) {
      // handle() catches everything it runs; this guards a replaced or broken handle() all the same.
      return failure(e);
    }
    const persistence = this.persistence;
    if (!persistence?.dirty) return response;
    const error = await new Promise<Error | undefined>((resolve) => persistence.whenWritten(resolve));
    if (!error) return response;
    return failure(
      new ServiceError(
        'InternalServerError',
        `The sandbox could not save its state in ${persistence.dir} (${error.message}); the request may have been applied in memory only. Free space or fix the folder's permissions, then try again.`,
      ),
    );
  }

  /** Writes the changes not yet persisted now (they are written within FLUSH_DELAY_MS anyway). */
  flush(): void {
    this.persistence?.flush();
  }

  close(): void {
    this.ctx.scheduler.close();
    this.ctx.cursors.clear();
    this.persistence?.close();
  }
}

function parseBody(text: string): Body {
  if (text.trim() === '') return {};
  if (nestsDeeperThan(text, MAX_REQUEST_DEPTH)) throw tooDeep(MAX_REQUEST_DEPTH);
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

/** An error as the AWS-shaped response (a ServiceError as it is; anything else InternalServerError). */
export function failureResponse(e: unknown): CoreResponse {
  return failure(e);
}

function failure(e: unknown): CoreResponse {
  const err = e instanceof ServiceError ? e : new ServiceError('InternalServerError', `Internal server error: ${describe(e)}`);
  return { statusCode: err.status, headers: headers({ 'x-amzn-errortype': err.type }), body: JSON.stringify(err.toBody()) };
}

function describe(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return 'unknown failure';
  }
}
